using EventTracker.Api.Storage.Relational;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// Holds the part triggers off while new events' parts are written (migration 0012) with a row of <c>new_event_rows</c>,
/// written and removed inside the writer's transaction: no other connection sees it, and a rollback removes it.
/// </summary>
internal static class SqliteNewEventRows
{
    public static readonly (WriteStatement Begin, WriteStatement End) Statements = (
        new WriteStatement("INSERT INTO new_event_rows (id) VALUES (1)"),
        new WriteStatement("DELETE FROM new_event_rows"));
}
