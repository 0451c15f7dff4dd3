using EventTracker.Api.Records;
using EventTracker.Api.Storage;

namespace EventTracker.Api.History;

/// <summary>A stored revision: the snapshot is the record's JSON as GET returned it after the change.</summary>
public sealed record StoredRevision(long Version, string Action, string Snapshot, string? ChangedBy, string ChangedAt);

public interface IHistoryStore
{
    Task AppendAsync(IUnitOfWork work, RecordKind kind, long entityId, StoredRevision revision);

    /// <summary>Many revisions of one entity type at once (bulk import), in as few statements as the store can.</summary>
    Task AppendManyAsync(IUnitOfWork work, RecordKind kind, IReadOnlyList<(long EntityId, StoredRevision Revision)> revisions);

    /// <summary>Every revision of the record, newest first; empty when it never existed.</summary>
    Task<IReadOnlyList<StoredRevision>> ListAsync(RecordKind kind, long entityId, CancellationToken cancellationToken);
}
