using System.ComponentModel;
using System.Text.Json;
using Dapper;
using EventTracker.Api.Common;
using EventTracker.Api.Storage.Sqlite;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.History;

/// <summary><c>GET /{resource}/{id}/history</c> for every resource, newest revision first.</summary>
public static class HistoryApi
{
    private const string ListSql = """
        SELECT version, action, snapshot, changed_by, changed_at
        FROM revisions
        WHERE entity_type = @EntityType AND entity_id = @EntityId
        ORDER BY id DESC
        """;

    public static RouteHandlerBuilder MapHistory(this RouteGroupBuilder group, string entityType, string resourceName)
    {
        return group.MapGet("/{id:recordId}/history", ([Description("The record's id.")] long id, SqliteConnectionFactory connections, CancellationToken cancellationToken) =>
                ListAsync(entityType, id, connections, cancellationToken))
            .WithName($"Get{resourceName}History")
            .WithSummary($"List every revision of {ResourceEndpoints.IndefiniteArticle(entityType)} {entityType}")
            .WithDescription(
                $"Every create, update and delete of the {entityType}, newest first, each with the full snapshot " +
                "as it was after the change, the name of the API key that made it and when. Deleted records keep their history.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<HistoryResponse>, ProblemHttpResult>> ListAsync(
        string entityType, long id, SqliteConnectionFactory connections, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RevisionRow>(new CommandDefinition(
            ListSql, new { EntityType = entityType, EntityId = id }, cancellationToken: cancellationToken))).ToList();
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

    private sealed record RevisionRow(long Version, string Action, string Snapshot, string? ChangedBy, string ChangedAt);
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
