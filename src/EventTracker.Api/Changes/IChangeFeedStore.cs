using EventTracker.Api.History;
using EventTracker.Api.Records;

namespace EventTracker.Api.Changes;

/// <summary>A row of the change log: a position in commit order and what changed.</summary>
public sealed record ChangeRow(long Position, RecordKind Kind, long RecordId, RevisionAction Action, long Version, string At);

public interface IChangeFeedStore
{
    /// <summary>
    /// The highest position visible now. Positions become visible in order: every position up to it is visible too.
    /// </summary>
    Task<long> LatestPositionAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="take"/> changes after <paramref name="after"/> and up to <paramref name="upTo"/>, of the given kinds (all when null), oldest first.</summary>
    Task<IReadOnlyList<ChangeRow>> ReadAsync(long after, long upTo, IReadOnlyCollection<RecordKind>? kinds, int take, CancellationToken cancellationToken);
}
