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
        // A read that would hold the database for minutes unless its statement is stopped (ReadTimeLimitTests).
        probes.MapGet("/heavy-read", async (EventTracker.Api.Storage.Relational.IRelationalDialect dialect, CancellationToken cancellationToken) =>
        {
            await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
            var sql = TestStore.IsPostgres
                ? "SELECT count(*) FROM pg_sleep(120)"
                : "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000000) SELECT count(*) FROM n";
            return TypedResults.Ok(await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, new Dapper.CommandDefinition(sql, cancellationToken: cancellationToken)));
        });
        // A read that keeps the server busy for a given time (rate limits weigh requests by it).
        probes.MapGet("/busy", async (int milliseconds) =>
        {
            await Task.Delay(milliseconds);
            return TypedResults.Ok(milliseconds);
        });
        probes.MapGet("/whoami", (System.Security.Claims.ClaimsPrincipal user) => TypedResults.Ok(user.KeyName() ?? "anonymous"));
    }
}

public sealed record ProbeBody(string Name, int Count, IReadOnlyList<string>? Tags);
