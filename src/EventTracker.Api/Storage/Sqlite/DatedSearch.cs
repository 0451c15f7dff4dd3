namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// Keeps events_fts_dated (migration 0014) in step with events_fts, in the same write statements (SqliteDialect's
/// event text index): the same texts under a rowid in date order (<see cref="Key"/>), written after the event's row,
/// and forgotten under the key of the date the row has before it changes.
/// </summary>
public static class DatedSearch
{
    /// <summary>unixepoch days plus the day number of 1970-01-01: <see cref="DateOnly.DayNumber"/> of the event's first day.</summary>
    private const string KeySql = "(unixepoch(e.span_start) / 86400 + 719162) * 4294967296 + e.id";

    /// <summary>Indexes the events of the JSON rows <c>@Rows</c> (their rows written already).</summary>
    public const string IndexSql = $"""
        INSERT INTO events_fts_dated (rowid, title, summary, quotes)
        SELECT {KeySql}, value ->> 'title', value ->> 'summary', value ->> 'quotes'
        FROM json_each(@Rows) JOIN events e ON e.id = value ->> 'id'
        """;

    /// <summary>Forgets event <c>@Id</c>'s texts; run while its row still has the date they were keyed by.</summary>
    public const string ForgetSql = $"DELETE FROM events_fts_dated WHERE rowid = (SELECT {KeySql} FROM events e WHERE e.id = @Id)";

    /// <summary>The rowid of an event first dated <paramref name="spanStart"/>: its place in (first day, id) order.</summary>
    public static long Key(DateOnly spanStart, long id) => ((long)spanStart.DayNumber << 32) + id;

    /// <summary>Events with larger ids than this cannot be keyed (the id must fit under the day).</summary>
    public const long MaxId = uint.MaxValue;
}
