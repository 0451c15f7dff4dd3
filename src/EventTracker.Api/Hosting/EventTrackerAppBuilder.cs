using EventTracker.Api.Actors;
using EventTracker.Api.Analyses;
using EventTracker.Api.Auth;
using EventTracker.Api.Caching;
using EventTracker.Api.Chains;
using EventTracker.Api.Changes;
using EventTracker.Api.Drafts;
using EventTracker.Api.Errors;
using EventTracker.Api.Events;
using EventTracker.Api.EventTypes;
using EventTracker.Api.Export;
using EventTracker.Api.Health;
using EventTracker.Api.History;
using EventTracker.Api.Http;
using EventTracker.Api.Import;
using EventTracker.Api.Observability;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Operations;
using EventTracker.Api.Organizations;
using EventTracker.Api.Paging;
using EventTracker.Api.Records;
using EventTracker.Api.Sources;
using EventTracker.Api.Storage;
using EventTracker.Api.Timeline;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Hosting;

/// <summary>Everything Program.cs wires: services in <see cref="AddEventTracker"/>, pipeline in <see cref="UseEventTracker"/>.</summary>
public static class EventTrackerAppBuilder
{
    public static WebApplicationBuilder AddEventTracker(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddStorage(configuration);
        services.AddApiKeyAuth();
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section).ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CursorCodec>();
        services.AddSingleton<RecordWrites>();

        // Each feature registers what it needs beside its routes (its folder's *Api.cs).
        services.AddEventTypes();
        services.AddTimeline();
        services.AddHistory();
        services.AddChanges();
        services.AddAnalyses();
        services.AddImport();
        services.AddDrafts();

        services.Configure<RouteOptions>(routes => routes.ConstraintMap[RecordIdConstraint.Name] = typeof(RecordIdConstraint));
        services.AddProblemAnswers();
        services.Configure<JsonOptions>(options => JsonSetup.Configure(options.SerializerOptions));


        // Validators hold no request state; building their rules once, not per request, matters on hot paths.
        services.AddValidatorsFromAssemblyContaining(typeof(EventTrackerAppBuilder), ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddEventTrackerOpenApi();

        var limits = configuration.GetSection(RequestLimitsOptions.Section).Get<RequestLimitsOptions>() ?? new RequestLimitsOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Math.Max(limits.MaxJsonBodyBytes, limits.MaxImportBodyBytes);
            // The query string and header limits are the service's own (RequestShapeLimitsMiddleware: 414 and 431 as
            // problem+json). Kestrel refuses with an empty body, so its limits sit well above them: four times the
            // service's limit plus 64 KiB (request line 80 KiB, headers 192 KiB, 400 headers with the defaults).
            // Kestrel stays the backstop for absurd sizes only.
            kestrel.Limits.MaxRequestLineSize = KestrelBackstop(limits.MaxQueryStringLength);
            kestrel.Limits.MaxRequestHeadersTotalSize = KestrelBackstop(limits.MaxRequestHeadersBytes);
            kestrel.Limits.MaxRequestHeaderCount = (int)Math.Min(int.MaxValue, 4L * limits.MaxRequestHeaderCount);
            // HTTP/2 (where a deployment enables it) carries the path and query in a header field of its own.
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = Math.Max(kestrel.Limits.MaxRequestLineSize, kestrel.Limits.MaxRequestHeadersTotalSize);
        });

        services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(limits.RequestTimeoutSeconds),
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        });
        services.AddEventTrackerRateLimiting(configuration);
        services.AddEventTrackerReadCache();
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [])
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Content-Type", ApiKeyAuthenticationHandler.HeaderName, "If-Match", "If-None-Match")
            .WithExposedHeaders("ETag", "Location", "Retry-After", "Content-Disposition")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddEventTrackerProxyTrust();
        // After the read cache: metrics wrap its store.
        services.AddEventTrackerTelemetry(configuration);
        return builder;
    }

    /// <summary>Kestrel's own limit for a size the service limits itself: 4× the service's limit plus 64 KiB.</summary>
    private static int KestrelBackstop(int serviceLimit) => (int)Math.Min(int.MaxValue, 4L * serviceLimit + 64 * 1024);

    public static WebApplication UseEventTracker(this WebApplication app)
    {
        app.Services.GetRequiredService<IStoreSchema>().Migrate();
        app.Services.GetRequiredService<DemoSeeder>().SeedIfEnabledAndEmptyAsync().GetAwaiter().GetResult();

        // X-Forwarded-For and X-Forwarded-Proto count only from the proxies in ForwardedHeaders:KnownProxies and
        // KnownNetworks (none by default): the client address keys the rate limits, the scheme the links.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<RequestShapeLimitsMiddleware>();
        // The timeline page (wwwroot: index.html at /, its modules under /page, its icon): static files, no build step.
        // Only those paths look at the file system; API requests pass by without a directory lookup each.
        app.UseWhen(context => context.Request.Path == "/" || context.Request.Path.StartsWithSegments("/page") || context.Request.Path == "/index.html" ||
                context.Request.Path == "/favicon.ico",
            page => page.UseDefaultFiles().UseStaticFiles());
        app.UseRouting();
        app.UseCors();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<RequestCostMiddleware>();
        app.UseMiddleware<ReadTimeLimitMiddleware>();
        app.UseRequestTimeouts();
        app.UseMiddleware<AuditLoggingMiddleware>();
        app.UseAuthorization();
        // Before the read cache, whose entries vary by every query key: a misspelled filter must not be served the unfiltered answer.
        app.UseMiddleware<UnknownQueryParametersMiddleware>();
        // After authorization: a cached response is still only served to a caller allowed to see it.
        app.UseOutputCache();

        if (app.Configuration.GetValue("Swagger:Enabled", true))
        {
            // The document served names the origin it was fetched from, so Swagger UI calls the service it came from.
            app.UseSwagger(swagger => swagger.PreSerializeFilters.Add((document, request) =>
                document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = $"{request.Scheme}://{request.Host.Value}{request.PathBase}" }]));
            app.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint($"/swagger/{OpenApiSetup.DocumentName}/swagger.json", "EventTracker API v1");
                options.DocumentTitle = "EventTracker API";
                // Links to an operation (#/Timeline/GetTimeline) open it, so a researcher can share one.
                options.EnableDeepLinking();
                options.DisplayOperationId();
            });
        }

        var root = app.MapGroup("").ProducesProblem(StatusCodes.Status500InternalServerError);
        root.MapHealth();

        // Every API operation may be rate limited (429) or cut off by the request timeout (503).
        var api = root.MapGroup("/api/v1")
            .WithRequestValidation()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapEventTypes();
        api.MapOrganizations();
        api.MapActors();
        api.MapSources();
        api.MapEvents();
        api.MapTimeline();
        api.MapChains();
        api.MapAnalyses();
        api.MapChanges();
        api.MapExport();
        api.MapDrafts();
        api.MapImport(app.Services.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxImportBodyBytes);
        foreach (var contributor in app.Services.GetServices<IEndpointContributor>())
        {
            contributor.Map(api);
        }

        return app;
    }
}
