using System.Data;
using EventTracker.Api.Common;
using EventTracker.Api.Data;

namespace EventTracker.Api.Events;

/// <summary>Writes an event and all its parts; always inside the caller's transaction.</summary>
public static class EventWriter
{
    private const string InsertSql = """
        INSERT INTO events (type, title, summary, date, date_precision, span_start, span_end, end_date, end_date_precision,
                            status, location_name, location_country_code, location_latitude, location_longitude,
                            version, created_at, updated_at, external_id)
        VALUES (@Type, @Title, @Summary, @Date, @DatePrecision, @SpanStart, @SpanEnd, @EndDate, @EndDatePrecision,
                @Status, @LocationName, @LocationCountryCode, @LocationLatitude, @LocationLongitude, 1, @Now, @Now, @ExternalId)
        RETURNING id
        """;

    private const string UpdateSql = """
        UPDATE events
        SET type = @Type, title = @Title, summary = @Summary, date = @Date, date_precision = @DatePrecision,
            span_start = @SpanStart, span_end = @SpanEnd, end_date = @EndDate, end_date_precision = @EndDatePrecision,
            status = @Status, location_name = @LocationName, location_country_code = @LocationCountryCode,
            location_latitude = @LocationLatitude, location_longitude = @LocationLongitude,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND deleted_at IS NULL
        """;

    private const string SoftDeleteSql = """
        UPDATE events SET deleted_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id AND deleted_at IS NULL
        """;

    private const string DeleteSearchSql = "DELETE FROM events_fts WHERE rowid = @Id";

    private const string MarkParticipantsDeletedSql = "UPDATE event_participants SET event_deleted = 1 WHERE event_id = @Id";

    private static readonly string[] DeleteChildrenSql =
    [
        "DELETE FROM event_participants WHERE event_id = @Id",
        "DELETE FROM event_quantities WHERE event_id = @Id",
        "DELETE FROM event_citations WHERE event_id = @Id",
        "DELETE FROM event_relations WHERE event_id = @Id",
        "DELETE FROM event_tags WHERE event_id = @Id",
        "DELETE FROM event_external_ids WHERE event_id = @Id",
        DeleteSearchSql,
    ];

    // An event's parts are written from one JSON array of events (EventRows), one statement per table,
    // whether one event is written (the API) or thousands (import): one path, and a batch costs a few
    // statements instead of a dozen per event.
    private static readonly string[] WriteChildrenSql =
    [
        """
        INSERT INTO event_participants (event_id, position, organization_id, actor_id, role, event_span_start, event_type)
        SELECT e.value ->> 'id', p.key, p.value ->> 'organizationId', p.value ->> 'actorId', p.value ->> 'role',
               e.value ->> 'spanStart', e.value ->> 'type'
        FROM json_each(@Rows) AS e, json_each(e.value, '$.participants') AS p
        """,
        """
        INSERT INTO event_quantities (event_id, position, kind, value, unit, note)
        SELECT e.value ->> 'id', q.key, q.value ->> 'kind', q.value ->> 'value', q.value ->> 'unit', q.value ->> 'note'
        FROM json_each(@Rows) AS e, json_each(e.value, '$.quantities') AS q
        """,
        """
        INSERT INTO event_citations (event_id, position, source_id, quote, speaker_actor_id, claim)
        SELECT e.value ->> 'id', c.key, c.value ->> 'sourceId', c.value ->> 'quote', c.value ->> 'speakerActorId', c.value ->> 'claim'
        FROM json_each(@Rows) AS e, json_each(e.value, '$.citations') AS c
        """,
        """
        INSERT INTO event_relations (event_id, position, type, target_event_id)
        SELECT e.value ->> 'id', r.key, r.value ->> 'type', r.value ->> 'targetEventId'
        FROM json_each(@Rows) AS e, json_each(e.value, '$.relations') AS r
        """,
        """
        INSERT INTO event_tags (event_id, tag)
        SELECT e.value ->> 'id', t.value
        FROM json_each(@Rows) AS e, json_each(e.value, '$.tags') AS t
        """,
        """
        INSERT INTO event_external_ids (event_id, system, value)
        SELECT e.value ->> 'id', x.key, x.value
        FROM json_each(@Rows) AS e, json_each(e.value, '$.externalIds') AS x
        """,
        """
        INSERT INTO events_fts (rowid, title, summary, quotes)
        SELECT e.value ->> 'id', e.value ->> 'title', e.value ->> 'summary', e.value ->> 'quotes'
        FROM json_each(@Rows) AS e
        """,
    ];

