using Dapper;
using EventTracker.Api.History;
using Npgsql;

namespace EventTracker.Api.Storage.Postgres;

public sealed class PostgresHistoryStore(NpgsqlDataSource dataSource) : IHistoryStore
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

    public Task AppendAsync(IUnitOfWork work, string entityType, long entityId, StoredRevision revision)
    {
        var (connection, transaction) = PostgresUnitOfWork.Of(work);
        return connection.ExecuteAsync(InsertSql, new
        {
            EntityType = entityType,
            EntityId = entityId,
            revision.Version,
            revision.Action,
            revision.Snapshot,
            revision.ChangedBy,
            revision.ChangedAt,
        }, transaction);
    }

    public async Task<IReadOnlyList<StoredRevision>> ListAsync(string entityType, long entityId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<StoredRevision>(new CommandDefinition(
            ListSql, new { EntityType = entityType, EntityId = entityId }, cancellationToken: cancellationToken))).ToList();
    }
}
