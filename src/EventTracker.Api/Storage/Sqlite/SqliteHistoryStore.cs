using EventTracker.Api.Common;
using Dapper;
using EventTracker.Api.History;

namespace EventTracker.Api.Storage.Sqlite;

public sealed class SqliteHistoryStore(SqliteConnectionFactory connections) : IHistoryStore
{
    private const string ListSql = """
        SELECT version, action, snapshot, changed_by, changed_at
        FROM revisions
        WHERE entity_type = @EntityType AND entity_id = @EntityId
        ORDER BY id DESC
        """;

    private static readonly KeptStatement Insert = new("""
        INSERT INTO revisions (entity_type, entity_id, version, action, snapshot, changed_by, changed_at)
        VALUES (@EntityType, @EntityId, @Version, @Action, @Snapshot, @ChangedBy, @ChangedAt)
        """);

    public Task AppendAsync(IUnitOfWork work, RecordKind kind, long entityId, StoredRevision revision)
    {
        var (connection, transaction) = SqliteUnitOfWork.Of(work);
        Insert.Execute(connection, transaction,
            ("@EntityType", EnumText.ToText(kind)),
            ("@EntityId", entityId),
            ("@Version", revision.Version),
            ("@Action", revision.Action),
            ("@Snapshot", revision.Snapshot),
            ("@ChangedBy", revision.ChangedBy),
            ("@ChangedAt", revision.ChangedAt));
        return Task.CompletedTask;
    }

    public async Task AppendManyAsync(IUnitOfWork work, RecordKind kind, IReadOnlyList<(long EntityId, StoredRevision Revision)> revisions)
    {
        // One kept statement, run per row: in-process SQLite, a row costs microseconds either way.
        foreach (var (entityId, revision) in revisions)
        {
            await AppendAsync(work, kind, entityId, revision);
        }
    }

    public async Task<IReadOnlyList<StoredRevision>> ListAsync(RecordKind kind, long entityId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<StoredRevision>(new CommandDefinition(
            ListSql, new { EntityType = EnumText.ToText(kind), EntityId = entityId }, cancellationToken: cancellationToken))).ToList();
    }
}
