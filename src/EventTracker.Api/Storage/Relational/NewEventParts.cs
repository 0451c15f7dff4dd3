namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// The parts of events just created, written with the triggers that serve later changes held off (migration 0012):
/// the histogram's kept counts (<c>organization_event_counts</c>) are made in one statement for all of them, and no
/// stored document is forgotten, as none exists yet. The counting trigger of migration 0010 asks, per participant row,
/// which of the event's other rows reach the same organizations already, a recursive query per row (SQLite) or one over
/// the batch's rows without statistics (PostgreSQL), and was the dearest part of an import. New events have no rows
/// but these, so each (organization up the tree, event, months, type) is counted once by a DISTINCT, as migration
/// 0010 filled the table.
/// </summary>
internal sealed class NewEventParts(IRelationalDialect dialect)
{
    private static string Month(string column) => $"substr({column}, 1, length({column}) - 3)";

    // The batch's rows are read first, by event id, and only they are joined with the tree: left to itself, a planner
    // may start from the few organizations and read every participant row they have, which grows with the database.
    private readonly WriteStatement _count = Count(dialect, "FROM event_participants", $"event_id {dialect.IdsIn} AND organization_id IS NOT NULL AND event_deleted = 0");

    // Where the rows were staged (IRowStaging), they are read from there: the batch's rows alone, without an index lookup per event.
    private readonly WriteStatement? _countStaged = dialect is IRowStaging staging
        ? Count(dialect, "FROM " + staging.Staged(EventTables.Participants, "staged"), "organization_id IS NOT NULL")
        : null;

    private static WriteStatement Count(IRelationalDialect dialect, string from, string where) => new($"""
        WITH RECURSIVE batch AS MATERIALIZED (
            SELECT organization_id, event_id, {Month("event_span_start")} AS first_month, {Month("event_span_end")} AS last_month, event_type
            {from}
            WHERE {where}),
        closure (id, ancestor) AS (
            SELECT organization_id, organization_id FROM batch
            UNION
            SELECT c.id, o.parent_id FROM closure c JOIN organizations o ON o.id = c.ancestor WHERE o.parent_id IS NOT NULL)
        INSERT INTO organization_event_counts (organization_id, first_month, last_month, event_type, events)
        SELECT c.ancestor, b.first_month, b.last_month, b.event_type, count(DISTINCT b.event_id)
        FROM batch b JOIN closure c ON c.id = b.organization_id
        WHERE true
        GROUP BY c.ancestor, b.first_month, b.last_month, b.event_type
        ORDER BY 1, 2, 3, 4
        ON CONFLICT (organization_id, first_month, last_month, event_type)
        DO UPDATE SET events = organization_event_counts.events + excluded.events
        """);

    /// <summary>
    /// Runs <paramref name="insertParts"/> (the parts of the new events <paramref name="ids"/>) with the triggers held off,
    /// then counts them; <paramref name="staged"/> when the participants were staged and are still in their staging table.
    /// </summary>
    public async Task InsertAsync(IUnitOfWork work, IReadOnlyCollection<long> ids, Func<Task> insertParts, bool staged = false)
    {
        var (begin, end) = dialect.NewEventRows;
        await dialect.ExecuteAsync(work, begin);
        await insertParts();
        await dialect.ExecuteAsync(work, end);
        if (staged)
        {
            await dialect.ExecuteAsync(work, _countStaged ?? throw new InvalidOperationException("This store stages no rows."));
        }
        else
        {
            await dialect.ExecuteAsync(work, _count, ("@Ids", dialect.IdsParameter(ids)));
        }
    }
}
