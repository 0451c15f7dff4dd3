using EventTracker.Api.Records;
using EventTracker.Api.Storage;

namespace EventTracker.Api.Import;

/// <summary>
/// Finds stored records by external id inside the import's current unit of work, and remembers both what
/// it found and what the import created, so that each external id is looked up at most once.
/// </summary>
public sealed class ExternalIdIndex(IImportStore store, Func<IUnitOfWork> work)
{
    // A null value records that the external id is known not to be stored.
    private readonly Dictionary<(RecordKind, string), StoredRecord?> _found = [];

    public async Task PrefetchAsync(RecordKind kind, IReadOnlyCollection<string> externalIds)
    {
        var wanted = externalIds.Where(id => !_found.ContainsKey((kind, id))).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var stored = await store.FindByExternalIdsAsync(work(), kind, wanted);
        foreach (var externalId in wanted)
        {
            _found[(kind, externalId)] = stored.GetValueOrDefault(externalId);
        }
    }

    public async ValueTask<StoredRecord?> FindAsync(RecordKind kind, string externalId)
    {
        // Nearly every reference of a large import names a record met before: no list and no await for those.
        if (_found.TryGetValue((kind, externalId), out var known))
        {
            return known;
        }

        await PrefetchAsync(kind, [externalId]);
        return _found[(kind, externalId)];
    }

    public void Remember(RecordKind kind, string externalId, long id) => _found[(kind, externalId)] = new StoredRecord(id, false);

    public void Forget(RecordKind kind, string externalId) => _found.Remove((kind, externalId));

    public void Clear() => _found.Clear();

    /// <summary>How many external ids it remembers, found or not.</summary>
    public int Count => _found.Count;
}
