using EventTracker.Api.Common;
using Dapper;
using EventTracker.Api.History;
using EventTracker.Api.Storage.Relational;
using Npgsql;
using NpgsqlTypes;

namespace EventTracker.Api.Storage.Postgres;

public sealed class PostgresHistoryStore(NpgsqlDataSource dataSource, DatabaseOperations operations) : IHistoryStore
{
    private const string InsertSql = """
        INSERT INTO revisions (entity_type, entity_id, version, action, snapshot, changed_by, changed_at)
        VALUES (@EntityType, @EntityId, @Version, @Action, @Snapshot, @ChangedBy, @ChangedAt)
        """;

    private const string ListSql = """
        SELECT version, action, snapshot, changed_by, changed_at
        FROM revisions
        WHERE entity_type = @EntityType AND entity_id = @EntityId
        ORDER BY id DESC
        """;

    public Task AppendAsync(IUnitOfWork work, RecordKind kind, long entityId, StoredRevision revision)
    {
        var (connection, transaction) = PostgresUnitOfWork.Of(work);
        return connection.ExecuteAsync(InsertSql, new
        {
            EntityType = EnumText.ToText(kind),
            EntityId = entityId,
            revision.Version,
            revision.Action,
            revision.Snapshot,
            revision.ChangedBy,
            revision.ChangedAt,
        }, transaction);
    }

    public async Task AppendManyAsync(IUnitOfWork work, RecordKind kind, IReadOnlyList<(long EntityId, StoredRevision Revision)> revisions)
    {
        if (revisions.Count == 0)
        {
            return;
        }

        // Binary COPY: one round trip for a whole batch instead of one per revision.
        var postgres = PostgresUnitOfWork.Of(work);
        await using var importer = await postgres.Connection.BeginBinaryImportAsync(
            "COPY revisions (entity_type, entity_id, version, action, snapshot, changed_by, changed_at) FROM STDIN (FORMAT BINARY)");
        foreach (var (entityId, revision) in revisions)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(EnumText.ToText(kind), NpgsqlDbType.Text);
            await importer.WriteAsync(entityId, NpgsqlDbType.Bigint);
            await importer.WriteAsync(revision.Version, NpgsqlDbType.Bigint);
            await importer.WriteAsync(revision.Action, NpgsqlDbType.Text);
            await importer.WriteAsync(revision.Snapshot, NpgsqlDbType.Text);
            await (revision.ChangedBy is null ? importer.WriteNullAsync() : importer.WriteAsync(revision.ChangedBy, NpgsqlDbType.Text));
            await importer.WriteAsync(revision.ChangedAt, NpgsqlDbType.Text);
        }

        await importer.CompleteAsync();
    }

    public async Task<IReadOnlyList<StoredRevision>> ListAsync(RecordKind kind, long entityId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenTimedAsync(operations, cancellationToken);
        return (await connection.QueryAsync<StoredRevision>(new CommandDefinition(
            ListSql, new { EntityType = EnumText.ToText(kind), EntityId = entityId }, cancellationToken: cancellationToken))).ToList();
    }
}
