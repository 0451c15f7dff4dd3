using Dapper;
using EventTracker.Api.Events;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Events on either store: whole events read by <see cref="EventReader"/>, their stored documents by
/// <see cref="EventDocuments"/>, written by <see cref="EventWrites"/> from <see cref="EventRows"/>.
/// </summary>
public sealed class EventStore(IRelationalDialect dialect, EventReader reader, EventDocuments documents) : IEventStore
{
    private const string ListSql = "SELECT id FROM events WHERE deleted_at IS NULL AND id > @After ORDER BY id LIMIT @Take";

    private const string InboundRelationsSql = """
        SELECT DISTINCT e.id
        FROM event_relations r JOIN events e ON e.id = r.event_id
        WHERE r.target_event_id = @Id AND e.deleted_at IS NULL
        ORDER BY e.id
        LIMIT 100
        """;

    private readonly string _searchSql = $"""
        SELECT e.id FROM events e
        WHERE e.deleted_at IS NULL AND e.id > @After AND {dialect.EventText.TitleMatches("e")}
        ORDER BY e.id
        LIMIT @Take
        """;

    // The event's row is held until the write commits: a concurrent write to it waits, then sees this one.
    private readonly string _lockSql = $"SELECT e.id FROM events e WHERE e.id = @Id AND e.deleted_at IS NULL {dialect.LockForWrite("e")}";

    private readonly string _datesSql = $"SELECT id, date FROM events WHERE id {dialect.IdsIn} AND deleted_at IS NULL";

    private readonly EventWrites _writes = new(dialect);

    private readonly EventSnapshots _snapshots = new(dialect);

    public async Task<IReadOnlyList<EventResponse>> ListAsync(SearchText? search, long afterId, int take, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var match = dialect.EventText.TitleMatch(search);
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            match is null ? ListSql : _searchSql, new { After = afterId, Take = take, Match = match }, cancellationToken: cancellationToken))).ToList();
        return await reader.LoadAsync(connection, ids, cancellationToken: cancellationToken);
    }

    public async Task<(long Version, byte[] Json)?> FindJsonAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await documents.ReadOneAsync(connection, id, cancellationToken);
    }

    public async Task<EventResponse?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await reader.GetAsync(connection, id);
    }

    public async Task<EventResponse?> FindAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        var locked = await connection.QuerySingleOrDefaultAsync<long?>(_lockSql, new { Id = id }, transaction);
        return locked is null ? null : await reader.GetAsync(connection, id, transaction);
    }

    public async Task<IReadOnlyList<EventResponse>> FindManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await reader.LoadAsync(connection, ids, cancellationToken: cancellationToken);
    }

    public Task<IReadOnlyList<EventResponse>> FindManyAsync(IUnitOfWork work, IReadOnlyList<long> ids)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        return reader.LoadAsync(connection, ids, transaction);
    }

    public async Task<long> InsertAsync(IUnitOfWork work, EventRequest request, string? externalId)
    {
        var id = await dialect.ReserveEventIdAsync(work, manyToCome: false);
        await _writes.InsertManyAsync(work, [new NewRecord<EventRequest>(id, externalId, request)]);
        return id;
    }

    public Task UpdateAsync(IUnitOfWork work, long id, EventRequest request) => _writes.UpdateAsync(work, id, request);

    public Task SoftDeleteAsync(IUnitOfWork work, long id) => _writes.SoftDeleteAsync(work, id);

    public Task<long> ReserveIdAsync(IUnitOfWork work) => dialect.ReserveEventIdAsync(work, manyToCome: true);

    public Task InsertManyAsync(IUnitOfWork work, IReadOnlyList<NewRecord<EventRequest>> records) => _writes.InsertManyAsync(work, records);

    public Task<IReadOnlyList<EventResponse>> SnapshotsOfNewAsync(IUnitOfWork work, IReadOnlyList<NewRecord<EventRequest>> records)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        return _snapshots.ForNewAsync(connection, transaction, records, work.Now);
    }

    public async Task<IReadOnlyDictionary<long, string>> DatesAsync(IUnitOfWork work, IReadOnlyCollection<long> ids)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        var rows = await connection.QueryAsync<(long Id, string Date)>(_datesSql, new { Ids = dialect.IdsParameter(ids) }, transaction);
        return rows.ToDictionary(row => row.Id, row => row.Date);
    }

    public Task<IReadOnlyList<long>> InboundRelationsAsync(IUnitOfWork work, long id) => dialect.IdsAsync(work, InboundRelationsSql, id);
}
