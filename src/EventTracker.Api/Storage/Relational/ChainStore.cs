using Dapper;
using EventTracker.Api.Chains;
using EventTracker.Api.Events;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// The chain in the SQL both stores speak. <paramref name="stepBudget"/>: whether the store can stop the recursive
/// walk after a number of steps (SQLite takes a LIMIT inside a recursive query; PostgreSQL does not, and its walk is
/// bounded by depth and by the distinct (event, depth) pairs alone).
/// </summary>
public sealed class ChainStore(IRelationalDialect dialect, EventReader reader, bool stepBudget) : IChainStore
{
    // Each step follows a relation either way; UNION drops repeated (id, depth) pairs, the depth bound
    // ends cycles, and the step budget stops the walk early in a dense web of relations. Relations of
    // deleted events are not followed.
    private string ComponentSql { get; } = stepBudget ? ComponentTemplate : ComponentTemplate.Replace("LIMIT @MaxSteps", "", StringComparison.Ordinal);

    private const string ComponentTemplate = """
        WITH RECURSIVE chain (id, depth) AS (
            SELECT @Id, 0
            UNION
            SELECT CASE WHEN r.event_id = c.id THEN r.target_event_id ELSE r.event_id END, c.depth + 1
            FROM chain c
            JOIN event_relations r ON r.event_id = c.id OR r.target_event_id = c.id
            JOIN events source ON source.id = r.event_id AND source.deleted_at IS NULL
            WHERE c.depth < @MaxDepth
            LIMIT @MaxSteps
        )
        SELECT e.id, CAST(MIN(c.depth) AS bigint) AS depth
        FROM chain c JOIN events e ON e.id = c.id AND e.deleted_at IS NULL
        GROUP BY e.id, e.span_start
        ORDER BY MIN(c.depth), e.span_start, e.id
        LIMIT @Limit
        """;

    private string EdgesSql { get; } = EdgesTemplate.Replace("IN @Ids", dialect.InList("Ids"), StringComparison.Ordinal);

    private const string EdgesTemplate = """
        SELECT r.event_id, r.target_event_id, r.type
        FROM event_relations r
        WHERE r.event_id IN @Ids AND r.target_event_id IN @Ids
        ORDER BY r.event_id, r.position
        """;

    public async Task<ChainGraph?> ReadAsync(long id, int maxDepth, int maxSteps, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var component = (await connection.QueryAsync<(long Id, long Depth)>(new CommandDefinition(
            ComponentSql, new { Id = id, MaxDepth = maxDepth, MaxSteps = maxSteps, Limit = limit }, cancellationToken: cancellationToken))).ToList();
        if (component.Count == 0)
        {
            return null;
        }

        var ids = component.Take(limit - 1).Select(c => c.Id).ToList();
        var events = await reader.LoadAsync(connection, ids, cancellationToken: cancellationToken);
        var edges = (await connection.QueryAsync<(long EventId, long TargetEventId, string Type)>(new CommandDefinition(
                EdgesSql, new { Ids = ids }, cancellationToken: cancellationToken)))
            .Select(edge => (edge.EventId, edge.TargetEventId, EnumText.Parse<RelationType>(edge.Type)))
            .ToList();
        return new ChainGraph(component, events, edges);
    }
}
