using EventTracker.Api.Storage.Relational;
using EventTracker.Api.Events;
using System.Data;
using EventTracker.Api.Common;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>Writes an event and all its parts; always inside the caller's transaction.</summary>
public static class EventWriter
{
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

    // Every path writes an event's parts from EventRows' flat JSON rows, one statement per table, whether
    // one event is written (the API) or thousands (import): one path, and a batch costs a few statements.
    private static readonly KeptStatement InsertParticipants = new("""
        INSERT INTO event_participants (event_id, position, organization_id, actor_id, role, event_span_start, event_type, event_span_end)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7 FROM json_each(@Rows)
        """);

    private static readonly KeptStatement InsertQuantities = new("""
        INSERT INTO event_quantities (event_id, position, kind, value, unit, note)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(@Rows)
        """);

    private static readonly KeptStatement InsertCitations = new("""
        INSERT INTO event_citations (event_id, position, source_id, quote, speaker_actor_id, claim)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(@Rows)
        """);

    private static readonly KeptStatement InsertRelations = new("""
        INSERT INTO event_relations (event_id, position, type, target_event_id)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(@Rows)
        """);

    private static readonly KeptStatement InsertTags = new("""
        INSERT INTO event_tags (event_id, tag) SELECT value ->> 0, value ->> 1 FROM json_each(@Rows)
        """);

    private static readonly KeptStatement InsertExternalIds = new("""
        INSERT INTO event_external_ids (event_id, system, value) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@Rows)
        """);

    private static readonly KeptStatement InsertSearch = new("""
        INSERT INTO events_fts (rowid, title, summary, quotes) SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(@Rows)
        """);

    private static readonly KeptStatement InsertRows = new("""
        INSERT INTO events (id, type, title, summary, date, date_precision, span_start, span_end, end_date, end_date_precision,
                            status, location_name, location_country_code, location_latitude, location_longitude, external_id,
                            version, created_at, updated_at)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8,
               value ->> 9, value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14, value ->> 15, 1, @Now, @Now
        FROM json_each(@Rows)
        """);

    private static readonly KeptStatement UpdateRow = new("""
        UPDATE events
        SET (type, title, summary, date, date_precision, span_start, span_end, end_date, end_date_precision,
             status, location_name, location_country_code, location_latitude, location_longitude) =
            (SELECT value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8,
                    value ->> 9, value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14 FROM json_each(@Rows)),
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND deleted_at IS NULL
        """);

    private static readonly KeptStatement SoftDelete = new(SoftDeleteSql);
    private static readonly KeptStatement MarkParticipantsDeleted = new(MarkParticipantsDeletedSql);
    private static readonly KeptStatement DeleteSearch = new(DeleteSearchSql);
    private static readonly KeptStatement[] DeleteChildren = DeleteChildrenSql.Select(sql => new KeptStatement(sql)).ToArray();

    public static Task UpdateAsync(IDbConnection connection, IDbTransaction transaction, long id, EventRequest request, string now)
    {
        var rows = EventRows.Of([new NewRecord<EventRequest>(id, null, request)]);
        DatedSearch.ForgetBeforeChange(connection, transaction, id);
        UpdateRow.Execute(connection, transaction, ("@Rows", rows.Events.Json), ("@Now", now), ("@Id", id));
        foreach (var statement in DeleteChildren)
        {
            statement.Execute(connection, transaction, ("@Id", id));
        }

        WriteChildren(connection, transaction, rows);
        return Task.CompletedTask;
    }

    /// <summary>Soft delete: the row and its parts stay for history; the text index forgets it.</summary>
    public static Task SoftDeleteAsync(IDbConnection connection, IDbTransaction transaction, long id, string now)
    {
        DatedSearch.ForgetBeforeChange(connection, transaction, id);
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

        var rows = EventRows.Of(events);
        Write(InsertRows, rows.Events, connection, transaction, now);
        WriteChildren(connection, transaction, rows);
    }

    private static void WriteChildren(IDbConnection connection, IDbTransaction transaction, EventRows rows)
    {
        Write(InsertParticipants, rows.Participants, connection, transaction);
        Write(InsertQuantities, rows.Quantities, connection, transaction);
        Write(InsertCitations, rows.Citations, connection, transaction);
        Write(InsertRelations, rows.Relations, connection, transaction);
        Write(InsertTags, rows.Tags, connection, transaction);
        Write(InsertExternalIds, rows.ExternalIds, connection, transaction);
        Write(InsertSearch, rows.Search, connection, transaction);
        if (rows.Search.Count > 0)
        {
            DatedSearch.Write(connection, transaction, rows.Search.Json);
        }
    }

    private static void Write(KeptStatement statement, EventRows.Table rows, IDbConnection connection, IDbTransaction transaction, string? now = null)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (now is null)
        {
            statement.Execute(connection, transaction, ("@Rows", rows.Json));
        }
        else
        {
            statement.Execute(connection, transaction, ("@Now", now), ("@Rows", rows.Json));
        }
    }
}
