using System.Data;
using Dapper;

namespace EventTracker.Api.Timeline;

/// <summary>Reads the ids of one timeline page, in order, each event once.</summary>
public static class TimelineReader
{
    /// <summary>
    /// Up to <paramref name="take"/> distinct event ids after <paramref name="after"/>. An event appears
    /// once per matching participant row, always next to itself in key order, so duplicates are dropped
    /// here and the read resumes after the last row when they made a batch fall short.
    /// </summary>
    public static async Task<IReadOnlyList<TimelineRow>> ReadAsync(
        IDbConnection connection, ResolvedFilters filters, TimelinePosition? after, bool descending, int take,
        CancellationToken cancellationToken)
    {
        var rows = new List<TimelineRow>(take);
        var seen = new HashSet<long>();
        var position = after;
        while (rows.Count < take)
        {
            var wanted = take - rows.Count;
            var (sql, parameters) = TimelineSql.Page(filters, position, descending, wanted);
            var batch = (await connection.QueryAsync<TimelineRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
            rows.AddRange(batch.Where(row => seen.Add(row.EventId)));
            if (batch.Count < wanted)
            {
                break; // the index range is exhausted
            }

            position = new TimelinePosition(batch[^1].SortKey, batch[^1].EventId);
        }

        return rows;
    }
}

/// <summary>One row of the timeline's id query.</summary>
/// <remarks>
/// A class with setters, not a positional record: Dapper matches constructors on the column types the
/// reader reports, and SQLite reports none for computed or compound columns of an empty result.
/// </remarks>
public sealed class TimelineRow
{
    public string SortKey { get; init; } = "";

    public long EventId { get; init; }
}
