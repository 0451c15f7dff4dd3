using System.Data.Common;
using System.Runtime.InteropServices;
using Dapper;
using EventTracker.Api.Events;
using EventTracker.Api.Timeline;

namespace EventTracker.Api.Storage.Sqlite;

public sealed class SqliteTimelineStore(SqliteConnectionFactory connections) : ITimelineStore
{
    public async Task<ITimelineRead> OpenAsync(CancellationToken stopWhen) =>
        new Read(await connections.OpenForReadingAsync(stopWhen), stopWhen);

    private const string CountMatchesSql = "SELECT count(*) FROM (SELECT 1 FROM events_fts WHERE events_fts MATCH @Match LIMIT @Limit)";

    /// <summary>Whether an FTS5 query matches at least √(7·N) of the N events (see <c>CommonMatchAsync</c>).</summary>
    internal static async Task<bool> MatchIsCommonAsync(DbConnection connection, string match, CancellationToken cancellationToken)
    {
        var events = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT max(id) FROM events", cancellationToken: cancellationToken)) ?? 0;
        var bound = Math.Max(1, (long)Math.Sqrt(7.0 * events));
        var matches = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            CountMatchesSql, new { Match = match, Limit = bound }, cancellationToken: cancellationToken));
        return matches >= bound;
    }

    private sealed class Read(PooledConnection connection, CancellationToken cancellationToken) : ITimelineRead
    {
        private const string DescendantsSql = """
            WITH RECURSIVE scope (id) AS (
                SELECT id FROM organizations WHERE id IN @Roots
                UNION
                SELECT o.id FROM organizations o JOIN scope s ON o.parent_id = s.id
            )
            SELECT id FROM scope ORDER BY id
            """;

        private const string CountryOrganizationsSql = """
            WITH RECURSIVE scope (id) AS (
                SELECT id FROM organizations WHERE country_code IN @Countries
                UNION
                SELECT o.id FROM organizations o JOIN scope s ON o.parent_id = s.id
            )
            SELECT id FROM scope ORDER BY id
            """;

        // The plan chosen for the last filters paged: whether their text is common (see CommonMatchAsync).
        private (ResolvedFilters Filters, bool Common)? _plan;

        public async Task<ResolvedFilters> ResolveAsync(TimelineFilters filters)
        {
            var withChildren = filters.IncludeSubOrganizations ?? true;

            async Task<IReadOnlyList<long>?> ScopeAsync(long[]? roots)
            {
                if (ResolvedFilters.Set(roots) is not { } distinct)
                {
                    return null;
                }

                return withChildren ? await IdsAsync(DescendantsSql, new { Roots = distinct }) : distinct;
            }

            var countries = ResolvedFilters.Set(filters.Country);
            return ResolvedFilters.Of(
                filters,
                await ScopeAsync(filters.Organization),
                await ScopeAsync(filters.Counterpart is { } counterpart ? [counterpart] : null),
                countries is null ? null : await IdsAsync(CountryOrganizationsSql, new { Countries = countries }));
        }

        /// <summary>
        /// An event appears once per matching participant row, always next to itself in key order, so
        /// duplicates are dropped here and the read resumes after the last row when they made a batch fall short.
        /// </summary>
        public async Task<IReadOnlyList<TimelineRow>> ReadIdsAsync(ResolvedFilters filters, TimelinePosition? after, bool descending, int take)
        {
            var match = FullTextQuery.From(filters.Search);
            var common = await CommonMatchAsync(filters, match);
            var rows = new List<TimelineRow>(take);
            var seen = new HashSet<long>();
            var position = after;
            while (rows.Count < take)
            {
                var wanted = take - rows.Count;
                var (sql, parameters) = TimelineSql.Page(filters, match, common, position, descending, wanted);
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

        public Task<IReadOnlyList<EventResponse>> LoadEventsAsync(IReadOnlyList<long> ids) =>
            SqliteEvents.Reader.LoadAsync(connection, ids, cancellationToken: cancellationToken);

        public async Task<IReadOnlyDictionary<(int Day, int Type), long>> CountByFirstDayAndTypeAsync(ResolvedFilters filters, IReadOnlyList<string> typeCodes)
        {
            var (sql, parameters, rowPerParticipant) = TimelineSql.HistogramRows(filters, FullTextQuery.From(filters.Search), typeCodes);
            var counts = new Dictionary<(int Day, int Type), long>();
            var counted = new HashSet<long>();
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            // Read, not ReadAsync: SQLite answers synchronously, and the task per row cost more than the row.
            while (reader.Read())
            {
                if (rowPerParticipant && !counted.Add(reader.GetInt64(2)))
                {
                    continue;
                }

                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, (reader.GetInt32(0), reader.GetInt32(1)), out _);
                count += rowPerParticipant ? 1 : reader.GetInt64(2);
            }

            return counts;
        }

        /// <summary>
        /// For a timeline driven by the events table (no organization or actor; those walk their own index in
        /// date order already), whether the text matches at least √(7·N) of N events. Looking matches up by id
        /// costs ~1.6 µs each, all of them, before the first row; walking by date costs ~0.35 µs per match to
        /// collect the set plus ~0.09 µs per event passed over, and a page of ~100 passes over 100·N/m of them.
        /// The two meet near m = √(7·N): ~2 600 matches in a million events ("espionage" in 17 % of them: 0.28 s
        /// looked up, 0.07 s walked). Counting stops at that bound, so asking costs well under a millisecond;
        /// it is asked once per read and filters (an export's batches ask once).
        /// </summary>
        private async Task<bool> CommonMatchAsync(ResolvedFilters filters, string? match)
        {
            if (match is null || filters.OrganizationScope is not null || filters.ActorIds is not null)
            {
                return false;
            }

            if (_plan is { } plan && ReferenceEquals(plan.Filters, filters))
            {
                return plan.Common;
            }

            var common = await MatchIsCommonAsync(connection, match, cancellationToken);
            _plan = (filters, common);
            return common;
        }

        private async Task<IReadOnlyList<long>> IdsAsync(string sql, object parameters) =>
            (await connection.QueryAsync<long>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
