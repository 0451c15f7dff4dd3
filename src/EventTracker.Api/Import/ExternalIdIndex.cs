using System.Data;
using Dapper;
using EventTracker.Api.Common;

namespace EventTracker.Api.Import;

/// <summary>
/// Finds records by the client-supplied <c>externalId</c> of bulk import, inside the import's
/// transaction, and remembers what it found or created.
/// </summary>
public sealed class ExternalIdIndex(IDbConnection connection, Func<IDbTransaction> transaction)
{
    // Fixed statements per table; table names never come from input.
    private static readonly Dictionary<RecordKind, string> FindSql = new()
    {
        [RecordKind.Organization] = "SELECT id, deleted_at FROM organizations WHERE external_id = @ExternalId",
        [RecordKind.Actor] = "SELECT id, deleted_at FROM actors WHERE external_id = @ExternalId",
        [RecordKind.Source] = "SELECT id, deleted_at FROM sources WHERE external_id = @ExternalId",
        [RecordKind.Event] = "SELECT id, deleted_at FROM events WHERE external_id = @ExternalId",
    };

    private static readonly Dictionary<RecordKind, string> FindManySql = new()
    {
        [RecordKind.Organization] = "SELECT external_id, id, deleted_at FROM organizations WHERE external_id IN @ExternalIds",
        [RecordKind.Actor] = "SELECT external_id, id, deleted_at FROM actors WHERE external_id IN @ExternalIds",
        [RecordKind.Source] = "SELECT external_id, id, deleted_at FROM sources WHERE external_id IN @ExternalIds",
        [RecordKind.Event] = "SELECT external_id, id, deleted_at FROM events WHERE external_id IN @ExternalIds",
    };

    // A null value records that the external id is known not to be stored.
    private readonly Dictionary<(RecordKind, string), StoredRecord?> _found = [];

    /// <summary>Looks up a batch's external ids in one query per kind, so that each line need not.</summary>
    public async Task PrefetchAsync(RecordKind kind, IReadOnlyCollection<string> externalIds)
    {
        var wanted = externalIds.Where(id => !_found.ContainsKey((kind, id))).Distinct().ToList();
        foreach (var chunk in wanted.Chunk(500))
        {
            var rows = await connection.QueryAsync<(string ExternalId, long Id, string? DeletedAt)>(
                FindManySql[kind], new { ExternalIds = chunk }, transaction());
            var stored = rows.ToDictionary(row => row.ExternalId, StringComparer.Ordinal);
            foreach (var externalId in chunk)
            {
                _found[(kind, externalId)] = stored.TryGetValue(externalId, out var row) ? new StoredRecord(row.Id, row.DeletedAt is not null) : null;
            }
        }
    }

    public async Task<StoredRecord?> FindAsync(RecordKind kind, string externalId)
    {
        if (_found.TryGetValue((kind, externalId), out var known))
        {
            return known;
        }

        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string? DeletedAt)?>(
            FindSql[kind], new { ExternalId = externalId }, transaction());
        if (row is not { } found)
        {
            _found[(kind, externalId)] = null;
            return null;
        }

        var record = new StoredRecord(found.Id, found.DeletedAt is not null);
        _found[(kind, externalId)] = record;
        return record;
    }

    /// <summary>Records a record just stored with its external id, for the lines after it.</summary>
    public void Remember(RecordKind kind, string externalId, long id) => _found[(kind, externalId)] = new StoredRecord(id, false);

    /// <summary>Forgets what it knew of an external id whose line was rolled back; the next lookup asks again.</summary>
    public void Forget(RecordKind kind, string externalId) => _found.Remove((kind, externalId));

    /// <summary>Forgets everything: after a whole batch rolled back.</summary>
    public void Clear() => _found.Clear();
}

public sealed record StoredRecord(long Id, bool Deleted);
