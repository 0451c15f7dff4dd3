using System.Text.Json;
using Dapper;
using EventTracker.Api.Common;
using EventTracker.Api.Events;
using EventTracker.Api.Storage.Relational;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>Events on SQLite: whole events read by <see cref="EventReader"/>, written by <see cref="EventWriter"/>.</summary>
public sealed class SqliteEventStore(SqliteConnectionFactory connections, SqliteDialect dialect, EventDocuments documents) : IEventStore
{
    /// <summary>
    /// The id after the highest: a unit of work holds the database's write lock, so no other writer can take
    /// it, and soft deletes keep every row, so ids are never reused.
    /// </summary>
    private const string FirstFreeIdSql = "SELECT COALESCE(MAX(id), 0) + 1 FROM events";

    private const string ListSql = """
        SELECT id FROM events WHERE deleted_at IS NULL AND id > @After ORDER BY id LIMIT @Take
        """;

    private const string SearchSql = """
        SELECT id FROM events
        WHERE deleted_at IS NULL AND id > @After
          AND id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH @Match)
        ORDER BY id
        LIMIT @Take
        """;

    private const string InboundRelationsSql = """
        SELECT DISTINCT e.id
        FROM event_relations r JOIN events e ON e.id = r.event_id
        WHERE r.target_event_id = @Id AND e.deleted_at IS NULL
        ORDER BY e.id
        LIMIT 100
        """;

    private const string DatesSql = "SELECT id, date FROM events WHERE id IN (SELECT value FROM json_each(@Ids)) AND deleted_at IS NULL";

    private static readonly KeptStatement FirstFreeId = new(FirstFreeIdSql);

    private readonly EventSnapshots _snapshots = new(dialect);

    public async Task<IReadOnlyList<EventResponse>> ListAsync(SearchText? search, long afterId, int take, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenForReadingAsync(cancellationToken);
        var match = FullTextQuery.From(search);
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            match is null ? ListSql : SearchSql,
            new { After = afterId, Take = take, Match = match is null ? null : $"title : ({match})" },
            cancellationToken: cancellationToken))).ToList();
        return await SqliteEvents.Reader.LoadAsync(connection, ids, cancellationToken: cancellationToken);
    }

    public async Task<(long Version, byte[] Json)?> FindJsonAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await documents.ReadOneAsync(connection, id, cancellationToken);
    }

    public async Task<EventResponse?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await SqliteEvents.Reader.GetAsync(connection, id);
    }

    public Task<EventResponse?> FindAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = SqliteUnitOfWork.Of(work);
        return SqliteEvents.Reader.GetAsync(connection, id, transaction);
    }

    public async Task<IReadOnlyList<EventResponse>> FindManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await SqliteEvents.Reader.LoadAsync(connection, ids, cancellationToken: cancellationToken);
    }

    public Task<IReadOnlyList<EventResponse>> FindManyAsync(IUnitOfWork work, IReadOnlyList<long> ids)
    {
        var (connection, transaction) = SqliteUnitOfWork.Of(work);
        return SqliteEvents.Reader.LoadAsync(connection, ids, transaction);
    }

    public async Task<long> InsertAsync(IUnitOfWork work, EventRequest request, string? externalId)
    {
        var id = await ReserveIdAsync(work);
        await InsertManyAsync(work, [new NewRecord<EventRequest>(id, externalId, request)]);
        return id;
    }

    public Task UpdateAsync(IUnitOfWork work, long id, EventRequest request)
    {
        var (connection, transaction) = SqliteUnitOfWork.Of(work);
        return EventWriter.UpdateAsync(connection, transaction, id, request, work.Now);
    }

    public Task SoftDeleteAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = SqliteUnitOfWork.Of(work);
        return EventWriter.SoftDeleteAsync(connection, transaction, id, work.Now);
    }

    public Task<long> ReserveIdAsync(IUnitOfWork work)
    {
        var sqlite = SqliteUnitOfWork.Of(work);
        if (!sqlite.NextIds.TryGetValue("events", out var id))
        {
            id = (long)FirstFreeId.ExecuteScalar(sqlite.Connection, sqlite.Transaction)!;
        }

        sqlite.NextIds["events"] = id + 1;
        return Task.FromResult(id);
    }

    public Task InsertManyAsync(IUnitOfWork work, IReadOnlyList<NewRecord<EventRequest>> records)
    {
        var (connection, transaction) = SqliteUnitOfWork.Of(work);
        EventWriter.InsertMany(connection, transaction, records, work.Now);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<EventResponse>> SnapshotsOfNewAsync(IUnitOfWork work, IReadOnlyList<NewRecord<EventRequest>> records)
    {
        var (connection, transaction) = SqliteUnitOfWork.Of(work);
        return _snapshots.ForNewAsync(connection, transaction, records, work.Now);
    }

    public async Task<IReadOnlyDictionary<long, string>> DatesAsync(IUnitOfWork work, IReadOnlyCollection<long> ids)
    {
        var (connection, transaction) = SqliteUnitOfWork.Of(work);
        var rows = await connection.QueryAsync<(long Id, string Date)>(DatesSql, new { Ids = JsonSerializer.Serialize(ids) }, transaction);
        return rows.ToDictionary(row => row.Id, row => row.Date);
    }

    public Task<IReadOnlyList<long>> InboundRelationsAsync(IUnitOfWork work, long id) => dialect.IdsAsync(work, InboundRelationsSql, id);
}
