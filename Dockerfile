# EventTracker API container.
#   docker build -t eventtracker .
#   docker run -p 8080:8080 -v eventtracker-data:/data eventtracker

# Build stage: the full SDK restores, builds and publishes the API (the same step .ci/run runs).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props EventTracker.sln ./
COPY db/ db/
COPY src/ src/
RUN dotnet publish src/EventTracker.Api/EventTracker.Api.csproj -c Release -o /app

# Runtime stage: only the ASP.NET runtime and the published output.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# The database lives on a volume so that it outlives the container; the non-root user owns it.
RUN mkdir -p /data && chown app:app /data
VOLUME ["/data"]

# Configuration is by environment variable (see README, "Configuration").
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__EventTracker="Data Source=/data/eventtracker.db"

# The aspnet image ships the unprivileged "app" user (uid 1654).
USER app
EXPOSE 8080

# The runtime image has no curl; bash's /dev/tcp speaks just enough HTTP for a liveness probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["dotnet", "EventTracker.Api.dll"]
