using System.Text.Json;
using EventTracker.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.History;

/// <summary>What every resource's <c>GET /{id}/history</c> shares: the handler's body and its documentation.</summary>
public static class HistoryApi
{
    public static RouteHandlerBuilder WithHistoryDocs(this RouteHandlerBuilder builder, RecordResource resource, string resourceName)
    {
        var noun = resource.EntityType;
        return builder
            .WithName($"Get{resourceName}History")
            .WithSummary($"List every revision of {IndefiniteArticle(noun)} {noun}")
            .WithDescription(
                $"Every create, update and delete of the {noun}, newest first, each with the full snapshot " +
                "as it was after the change, the name of the API key that made it and when. Deleted records keep their history.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<HistoryResponse>, ProblemHttpResult>> ListAsync(
        IHistoryStore history, string entityType, long id, CancellationToken cancellationToken)
    {
        var rows = await history.ListAsync(entityType, id, cancellationToken);
        if (rows.Count == 0)
        {
            return Problems.NotFound(entityType, id);
        }

        var items = rows.Select(row => new RevisionResponse(
                row.Version,
                row.Action,
                row.ChangedBy,
                Timestamps.Parse(row.ChangedAt),
                JsonDocument.Parse(row.Snapshot).RootElement.Clone()))
            .ToList();
        return TypedResults.Ok(new HistoryResponse(items));
    }

    /// <summary>"a" or "an" before an entity name in operation summaries ("an event", "a source").</summary>
    private static string IndefiniteArticle(string noun) => "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
}

/// <summary>A record's history.</summary>
/// <param name="Items">Revisions, newest first.</param>
public sealed record HistoryResponse(IReadOnlyList<RevisionResponse> Items);

/// <summary>One change to a record.</summary>
/// <param name="Version">The record's version after the change.</param>
/// <param name="Action">created, updated or deleted.</param>
/// <param name="ChangedBy">The name of the API key that made the change.</param>
/// <param name="ChangedAt">When the change was committed (UTC).</param>
/// <param name="Snapshot">The whole record as it was after the change.</param>
public sealed record RevisionResponse(long Version, string Action, string? ChangedBy, DateTimeOffset ChangedAt, JsonElement Snapshot);
