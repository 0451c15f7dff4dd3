using EventTracker.Api.Events;

namespace EventTracker.Api.Chains;

/// <summary>An event's connected events, as the store walked them.</summary>
/// <param name="Component">Event ids with their fewest relation steps from the event, nearest first, then in date order.</param>
/// <param name="Events">The live events of the component's first <c>limit - 1</c> ids, whole.</param>
/// <param name="Edges">The relations among those events, from the event that has the relation to its target.</param>
public sealed record ChainGraph(
    IReadOnlyList<(long Id, long Depth)> Component,
    IReadOnlyList<EventResponse> Events,
    IReadOnlyList<(long EventId, long TargetEventId, RelationType Type)> Edges);

public interface IChainStore
{
    /// <summary>
    /// Follows relations both ways from <paramref name="id"/>, at most <paramref name="maxDepth"/> steps away and
    /// <paramref name="maxSteps"/> steps in all, answering up to <paramref name="limit"/> events; null when the
    /// event is not live. Relations of deleted events are not followed.
    /// </summary>
    Task<ChainGraph?> ReadAsync(long id, int maxDepth, int maxSteps, int limit, CancellationToken cancellationToken);
}
