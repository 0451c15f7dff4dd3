using EventTracker.Api.Records;
using EventTracker.Api.Storage;

namespace EventTracker.Api.Import;

/// <summary>A record found by its external id; deleted ones are found too, so that import does not bring them back.</summary>
public sealed record StoredRecord(long Id, bool Deleted);

public interface IImportStore
{
    /// <summary>The records of <paramref name="kind"/> stored under any of <paramref name="externalIds"/>, by external id.</summary>
    Task<IReadOnlyDictionary<string, StoredRecord>> FindByExternalIdsAsync(IUnitOfWork work, RecordKind kind, IReadOnlyCollection<string> externalIds);

    /// <summary>True when no organization, actor, source or event was ever stored (the demo seed's condition).</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);
}
