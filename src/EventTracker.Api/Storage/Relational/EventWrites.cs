using EventTracker.Api.Events;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Writes an event and all its parts, always inside the caller's unit of work. Every path writes from
/// <see cref="EventRows"/>' JSON rows, one statement per table, whether one event is written (the API) or
/// thousands (import): one path, and a batch costs a few statements. Where the store stages rows faster than it reads
/// JSON (<see cref="IRowStaging"/>), a large batch is staged and moved by the same statements reading the staging tables.
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
    private readonly IRowStaging? _staging;
    private readonly WriteStatement? _insertStagedEvents;
    private readonly Dictionary<RowTable, WriteStatement> _insertStagedParts = [];

    public EventWrites(IRelationalDialect dialect)
    {
        _dialect = dialect;
        _newEventParts = new NewEventParts(dialect);
        var text = dialect.EventText;
        var rows = dialect.JsonRows("@Rows", "r", EventTables.EventsWithQuotes.Columns);
        _insertEvents = InsertEvents(rows, text);
        _updateEvent = new WriteStatement($"""
            UPDATE events
            SET ({string.Join(", ", EventTables.Updated.Select(c => c.Name))}{text.RowColumns}) =
                (SELECT {string.Join(", ", EventTables.Updated.Select(c => "r." + c.Name))}{text.RowValues("r")} FROM {rows}),
                version = version + 1, updated_at = @Now
            WHERE id = @Id AND deleted_at IS NULL
            """);
        RowTable[] parts = [EventTables.Participants, EventTables.Quantities, EventTables.Citations, EventTables.Relations, EventTables.Tags, EventTables.ExternalIds];
        _insertParts = parts.ToDictionary(table => table, table => InsertPart(table, dialect.JsonRows("@Rows", "r", table.Columns)));
        if (dialect is IRowStaging staging)
        {
            _staging = staging;
            _insertStagedEvents = InsertEvents(staging.Staged(EventTables.EventsWithQuotes, "r"), text);
            _insertStagedParts = parts.ToDictionary(table => table, table => InsertPart(table, staging.Staged(table, "r")));
        }

        _deleteParts = WhatAnEventShows.Parts.Select(table => new WriteStatement($"DELETE FROM {table} WHERE event_id = @Id")).ToArray();
        _softDelete = new WriteStatement("""
            UPDATE events SET deleted_at = @Now, updated_at = @Now, version = version + 1
            WHERE id = @Id AND deleted_at IS NULL
            """);
        _markParticipantsDeleted = new WriteStatement("UPDATE event_participants SET event_deleted = 1 WHERE event_id = @Id");
    }

    private static WriteStatement InsertEvents(string rows, IEventTextIndex text) => new($"""
        INSERT INTO events ({EventTables.Events.ColumnList()}, version, created_at, updated_at{text.RowColumns})
        SELECT {EventTables.Events.ColumnList("r")}, 1, @Now, @Now{text.RowValues("r")}
        FROM {rows}
        """);

    private static WriteStatement InsertPart(RowTable table, string rows) => new($"""
        INSERT INTO {table.Name} ({table.ColumnList()})
        SELECT {table.ColumnList("r")} FROM {rows}
        """);

    /// <summary>New events with ids the caller reserved, each with its parts and external id, in a few statements for all of them.</summary>
    public async Task InsertManyAsync(IUnitOfWork work, IReadOnlyList<NewRecord<EventRequest>> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var rows = EventRows.Of(events);
        if (_staging is not null && events.Count >= IRowStaging.StagedFrom)
        {
            await Stage(_staging, work, rows.Events);
            await _dialect.ExecuteAsync(work, _insertStagedEvents!, ("@Now", work.Now));
            await _newEventParts.InsertAsync(work, events.Select(e => e.Id).ToList(), () => WriteStagedPartsAsync(work, _staging, rows), staged: true);
            return;
        }

        await _dialect.ExecuteAsync(work, _insertEvents, ("@Now", work.Now), ("@Rows", rows.Events.Json));
        await _newEventParts.InsertAsync(work, events.Select(e => e.Id).ToList(), () => WritePartsAsync(work, rows));
    }

    private Task Stage(IRowStaging staging, IUnitOfWork work, EventRows.Table rows)
    {
        var (connection, transaction) = _dialect.ConnectionOf(work);
        return staging.StageAsync(connection, transaction, rows.Of, rows.Rows);
    }

    // The text index is the events' row here: stores with a separate one read JSON rows (IEventTextIndex.Index).
    private async Task WriteStagedPartsAsync(IUnitOfWork work, IRowStaging staging, EventRows rows)
    {
        foreach (var (table, part) in rows.Parts())
        {
            // The participants are staged even when there are none: the count reads their staging table next.
            if (part.Count > 0 || table == EventTables.Participants)
            {
                await Stage(staging, work, part);
                await _dialect.ExecuteAsync(work, _insertStagedParts[table]);
            }
        }

        if (_dialect.EventText.Index is { } index)
        {
            await _dialect.ExecuteAsync(work, index, ("@Rows", rows.Events.Json));
        }
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
