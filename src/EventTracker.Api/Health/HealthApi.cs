using EventTracker.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Health");

        group.MapGet("/live", Live)
            .WithName("GetLiveness")
            .WithSummary("Is the process up?")
            .WithDescription("Answers 200 while the process can serve requests. Used by container health checks.");

        group.MapGet("/ready", ReadyAsync)
            .WithName("GetReadiness")
            .WithSummary("Can the service answer queries?")
            .WithDescription("Answers 200 when the database opens and every migration is applied, 503 otherwise.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return routes;
    }

    private static Ok<HealthResponse> Live() => TypedResults.Ok(new HealthResponse(HealthStatus.Live, null));

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> ReadyAsync(
        IStoreSchema schema, IStoreFailures failures, CancellationToken cancellationToken)
    {
        try
        {
            var (shipped, upToDate) = await schema.StateAsync(cancellationToken);
            return upToDate
                ? TypedResults.Ok(new HealthResponse(HealthStatus.Ready, shipped))
                : NotReady("Database migrations are pending.");
        }
        catch (Exception exception) when (failures.IsUnavailable(exception))
        {
            return NotReady("The database cannot be opened.");
        }
    }

    private static ProblemHttpResult NotReady(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
}

/// <summary>Health state.</summary>
/// <param name="Status">live (the process answers) or ready (the store is reachable and migrated).</param>
/// <param name="MigrationsApplied">How many schema migrations are applied (readiness only).</param>
public sealed record HealthResponse(HealthStatus Status, int? MigrationsApplied);

/// <summary>What a health check found.</summary>
public enum HealthStatus
{
    Live,
    Ready,
}
