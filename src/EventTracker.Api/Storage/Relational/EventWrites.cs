using EventTracker.Api.Events;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Writes an event and all its parts, always inside the caller's unit of work. Every path writes from
/// <see cref="EventRows"/>' JSON rows, one statement per table, whether one event is written (the API) or
/// thousands (import): one path, and a batch costs a few statements.
/// </summary>
internal sealed class EventWrites
{
    private readonly IRelationalDialect _dialect;
    private readonly WriteStatement _insertEvents;
    private readonly WriteStatement _updateEvent;
    private readonly Dictionary<RowTable, WriteStatement> _insertParts;
    private readonly WriteStatement[] _deleteParts;
    private readonly WriteStatement _softDelete;
    private readonly WriteStatement _markParticipantsDeleted;
    private readonly NewEventParts _newEventParts;

    public EventWrites(IRelationalDialect dialect)
    {
        _dialect = dialect;
        _newEventParts = new NewEventParts(dialect);
        var text = dialect.EventText;
        var rows = dialect.JsonRows("@Rows", "r", [.. EventTables.Events.Columns, RowColumn.Text("quotes")]);
        _insertEvents = new WriteStatement($"""
            INSERT INTO events ({EventTables.Events.ColumnList()}, version, created_at, updated_at{text.RowColumns})
            SELECT {EventTables.Events.ColumnList("r")}, 1, @Now, @Now{text.RowValues("r")}
            FROM {rows}
            """);
        _updateEvent = new WriteStatement($"""
            UPDATE events
            SET ({string.Join(", ", EventTables.Updated.Select(c => c.Name))}{text.RowColumns}) =
                (SELECT {string.Join(", ", EventTables.Updated.Select(c => "r." + c.Name))}{text.RowValues("r")} FROM {rows}),
                version = version + 1, updated_at = @Now
            WHERE id = @Id AND deleted_at IS NULL
            """);
        _insertParts = new[]
        {
            EventTables.Participants, EventTables.Quantities, EventTables.Citations, EventTables.Relations, EventTables.Tags, EventTables.ExternalIds,
        }.ToDictionary(table => table, table => new WriteStatement($"""
            INSERT INTO {table.Name} ({table.ColumnList()})
            SELECT {table.ColumnList("r")} FROM {dialect.JsonRows("@Rows", "r", table.Columns)}
            """));
        _deleteParts = WhatAnEventShows.Parts.Select(table => new WriteStatement($"DELETE FROM {table} WHERE event_id = @Id")).ToArray();
        _softDelete = new WriteStatement("""
            UPDATE events SET deleted_at = @Now, updated_at = @Now, version = version + 1
            WHERE id = @Id AND deleted_at IS NULL
            """);
        _markParticipantsDeleted = new WriteStatement("UPDATE event_participants SET event_deleted = 1 WHERE event_id = @Id");
    }

    /// <summary>New events with ids the caller reserved, each with its parts and external id, in a few statements for all of them.</summary>
    public async Task InsertManyAsync(IUnitOfWork work, IReadOnlyList<NewRecord<EventRequest>> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var rows = EventRows.Of(events);
        await _dialect.ExecuteAsync(work, _insertEvents, ("@Now", work.Now), ("@Rows", rows.Events.Json));
        await _newEventParts.InsertAsync(work, events.Select(e => e.Id).ToList(), () => WritePartsAsync(work, rows));
    }

    public async Task UpdateAsync(IUnitOfWork work, long id, EventRequest request)
    {
        var rows = EventRows.Of([new NewRecord<EventRequest>(id, null, request)]);
        // Forgotten while the row still has the date it was indexed under (SQLite's date-ordered index is keyed by it).
        if (_dialect.EventText.Forget is { } forget)
        {
            await _dialect.ExecuteAsync(work, forget, ("@Id", id));
        }

        await _dialect.ExecuteAsync(work, _updateEvent, ("@Rows", rows.Events.Json), ("@Now", work.Now), ("@Id", id));
        foreach (var statement in _deleteParts)
        {
            await _dialect.ExecuteAsync(work, statement, ("@Id", id));
        }

        await WritePartsAsync(work, rows);
    }

    /// <summary>Soft delete: the row and its parts stay for history; the text index forgets it.</summary>
    public async Task SoftDeleteAsync(IUnitOfWork work, long id)
    {
        await _dialect.ExecuteAsync(work, _softDelete, ("@Now", work.Now), ("@Id", id));
        await _dialect.ExecuteAsync(work, _markParticipantsDeleted, ("@Id", id));
        if (_dialect.EventText.Forget is { } forget)
        {
            await _dialect.ExecuteAsync(work, forget, ("@Id", id));
        }
    }

    private async Task WritePartsAsync(IUnitOfWork work, EventRows rows)
    {
        foreach (var (table, part) in rows.Parts())
        {
            if (part.Count > 0)
            {
                await _dialect.ExecuteAsync(work, _insertParts[table], ("@Rows", part.Json));
            }
        }

        if (_dialect.EventText.Index is { } index)
        {
            await _dialect.ExecuteAsync(work, index, ("@Rows", rows.Events.Json));
        }
    }
}
