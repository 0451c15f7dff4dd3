using Dapper;
using EventTracker.Api.History;
using static EventTracker.Api.Storage.Relational.RowColumn;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>Every revision of every record, appended by the write that made it (one batch at a time for imports).</summary>
public sealed class HistoryStore(IRelationalDialect dialect) : IHistoryStore
{
    private static readonly RowTable Revisions = new("revisions",
        [Text("entity_type"), Whole("entity_id"), Whole("version"), Text("action"), Text("snapshot"), Text("changed_by"), Text("changed_at")]);

    private static readonly WriteStatement Insert = new("""
        INSERT INTO revisions (entity_type, entity_id, version, action, snapshot, changed_by, changed_at)
        VALUES (@EntityType, @EntityId, @Version, @Action, @Snapshot, @ChangedBy, @ChangedAt)
        """);

    private const string ListSql = """
        SELECT version, action, snapshot, changed_by, changed_at
        FROM revisions
        WHERE entity_type = @EntityType AND entity_id = @EntityId
        ORDER BY id DESC
        """;

    public Task AppendAsync(IUnitOfWork work, RecordKind kind, long entityId, StoredRevision revision) =>
        dialect.ExecuteAsync(work, Insert,
            ("@EntityType", EnumText.ToText(kind)),
            ("@EntityId", entityId),
            ("@Version", revision.Version),
            ("@Action", revision.Action),
            ("@Snapshot", revision.Snapshot),
            ("@ChangedBy", revision.ChangedBy),
            ("@ChangedAt", revision.ChangedAt));

    public Task AppendManyAsync(IUnitOfWork work, RecordKind kind, IReadOnlyList<(long EntityId, StoredRevision Revision)> revisions)
    {
        if (revisions.Count == 0)
        {
            return Task.CompletedTask;
        }

        var entityType = EnumText.ToText(kind);
        return dialect.BulkInsertAsync(work, Revisions, revisions.Select(r => new object?[]
        {
            entityType, r.EntityId, r.Revision.Version, r.Revision.Action, r.Revision.Snapshot, r.Revision.ChangedBy, r.Revision.ChangedAt,
        }));
    }

    public async Task<IReadOnlyList<StoredRevision>> ListAsync(RecordKind kind, long entityId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<StoredRevision>(new CommandDefinition(
            ListSql, new { EntityType = EnumText.ToText(kind), EntityId = entityId }, cancellationToken: cancellationToken))).ToList();
    }
}
