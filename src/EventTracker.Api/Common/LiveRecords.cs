using Dapper;
using EventTracker.Api.Data;

namespace EventTracker.Api.Common;

public enum RecordKind
{
    Organization,
    Actor,
    Source,
    Event,
}

/// <summary>Answers "does this live (not deleted) record exist?" for validators checking references.</summary>
public sealed class LiveRecords(SqliteConnectionFactory connections)
{
    // One fixed statement per table: table names never come from input.
    private static readonly Dictionary<RecordKind, string> ExistsSql = new()
    {
        [RecordKind.Organization] = "SELECT EXISTS (SELECT 1 FROM organizations WHERE id = @Id AND deleted_at IS NULL)",
        [RecordKind.Actor] = "SELECT EXISTS (SELECT 1 FROM actors WHERE id = @Id AND deleted_at IS NULL)",
        [RecordKind.Source] = "SELECT EXISTS (SELECT 1 FROM sources WHERE id = @Id AND deleted_at IS NULL)",
        [RecordKind.Event] = "SELECT EXISTS (SELECT 1 FROM events WHERE id = @Id AND deleted_at IS NULL)",
    };

    public async Task<bool> ExistsAsync(RecordKind kind, long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ExistsSql[kind], new { Id = id }, cancellationToken: cancellationToken));
    }
}
