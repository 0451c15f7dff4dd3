using System.Data;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// Keeps events_fts_dated (migration 0014) in step with events_fts: the same texts under a rowid in date order
/// (<see cref="Key"/>), written with the event's parts and forgotten, under the key of the date it had, before the
/// event's row changes or is deleted.
/// </summary>
public static class DatedSearch
{
    /// <summary>The day number (days since 0001-01-01) of 1970-01-01: unixepoch days plus this is <see cref="DateOnly.DayNumber"/>.</summary>
    private const string DayNumberSql = "(unixepoch(e.span_start) / 86400 + 719162)";

    private static readonly KeptStatement Insert = new($"""
        INSERT INTO events_fts_dated (rowid, title, summary, quotes)
        SELECT {DayNumberSql} * 4294967296 + e.id, value ->> 1, value ->> 2, value ->> 3
        FROM json_each(@Rows) JOIN events e ON e.id = value ->> 0
        """);

    private static readonly KeptStatement Forget = new($"""
        DELETE FROM events_fts_dated WHERE rowid = (SELECT {DayNumberSql} * 4294967296 + e.id FROM events e WHERE e.id = @Id AND e.deleted_at IS NULL)
        """);

    /// <summary>The rowid of an event first dated <paramref name="spanStart"/>: its place in (first day, id) order.</summary>
    public static long Key(DateOnly spanStart, long id) => ((long)spanStart.DayNumber << 32) + id;

    /// <summary>Events with larger ids than this cannot be keyed (the id must fit under the day).</summary>
    public const long MaxId = uint.MaxValue;

    /// <summary>Indexes the texts of the events in <paramref name="searchRows"/> (events_fts's rows), whose rows are written.</summary>
    public static void Write(IDbConnection connection, IDbTransaction transaction, string searchRows) =>
        Insert.Execute(connection, transaction, ("@Rows", searchRows));

    /// <summary>Forgets event <paramref name="id"/>'s texts; call it while its row still has the date they were keyed by.</summary>
    public static void ForgetBeforeChange(IDbConnection connection, IDbTransaction transaction, long id) =>
        Forget.Execute(connection, transaction, ("@Id", id));
}
