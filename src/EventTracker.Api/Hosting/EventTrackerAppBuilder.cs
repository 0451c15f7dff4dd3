using EventTracker.Api.Auth;
using EventTracker.Api.Data;
using EventTracker.Api.Errors;
using EventTracker.Api.EventTypes;
using EventTracker.Api.Health;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Organizations;
using EventTracker.Api.Actors;
using EventTracker.Api.Sources;
using EventTracker.Api.Events;
using EventTracker.Api.Timeline;
using EventTracker.Api.Chains;
using EventTracker.Api.Export;
using EventTracker.Api.Import;
using EventTracker.Api.Common;
using EventTracker.Api.History;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Hosting;

/// <summary>Everything Program.cs wires: services in <see cref="AddEventTracker"/>, pipeline in <see cref="UseEventTracker"/>.</summary>
public static class EventTrackerAppBuilder
{
    public static WebApplicationBuilder AddEventTracker(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<DatabaseOptions>().Configure(options =>
            options.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
                                       ?? DatabaseOptions.DefaultConnectionString);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section).ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<IRecordLookup, LiveRecords>();
        services.AddSingleton<RevisionWriter>();
        services.AddSingleton<EventTypeCatalog>();
        services.AddSingleton<NdjsonImporter>();
        services.AddSingleton<DemoSeeder>();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<JsonOptions>(options => JsonSetup.Configure(options.SerializerOptions));
        // Bad requests become exceptions so that ProblemExceptionHandler can say exactly what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.EditorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Editor))
            .AddPolicy(Roles.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));

        services.AddValidatorsFromAssemblyContaining(typeof(EventTrackerAppBuilder), includeInternalTypes: true);
        services.AddEventTrackerOpenApi();

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    public static WebApplication UseEventTracker(this WebApplication app)
    {
        app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
        app.Services.GetRequiredService<DemoSeeder>().SeedIfEnabledAndEmptyAsync().GetAwaiter().GetResult();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();

        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint($"/swagger/{OpenApiSetup.DocumentName}/swagger.json", "EventTracker API v1");
            options.DocumentTitle = "EventTracker API";
        });

        var root = app.MapGroup("").ProducesProblem(StatusCodes.Status500InternalServerError);
        root.MapHealth();

        var api = root.MapGroup("/api/v1");
        api.MapEventTypes();
        api.MapOrganizations();
        api.MapActors();
        api.MapSources();
        api.MapEvents();
        api.MapTimeline();
        api.MapChains();
        api.MapExport();
        api.MapImport(app.Services.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxImportBodyBytes);
        foreach (var contributor in app.Services.GetServices<IEndpointContributor>())
        {
            contributor.Map(api);
        }

        return app;
    }
}
