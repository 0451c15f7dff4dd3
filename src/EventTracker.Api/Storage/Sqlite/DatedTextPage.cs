using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using EventTracker.Api.Timeline;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// A page of events matching a text, read from events_fts_dated (migration 0014) in its rowid order, which is the
/// timeline's (first day, id) order: FTS5 stops at the LIMIT, so a word in a sixth of a million events costs a page of
/// matches, not all of them. FTS5 merges every entry of a prefix query ("espion"*) before the first row, so each word is
/// first turned into the whole terms it is a prefix of (from the index's vocabulary, kept per data version), and the
/// query asks for those terms, which FTS5 reads lazily. Words the tokenizer might change (anything but a–z and 0–9),
/// words that stand for more than <see cref="MaxTermsPerWord"/> terms, and filters other than type, status and dates
/// answer null: the caller then uses the shared statement, with the same answers. A rare word costs its few matches
/// read in order, so no count of matches decides the plan (that count alone, a prefix query, cost more than the page).
/// </summary>
public static class DatedTextPage
{
    private const int MaxTermsPerWord = 32;
    private const int MaxKeptWords = 10_000;

    private const string VersionSql = "SELECT value FROM data_version WHERE id = 1";
    private const string TermsSql = "SELECT term FROM events_fts_dated_terms WHERE term >= @From AND term < @Before LIMIT @Take";

    // A word's terms as of a data version: a write may add terms, and then moves the version.
    private static readonly ConcurrentDictionary<string, (long Version, string[] Terms)> TermsOf = new(StringComparer.Ordinal);

    public static async Task<IReadOnlyList<TimelineRow>?> ReadAsync(
        DbConnection connection, ResolvedFilters filters, TimelinePosition? after, bool descending, int take, CancellationToken cancellationToken)
    {
        if (filters.Search is not { } search || !OnlyEventColumns(filters) || after is { EventId: > DatedSearch.MaxId })
        {
            return null;
        }

        var words = search.Words.Select(word => word.ToLowerInvariant()).ToList();
        if (!words.All(IsPlainWord))
        {
            return null;
        }

        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(VersionSql, cancellationToken: cancellationToken));
        var match = new StringBuilder();
        foreach (var word in words)
        {
            var terms = await TermsAsync(connection, word, version, cancellationToken);
            if (terms.Length == 0)
            {
                return [];
            }

            if (terms.Length > MaxTermsPerWord)
            {
                return null;
            }

            match.Append(match.Length == 0 ? "(" : " AND (").AppendJoin(" OR ", terms.Select(term => "\"" + term + "\"")).Append(')');
        }

        var (sql, parameters) = Statement(filters, match.ToString(), after, descending, take);
        return (await connection.QueryAsync<TimelineRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
    }

    private static bool OnlyEventColumns(ResolvedFilters f) =>
        f.OrganizationScope is null && f.ActorIds is null && f.CounterpartScope is null && f.Countries is null &&
        f.Sources is null && f.Tags is null && f.Wave is null;

    private static bool IsPlainWord(string word) => word.Length > 0 && word.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    private static async Task<string[]> TermsAsync(DbConnection connection, string word, long version, CancellationToken cancellationToken)
    {
        if (TermsOf.TryGetValue(word, out var kept) && kept.Version == version)
        {
            return kept.Terms;
        }

        // Plain words end in a–z or 0–9, so the next character up bounds every term that starts with the word.
        var before = word[..^1] + (char)(word[^1] + 1);
        var terms = (await connection.QueryAsync<string>(new CommandDefinition(
            TermsSql, new { From = word, Before = before, Take = MaxTermsPerWord + 1 }, cancellationToken: cancellationToken))).ToArray();
        if (TermsOf.Count >= MaxKeptWords)
        {
            TermsOf.Clear();
        }

        TermsOf[word] = (version, terms);
        return terms;
    }

    private static (string Sql, DynamicParameters Parameters) Statement(ResolvedFilters f, string match, TimelinePosition? after, bool descending, int take)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Match", match);
        parameters.Add("Take", take);
        var conditions = new List<string> { "events_fts_dated MATCH @Match", "e.deleted_at IS NULL" };
        // Bounds on the rowid where a date bounds the first day; the other bounds on the event's own columns.
        long? lowest = null, highest = null;
        if (f.From is { } from)
        {
            parameters.Add("FromFirst", from.FirstText);
            if (f.Overlap)
            {
                conditions.Add("e.span_end >= @FromFirst");
            }
            else
            {
                lowest = DatedSearch.Key(from.First, 0);
            }
        }

        if (f.To is { } to)
        {
            parameters.Add("ToLast", to.LastText);
            highest = DatedSearch.Key(to.Last, DatedSearch.MaxId);
            if (!f.Overlap)
            {
                conditions.Add("e.span_end <= @ToLast");
            }
        }

        if (after is { } position)
        {
            var key = DatedSearch.Key(DateOnly.ParseExact(position.SpanStart, "yyyy-MM-dd", CultureInfo.InvariantCulture), position.EventId);
            if (descending)
            {
                highest = Math.Min(highest ?? long.MaxValue, key - 1);
            }
            else
            {
                lowest = Math.Max(lowest ?? long.MinValue, key + 1);
            }
        }

        if (lowest is { } low)
        {
            parameters.Add("Lowest", low);
            conditions.Add("f.rowid >= @Lowest");
        }

        if (highest is { } high)
        {
            parameters.Add("Highest", high);
            conditions.Add("f.rowid <= @Highest");
        }

        if (f.Types is { } types)
        {
            parameters.Add("Types", types);
            conditions.Add("e.type IN @Types");
        }

        if (f.Statuses is { } statuses)
        {
            parameters.Add("Statuses", statuses);
            conditions.Add("e.status IN @Statuses");
        }

        var direction = descending ? "DESC" : "ASC";
        return ($"""
            SELECT e.span_start AS SortKey, e.id AS EventId
            FROM events_fts_dated f JOIN events e ON e.id = f.rowid % 4294967296
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY f.rowid {direction} LIMIT @Take
            """, parameters);
    }
}
