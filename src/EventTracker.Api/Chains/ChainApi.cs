using System.ComponentModel;
using EventTracker.Api.Caching;
using EventTracker.Api.Errors;
using EventTracker.Api.Events;
using EventTracker.Api.Values;
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

    public static RouteGroupBuilder MapChains(this RouteGroupBuilder api)
    {
        api.MapGet("/events/{id:recordId}/chain", GetChainAsync)
            .WithTags("Chains")
            .WithName("GetEventChain")
            .WithSummary("The tit-for-tat chain an event belongs to")
            .WithDescription(
                $"Every event connected to this one through relations (responds_to, follows_up, part_of, duplicates), followed in " +
                $"both directions up to {MaxDepth} steps away and at most {MaxEvents} events (a walk of at most {MaxSteps} steps), in date order. Each step names who " +
                "acted (the initiators); a response is always listed after what it answers. Each edge gives its type and the lag in days between the " +
                "responding event and the one it answers: `lagDays` when both dates are whole days, else null with the range the partial dates " +
                "allow in `lagDaysMin` and `lagDaysMax` (never below 0 for responds_to). " +
                "Cycles are safe. `truncated` says whether the bounds cut the chain short. " + ReadCaching.ETagNote)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheUntilDataChanges();
        return api;
    }

    private static async Task<Results<Ok<ChainResponse>, ProblemHttpResult>> GetChainAsync(
        [Description("The event's id.")] long id, IChainStore store, CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(id, MaxDepth, MaxSteps, MaxEvents + 1, cancellationToken) is not { } graph)
        {
            return Problems.NotFound("event", id);
        }

        var truncated = graph.Component.Count > MaxEvents || graph.Component.Any(c => c.Depth == MaxDepth);
        var events = ChainOrder.Sort(graph.Events);
        var dates = events.ToDictionary(e => e.Id, e => PartialDate.Parse(e.Date));
        var edges = graph.Edges
            .Where(edge => dates.ContainsKey(edge.EventId) && dates.ContainsKey(edge.TargetEventId))
            .Select(edge =>
            {
                var (exact, min, max) = ChainOrder.Lag(dates[edge.EventId], dates[edge.TargetEventId], edge.Type);
                return new ChainEdge(edge.EventId, edge.TargetEventId, edge.Type, exact, min, max);
            })
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
/// <param name="Steps">The events in date order, each response after what it answers.</param>
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
/// <param name="LagDays">Days from the target's date to this event's date when both are whole days; null when a partial date leaves it open (see the range).</param>
/// <param name="LagDaysMin">The fewest days the dates allow between the two (never below 0 for responds_to).</param>
/// <param name="LagDaysMax">The most days the dates allow between the two.</param>
public sealed record ChainEdge(long FromEventId, long ToEventId, RelationType Type, int? LagDays, int LagDaysMin, int LagDaysMax);
