using Dapper;
using EventTracker.Api.Common;
using EventTracker.Api.Events;
using EventTracker.Api.Storage.Relational;
using Npgsql;

namespace EventTracker.Api.Storage.Postgres;

/// <summary>
/// Events on PostgreSQL: ids from the identity sequence, parts written from <see cref="EventRows"/>' JSON rows
/// with one statement per table (<c>jsonb_array_elements</c>), the search vector written with the event.
/// </summary>
public sealed class PostgresEventStore(NpgsqlDataSource dataSource, PostgresDialect dialect, EventDocuments documents, DatabaseOperations operations) : IEventStore
{
    // The seven statements of a page in one round trip.
    public static readonly EventReader Reader = new("= ANY(@Ids)", ids => ids.ToArray(), inOneBatch: true);

    private const string ListSql = "SELECT id FROM events WHERE deleted_at IS NULL AND id > @After ORDER BY id LIMIT @Take";

    private const string SearchSql = """
        SELECT id FROM events
        WHERE deleted_at IS NULL AND id > @After AND title_search @@ to_tsquery('simple', @Match)
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

    private const string DatesSql = "SELECT id, date FROM events WHERE id = ANY(@Ids) AND deleted_at IS NULL";

    private const int IdBlock = 1000;

    private const string NextIdsSql = "SELECT nextval(pg_get_serial_sequence('events', 'id')) FROM generate_series(1, @Count) ORDER BY 1";

    private const string LockSql = "SELECT id FROM events WHERE id = @Id AND deleted_at IS NULL FOR UPDATE";

    // The search vector (title, summary, quotes) comes from the search rows, one per event in the same order.
    private const string InsertRowsSql = """
        INSERT INTO events (id, type, title, summary, date, date_precision, span_start, span_end, end_date, end_date_precision,
                            status, location_name, location_country_code, location_latitude, location_longitude, external_id,
                            version, created_at, updated_at, search)
        SELECT (v ->> 0)::bigint, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6, v ->> 7, v ->> 8, v ->> 9, v ->> 10,
               v ->> 11, v ->> 12, (v ->> 13)::double precision, (v ->> 14)::double precision, v ->> 15, 1, @Now, @Now,
               to_tsvector('simple', (s ->> 1) || ' ' || coalesce(s ->> 2, '') || ' ' || coalesce(s ->> 3, ''))
        FROM jsonb_array_elements(@Rows::jsonb) WITH ORDINALITY AS r(v, n)
        JOIN jsonb_array_elements(@Search::jsonb) WITH ORDINALITY AS t(s, n) USING (n)
        """;

    private const string UpdateRowSql = """
        UPDATE events
        SET (type, title, summary, date, date_precision, span_start, span_end, end_date, end_date_precision,
             status, location_name, location_country_code, location_latitude, location_longitude) =
            (SELECT v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6, v ->> 7, v ->> 8, v ->> 9, v ->> 10,
                    v ->> 11, v ->> 12, (v ->> 13)::double precision, (v ->> 14)::double precision
             FROM jsonb_array_elements(@Rows::jsonb) AS v),
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND deleted_at IS NULL
        """;

    private const string SearchVectorSql = """
        UPDATE events e
        SET search = to_tsvector('simple', (v ->> 1) || ' ' || coalesce(v ->> 2, '') || ' ' || coalesce(v ->> 3, ''))
        FROM jsonb_array_elements(@Rows::jsonb) AS v
        WHERE e.id = (v ->> 0)::bigint
        """;

    private static readonly string[] InsertChildrenSql =
    [
        """
        INSERT INTO event_participants (event_id, position, organization_id, actor_id, role, event_span_start, event_type, event_span_end)
        SELECT (v ->> 0)::bigint, (v ->> 1)::bigint, (v ->> 2)::bigint, (v ->> 3)::bigint, v ->> 4, v ->> 5, v ->> 6, v ->> 7
        FROM jsonb_array_elements(@Participants::jsonb) AS v
        """,
        """
        INSERT INTO event_quantities (event_id, position, kind, value, unit, note)
        SELECT (v ->> 0)::bigint, (v ->> 1)::bigint, v ->> 2, (v ->> 3)::bigint, v ->> 4, v ->> 5
        FROM jsonb_array_elements(@Quantities::jsonb) AS v
        """,
        """
        INSERT INTO event_citations (event_id, position, source_id, quote, speaker_actor_id, claim)
        SELECT (v ->> 0)::bigint, (v ->> 1)::bigint, (v ->> 2)::bigint, v ->> 3, (v ->> 4)::bigint, v ->> 5
        FROM jsonb_array_elements(@Citations::jsonb) AS v
        """,
        """
        INSERT INTO event_relations (event_id, position, type, target_event_id)
        SELECT (v ->> 0)::bigint, (v ->> 1)::bigint, v ->> 2, (v ->> 3)::bigint
        FROM jsonb_array_elements(@Relations::jsonb) AS v
        """,
        """
        INSERT INTO event_tags (event_id, tag)
        SELECT (v ->> 0)::bigint, v ->> 1 FROM jsonb_array_elements(@Tags::jsonb) AS v
        """,
        """
        INSERT INTO event_external_ids (event_id, system, value)
        SELECT (v ->> 0)::bigint, v ->> 1, v ->> 2 FROM jsonb_array_elements(@ExternalIds::jsonb) AS v
        """,
    ];

    private const string DeleteChildrenSql = """
        DELETE FROM event_participants WHERE event_id = @Id;
        DELETE FROM event_quantities WHERE event_id = @Id;
        DELETE FROM event_citations WHERE event_id = @Id;
        DELETE FROM event_relations WHERE event_id = @Id;
        DELETE FROM event_tags WHERE event_id = @Id;
        DELETE FROM event_external_ids WHERE event_id = @Id
        """;

    private const string SoftDeleteSql = """
        UPDATE events SET deleted_at = @Now, updated_at = @Now, version = version + 1 WHERE id = @Id AND deleted_at IS NULL;
        UPDATE event_participants SET event_deleted = 1 WHERE event_id = @Id
        """;

    private readonly EventSnapshots _snapshots = new(dialect);

    public async Task<IReadOnlyList<EventResponse>> ListAsync(SearchText? search, long afterId, int take, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenTimedAsync(operations, cancellationToken);
        var match = TsQuery.From(search);
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            match is null ? ListSql : SearchSql, new { After = afterId, Take = take, Match = match }, cancellationToken: cancellationToken))).ToList();
        return await Reader.LoadAsync(connection, ids, cancellationToken: cancellationToken);
    }

    public async Task<(long Version, byte[] Json)?> FindJsonAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenTimedAsync(operations, cancellationToken);
        return await documents.ReadOneAsync(connection, id, cancellationToken);
    }

    public async Task<EventResponse?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenTimedAsync(operations, cancellationToken);
        return await Reader.GetAsync(connection, id);
    }

    public async Task<EventResponse?> FindAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = PostgresUnitOfWork.Of(work);
        // The event's row is held until the write commits: a concurrent write to it waits, then sees this one.
        var locked = await connection.QuerySingleOrDefaultAsync<long?>(LockSql, new { Id = id }, transaction);
        return locked is null ? null : await Reader.GetAsync(connection, id, transaction);
    }

    public async Task<IReadOnlyList<EventResponse>> FindManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenTimedAsync(operations, cancellationToken);
        return await Reader.LoadAsync(connection, ids, cancellationToken: cancellationToken);
    }

    public Task<IReadOnlyList<EventResponse>> FindManyAsync(IUnitOfWork work, IReadOnlyList<long> ids)
    {
        var (connection, transaction) = PostgresUnitOfWork.Of(work);
        return Reader.LoadAsync(connection, ids, transaction);
    }

    public async Task<long> InsertAsync(IUnitOfWork work, EventRequest request, string? externalId)
    {
        var (connection, transaction) = PostgresUnitOfWork.Of(work);
        var id = await connection.ExecuteScalarAsync<long>(NextIdsSql, new { Count = 1 }, transaction);
        await InsertManyAsync(work, [new NewRecord<EventRequest>(id, externalId, request)]);
        return id;
    }

    public async Task UpdateAsync(IUnitOfWork work, long id, EventRequest request)
    {
        var (connection, transaction) = PostgresUnitOfWork.Of(work);
        var rows = EventRows.Of([new NewRecord<EventRequest>(id, null, request)]);
        await connection.ExecuteAsync(UpdateRowSql, new { Rows = rows.Events.Json, work.Now, Id = id }, transaction);
        await connection.ExecuteAsync(DeleteChildrenSql, new { Id = id }, transaction);
        await WriteChildrenAsync(connection, transaction, rows);
        await connection.ExecuteAsync(SearchVectorSql, new { Rows = rows.Search.Json }, transaction);
    }

    public async Task SoftDeleteAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = PostgresUnitOfWork.Of(work);
        await connection.ExecuteAsync(SoftDeleteSql, new { Id = id, work.Now }, transaction);
    }

    /// <summary>
    /// An id from the identity sequence for a record bulk import writes later in the unit of work. They are taken in
    /// blocks, one round trip each, that double from 1 up to <see cref="IdBlock"/> as a unit of work keeps asking: an
    /// import of a few events takes a few ids, a large one a thousand at a time. Ids it does not use are gaps, as any
    /// rolled-back insert leaves in a sequence.
    /// </summary>
    public async Task<long> ReserveIdAsync(IUnitOfWork work)
    {
        var postgres = PostgresUnitOfWork.Of(work);
        if (postgres.ReservedEventIds.Count == 0)
        {
            postgres.EventIdBlock = Math.Min(IdBlock, postgres.EventIdBlock * 2);
            foreach (var id in await postgres.Connection.QueryAsync<long>(NextIdsSql, new { Count = postgres.EventIdBlock }, postgres.Transaction))
            {
                postgres.ReservedEventIds.Enqueue(id);
            }
        }

        return postgres.ReservedEventIds.Dequeue();
    }

    public async Task InsertManyAsync(IUnitOfWork work, IReadOnlyList<NewRecord<EventRequest>> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        var (connection, transaction) = PostgresUnitOfWork.Of(work);
        var rows = EventRows.Of(records);
        await connection.ExecuteAsync(InsertRowsSql, new { Rows = rows.Events.Json, Search = rows.Search.Json, work.Now }, transaction);
        await WriteChildrenAsync(connection, transaction, rows);
    }

    public Task<IReadOnlyList<EventResponse>> SnapshotsOfNewAsync(IUnitOfWork work, IReadOnlyList<NewRecord<EventRequest>> records)
    {
        var (connection, transaction) = PostgresUnitOfWork.Of(work);
        return _snapshots.ForNewAsync(connection, transaction, records, work.Now);
    }

    public Task<IReadOnlyList<long>> InboundRelationsAsync(IUnitOfWork work, long id) => dialect.IdsAsync(work, InboundRelationsSql, id);

    public async Task<IReadOnlyDictionary<long, string>> DatesAsync(IUnitOfWork work, IReadOnlyCollection<long> ids)
    {
        var (connection, transaction) = PostgresUnitOfWork.Of(work);
        var rows = await connection.QueryAsync<(long Id, string Date)>(DatesSql, new { Ids = ids.ToArray() }, transaction);
        return rows.ToDictionary(row => row.Id, row => row.Date);
    }

    private static async Task WriteChildrenAsync(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, EventRows rows)
    {
        var tables = new[] { rows.Participants, rows.Quantities, rows.Citations, rows.Relations, rows.Tags, rows.ExternalIds };
        var names = new[] { "Participants", "Quantities", "Citations", "Relations", "Tags", "ExternalIds" };
        for (var i = 0; i < tables.Length; i++)
        {
            if (tables[i].Count > 0)
            {
                var parameters = new DynamicParameters();
                parameters.Add(names[i], tables[i].Json);
                await connection.ExecuteAsync(InsertChildrenSql[i], parameters, transaction);
            }
        }
    }
}
