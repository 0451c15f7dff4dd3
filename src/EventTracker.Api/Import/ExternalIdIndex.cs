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

    private static readonly Dictionary<RecordKind, string> SetSql = new()
    {
        [RecordKind.Organization] = "UPDATE organizations SET external_id = @ExternalId WHERE id = @Id",
        [RecordKind.Actor] = "UPDATE actors SET external_id = @ExternalId WHERE id = @Id",
        [RecordKind.Source] = "UPDATE sources SET external_id = @ExternalId WHERE id = @Id",
        [RecordKind.Event] = "UPDATE events SET external_id = @ExternalId WHERE id = @Id",
    };

    private readonly Dictionary<(RecordKind, string), StoredRecord> _found = [];

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
            return null;
        }

        var record = new StoredRecord(found.Id, found.DeletedAt is not null);
        _found[(kind, externalId)] = record;
        return record;
    }

    public async Task AssignAsync(RecordKind kind, string externalId, long id)
    {
        await connection.ExecuteAsync(SetSql[kind], new { ExternalId = externalId, Id = id }, transaction());
        _found[(kind, externalId)] = new StoredRecord(id, false);
    }

    /// <summary>Forgets an assignment whose write was rolled back.</summary>
    public void Forget(RecordKind kind, string externalId) => _found.Remove((kind, externalId));

    /// <summary>Forgets everything: after a whole batch rolled back.</summary>
    public void Clear() => _found.Clear();
}

public sealed record StoredRecord(long Id, bool Deleted);
