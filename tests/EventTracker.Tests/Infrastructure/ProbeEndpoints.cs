using EventTracker.Api.Auth;
using EventTracker.Api.Caching;
using EventTracker.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventTracker.Tests.Infrastructure;

/// <summary>Test-only endpoints that exercise the pipeline before (and beside) the resource endpoints.</summary>
public sealed class ProbeEndpoints : IEndpointContributor
{
    public const string SecretInFailure = "SQLite Error 1: no such table: secret_table; SELECT password FROM secret_table";

    public void Map(RouteGroupBuilder api)
    {
        var probes = api.MapGroup("/_probe");
        probes.MapPost("/editor", (ProbeBody body) => TypedResults.Ok(body)).RequireEditor();
        probes.MapPost("/admin", (ProbeBody body) => TypedResults.Ok(body)).RequireAdmin();
        probes.MapGet("/throw", IResult () => throw new InvalidOperationException(SecretInFailure));
        probes.MapGet("/slow", async (CancellationToken cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return TypedResults.Ok();
        });
        if (!TestStore.IsPostgres)
        {
            // Holds a statement inside SQLite until the test lets it go (see AbandonedReadTests).
            probes.MapGet("/long-read", LongRead.RunAsync).CacheUntilDataChanges();
        }
        probes.MapGet("/whoami", (System.Security.Claims.ClaimsPrincipal user) => TypedResults.Ok(user.KeyName() ?? "anonymous"));
    }
}

public sealed record ProbeBody(string Name, int Count, IReadOnlyList<string>? Tags);
