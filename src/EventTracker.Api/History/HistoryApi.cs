using EventTracker.Api.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.History;

/// <summary>What every resource's <c>GET /{id}/history</c> shares: the handler's body and its documentation.</summary>
public static class HistoryApi
{
    public static IServiceCollection AddHistory(this IServiceCollection services) =>
        services.AddSingleton<RevisionWriter>().AddSingleton<HistoryReader>();

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

    /// <summary>"a" or "an" before an entity name in operation summaries ("an event", "a source").</summary>
    private static string IndefiniteArticle(string noun) => "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
}

/// <summary>A record's history.</summary>
/// <param name="Items">Revisions, newest first.</param>
public sealed record HistoryResponse<T>(IReadOnlyList<RevisionResponse<T>> Items);

/// <summary>One change to a record.</summary>
/// <param name="Version">The record's version after the change.</param>
/// <param name="Action">What the change did.</param>
/// <param name="ChangedBy">The name of the API key that made the change.</param>
/// <param name="ChangedAt">When the change was committed (UTC).</param>
/// <param name="Snapshot">The whole record as GET returned it after the change (for a delete: as it was before).</param>
public sealed record RevisionResponse<T>(long Version, RevisionAction Action, string? ChangedBy, DateTimeOffset ChangedAt, T Snapshot);
