using System.Data;
using Dapper;
using EventTracker.Api.Storage.Sqlite;

namespace EventTracker.Api.Common;

public enum RecordKind
{
    Organization,
    Actor,
    Source,
    Event,
}

/// <summary>Answers "does this live (not deleted) record exist?" for validators checking references.</summary>
public interface IRecordLookup
{
    Task<bool> ExistsAsync(RecordKind kind, long id, CancellationToken cancellationToken);
}

/// <summary>One fixed statement per table: table names never come from input.</summary>
internal static class ExistsSql
{
    public static readonly IReadOnlyDictionary<RecordKind, string> ByKind = new Dictionary<RecordKind, string>
    {
        [RecordKind.Organization] = "SELECT EXISTS (SELECT 1 FROM organizations WHERE id = @Id AND deleted_at IS NULL)",
        [RecordKind.Actor] = "SELECT EXISTS (SELECT 1 FROM actors WHERE id = @Id AND deleted_at IS NULL)",
        [RecordKind.Source] = "SELECT EXISTS (SELECT 1 FROM sources WHERE id = @Id AND deleted_at IS NULL)",
        [RecordKind.Event] = "SELECT EXISTS (SELECT 1 FROM events WHERE id = @Id AND deleted_at IS NULL)",
    };
}

/// <summary>The lookup the API's validators use: a committed read on a connection of its own.</summary>
public sealed class LiveRecords(SqliteConnectionFactory connections) : IRecordLookup
{
    public async Task<bool> ExistsAsync(RecordKind kind, long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ExistsSql.ByKind[kind], new { Id = id }, cancellationToken: cancellationToken));
    }
}

/// <summary>
/// The lookup bulk import uses: reads inside the import's own transaction (so records created earlier
/// in the same batch count) and remembers what it found.
/// </summary>
public sealed class TransactionRecords(IDbConnection connection, Func<IDbTransaction> transaction) : IRecordLookup
{
    private readonly HashSet<(RecordKind, long)> _known = [];

    public async Task<bool> ExistsAsync(RecordKind kind, long id, CancellationToken cancellationToken)
    {
        if (_known.Contains((kind, id)))
        {
            return true;
        }

        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            ExistsSql.ByKind[kind], new { Id = id }, transaction(), cancellationToken: cancellationToken));
        if (exists)
        {
            _known.Add((kind, id));
        }

        return exists;
    }

    public void Remember(RecordKind kind, long id) => _known.Add((kind, id));

    /// <summary>Forgets everything: after a rollback, remembered records may no longer exist.</summary>
    public void Clear() => _known.Clear();
}