    private const string InsertManySql = """
        INSERT INTO events (id, type, title, summary, date, date_precision, span_start, span_end, end_date, end_date_precision,
                            status, location_name, location_country_code, location_latitude, location_longitude,
                            version, created_at, updated_at, external_id)
        SELECT e.value ->> 'id', e.value ->> 'type', e.value ->> 'title', e.value ->> 'summary', e.value ->> 'date',
               e.value ->> 'datePrecision', e.value ->> 'spanStart', e.value ->> 'spanEnd', e.value ->> 'endDate',
               e.value ->> 'endDatePrecision', e.value ->> 'status', e.value ->> 'locationName', e.value ->> 'countryCode',
               e.value ->> 'latitude', e.value ->> 'longitude', 1, @Now, @Now, e.value ->> 'externalId'
        FROM json_each(@Rows) AS e
        """;

    private static readonly KeptStatement Insert = new(InsertSql);
    private static readonly KeptStatement Update = new(UpdateSql);
    private static readonly KeptStatement SoftDelete = new(SoftDeleteSql);
    private static readonly KeptStatement MarkParticipantsDeleted = new(MarkParticipantsDeletedSql);
    private static readonly KeptStatement DeleteSearch = new(DeleteSearchSql);
    private static readonly KeptStatement[] DeleteChildren = DeleteChildrenSql.Select(sql => new KeptStatement(sql)).ToArray();
    private static readonly KeptStatement[] WriteChildrenStatements = WriteChildrenSql.Select(sql => new KeptStatement(sql)).ToArray();
    private static readonly KeptStatement InsertRows = new(InsertManySql);

    /// <summary>A new event; <paramref name="externalId"/> is bulk import's key for it (null from the API).</summary>
    public static Task<long> InsertAsync(IDbConnection connection, IDbTransaction transaction, EventRequest request, string? externalId, string now)
    {
        var id = (long)Insert.ExecuteScalar(connection, transaction, [.. EventValues(request, now), ("@ExternalId", externalId)])!;
        WriteChildren(connection, transaction, EventRows.Json([new NewRecord<EventRequest>(id, null, request)]));
        return Task.FromResult(id);
    }

    public static Task UpdateAsync(IDbConnection connection, IDbTransaction transaction, long id, EventRequest request, string now)
    {
        Update.Execute(connection, transaction, [.. EventValues(request, now), ("@Id", id)]);
        foreach (var statement in DeleteChildren)
        {
            statement.Execute(connection, transaction, ("@Id", id));
        }

        WriteChildren(connection, transaction, EventRows.Json([new NewRecord<EventRequest>(id, null, request)]));
        return Task.CompletedTask;
    }

    /// <summary>Soft delete: the row and its parts stay for history; the text index forgets it.</summary>
    public static Task SoftDeleteAsync(IDbConnection connection, IDbTransaction transaction, long id, string now)
    {
        SoftDelete.Execute(connection, transaction, ("@Now", now), ("@Id", id));
        MarkParticipantsDeleted.Execute(connection, transaction, ("@Id", id));
        DeleteSearch.Execute(connection, transaction, ("@Id", id));
        return Task.CompletedTask;
    }

    /// <summary>
    /// New events with ids the caller chose (bulk import, which holds the write lock and numbers them
    /// after the highest id), each with its parts and external id, in a few statements for all of them.
    /// </summary>
    public static void InsertMany(IDbConnection connection, IDbTransaction transaction, IReadOnlyList<NewRecord<EventRequest>> events, string now)
    {
        if (events.Count == 0)
        {
            return;
        }

        var rows = EventRows.Json(events);
        InsertRows.Execute(connection, transaction, ("@Now", now), ("@Rows", rows));
        WriteChildren(connection, transaction, rows);
    }

    private static void WriteChildren(IDbConnection connection, IDbTransaction transaction, string rows)
    {
        foreach (var statement in WriteChildrenStatements)
        {
            statement.Execute(connection, transaction, ("@Rows", rows));
        }
    }

    private static (string Name, object? Value)[] EventValues(EventRequest request, string now)
    {
        var date = PartialDate.Parse(request.Date!);
        PartialDate? end = request.EndDate is null ? null : PartialDate.Parse(request.EndDate);
        return
        [
            ("@Type", request.Type),
            ("@Title", request.Title),
            ("@Summary", request.Summary),
            ("@Date", date.Text),
            ("@DatePrecision", EnumText.ToText(date.Precision)),
            ("@SpanStart", date.FirstText),
            ("@SpanEnd", date.LastText),
            ("@EndDate", end?.Text),
            ("@EndDatePrecision", end is { } e ? EnumText.ToText(e.Precision) : null),
            ("@Status", EnumText.ToText(request.Status!.Value)),
            ("@LocationName", request.Location?.Name),
            ("@LocationCountryCode", request.Location?.CountryCode),
            ("@LocationLatitude", request.Location?.Latitude),
            ("@LocationLongitude", request.Location?.Longitude),
            ("@Now", now),
        ];
    }
}
