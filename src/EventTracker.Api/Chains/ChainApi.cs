using System.ComponentModel;
using Dapper;
using EventTracker.Api.Caching;
using EventTracker.Api.Common;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Api.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Chains;

/// <summary>
/// The tit-for-tat chain: every event connected to one event through relations, followed in both
/// directions, in date order, with the lag between each response and what it answers.
/// </summary>
public static class ChainApi
{
    /// <summary>How many relation steps away from the event the chain is followed.</summary>
    public const int MaxDepth = 25;

    /// <summary>The most events one chain returns.</summary>
    public const int MaxEvents = 500;

    /// <summary>The most (event, depth) pairs the walk may visit: bounds the work on a dense graph.</summary>
    public const int MaxSteps = MaxEvents * 10;

    // Each step follows a relation either way; UNION drops repeated (id, depth) pairs, the depth bound
    // ends cycles, and the step budget stops the walk early in a dense web of relations. Relations of
    // deleted events are not followed.
    private const string ComponentSql = """
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
        SELECT e.id, MIN(c.depth) AS depth
        FROM chain c JOIN events e ON e.id = c.id AND e.deleted_at IS NULL
        GROUP BY e.id, e.span_start
        ORDER BY MIN(c.depth), e.span_start, e.id
        LIMIT @Limit
        """;

    private const string EdgesSql = """
        SELECT r.event_id, r.target_event_id, r.type
        FROM event_relations r
        WHERE r.event_id IN @Ids AND r.target_event_id IN @Ids
        ORDER BY r.event_id, r.position
        """;

    public static RouteGroupBuilder MapChains(this RouteGroupBuilder api)
    {
        api.MapGet("/events/{id:recordId}/chain", GetChainAsync)
            .WithTags("Timeline")
            .WithName("GetEventChain")
            .WithSummary("The tit-for-tat chain an event belongs to")
            .WithDescription(
                $"Every event connected to this one through relations (responds_to, follows_up, part_of, duplicates), followed in " +
                $"both directions up to {MaxDepth} steps away and at most {MaxEvents} events (a walk of at most {MaxSteps} steps), in date order. Each step names who " +
                "acted (the initiators); each edge gives its type and the lag in days between the responding event and the one it " +
                "answers. Cycles are safe. `truncated` says whether the bounds cut the chain short. " + ReadCaching.ETagNote)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheUntilDataChanges();
        return api;
    }

    private static async Task<Results<Ok<ChainResponse>, ProblemHttpResult>> GetChainAsync(
        [Description("The event's id.")] long id, SqliteConnectionFactory connections, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenForReadingAsync(cancellationToken);
        var component = (await connection.QueryAsync<(long Id, long Depth)>(new CommandDefinition(
            ComponentSql, new { Id = id, MaxDepth, MaxSteps, Limit = MaxEvents + 1 }, cancellationToken: cancellationToken))).ToList();
        if (component.Count == 0)
        {
            return Problems.NotFound("event", id);
        }

        var truncated = component.Count > MaxEvents || component.Any(c => c.Depth == MaxDepth);
        var ids = component.Take(MaxEvents).Select(c => c.Id).ToList();
        var events = (await EventReader.LoadAsync(connection, ids, cancellationToken: cancellationToken))
            .OrderBy(e => PartialDate.Parse(e.Date).First).ThenBy(e => e.Id)
            .ToList();
        var starts = events.ToDictionary(e => e.Id, e => PartialDate.Parse(e.Date).First);

        var edges = (await connection.QueryAsync<(long EventId, long TargetEventId, string Type)>(new CommandDefinition(
                EdgesSql, new { Ids = ids }, cancellationToken: cancellationToken)))
            .Select(edge => new ChainEdge(
                edge.EventId,
                edge.TargetEventId,
                EnumText.Parse<RelationType>(edge.Type),
                starts[edge.EventId].DayNumber - starts[edge.TargetEventId].DayNumber))
            .ToList();

        var steps = events.Select(e => new ChainStep(
                e,
                e.Participants.Where(p => p.Role == ParticipantRole.Initiator).Select(p => p.Name).ToList()))
            .ToList();
        return TypedResults.Ok(new ChainResponse(id, MaxDepth, truncated, steps, edges));
    }
}

/// <summary>A chain of events linked by relations.</summary>
/// <param name="EventId">The event the chain was asked for.</param>
/// <param name="MaxDepth">How many relation steps away the chain was followed.</param>
/// <param name="Truncated">True when the depth or size bound may have cut the chain short.</param>
/// <param name="Steps">The events, in date order.</param>
/// <param name="Edges">The relations between them.</param>
public sealed record ChainResponse(long EventId, int MaxDepth, bool Truncated, IReadOnlyList<ChainStep> Steps, IReadOnlyList<ChainEdge> Edges);

/// <summary>One event of a chain.</summary>
/// <param name="Event">The whole event.</param>
/// <param name="ActedBy">The names of its initiators: who acted at this step.</param>
public sealed record ChainStep(EventResponse Event, IReadOnlyList<string> ActedBy);

/// <summary>A relation within the chain, from the responding event to the one it answers.</summary>
/// <param name="FromEventId">The event that has the relation (e.g. the response).</param>
/// <param name="ToEventId">The event it points to (e.g. what it answers).</param>
/// <param name="Type">The relation type.</param>
/// <param name="LagDays">Days from the target's date to this event's date (first possible days of each).</param>
public sealed record ChainEdge(long FromEventId, long ToEventId, RelationType Type, int LagDays);
