using System.Data.Common;
using System.Runtime.InteropServices;
using Dapper;
using EventTracker.Api.Events;
using EventTracker.Api.Timeline;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Filtered reads in the SQL both stores speak (<see cref="TimelineSql"/>), on one connection per read. A store
/// whose planner needs to know whether a word is common says so in <see cref="MatchIsCommonAsync"/>.
/// </summary>
public class TimelineStore(
    IRelationalDialect dialect, EventReader reader, EventDocuments documents, OrganizationScopes scopes) : ITimelineStore
{
    private readonly IRelationalDialect _dialect = dialect;
    private readonly string _descendantsSql = Read.DescendantsTemplate.Replace("IN @Roots", dialect.InList("Roots"), StringComparison.Ordinal);
    private readonly string _countryOrganizationsSql =
        Read.CountryOrganizationsTemplate.Replace("IN @Countries", dialect.InList("Countries"), StringComparison.Ordinal);
    private readonly EventReader _reader = reader;
    private readonly EventDocuments _documents = documents;
    private readonly OrganizationScopes _scopes = scopes;

    private string? Match(SearchText? search) => _dialect.EventText.Match(search);

    public async Task<ITimelineRead> OpenAsync(CancellationToken stopWhen) =>
        new Read(this, await _dialect.OpenForReadingAsync(stopWhen), stopWhen);

    /// <summary>Whether the full-text query <paramref name="match"/> matches so many events that the date index should drive the page.</summary>
    protected virtual Task<bool> MatchIsCommonAsync(DbConnection connection, string match, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>A page of a text's matches (no organization or actor filter) read the store's own way, or null for the shared statement's.</summary>
    protected virtual Task<IReadOnlyList<TimelineRow>?> TextPageAsync(
        DbConnection connection, ResolvedFilters filters, TimelinePosition? after, bool descending, int take, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TimelineRow>?>(null);

    private sealed class Read(TimelineStore store, DbConnection connection, CancellationToken cancellationToken) : ITimelineRead
    {
        private string DescendantsSql => store._descendantsSql;

        private string CountryOrganizationsSql => store._countryOrganizationsSql;

        internal const string DescendantsTemplate = """
            WITH RECURSIVE scope (id) AS (
                SELECT id FROM organizations WHERE id IN @Roots
                UNION
                SELECT o.id FROM organizations o JOIN scope s ON o.parent_id = s.id
            )
            SELECT id FROM scope ORDER BY id
            """;

        internal const string CountryOrganizationsTemplate = """
            WITH RECURSIVE scope (id) AS (
                SELECT id FROM organizations WHERE country_code IN @Countries
                UNION
                SELECT o.id FROM organizations o JOIN scope s ON o.parent_id = s.id
            )
            SELECT id FROM scope ORDER BY id
            """;

        // The plan chosen for the last filters paged: whether their text is common (see CommonMatchAsync).
        private (ResolvedFilters Filters, bool Common)? _plan;

        public async Task<ResolvedFilters> ResolveAsync(TimelineFilters filters, long? dataVersion = null)
        {
            var withChildren = filters.IncludeSubOrganizations ?? true;

            async Task<IReadOnlyList<long>?> ScopeAsync(long[]? roots)
            {
                if (ResolvedFilters.Set(roots) is not { } distinct)
                {
                    return null;
                }

                return withChildren
                    ? await store._scopes.GetOrResolveAsync(dataVersion, distinct, withChildren, () => IdsAsync(DescendantsSql, new { Roots = distinct }))
                    : distinct;
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
            var match = store.Match(filters.Search);
            if (match is not null && filters.OrganizationScope is null && filters.ActorIds is null &&
                await store.TextPageAsync(connection, filters, after, descending, take, cancellationToken) is { } page)
            {
                return page;
            }

            var common = await CommonMatchAsync(filters, match);

            var rows = new List<TimelineRow>(take);
            var seen = new HashSet<long>();
            var position = after;
            while (rows.Count < take)
            {
                var wanted = take - rows.Count;
                var (sql, parameters) = TimelineSql.Page(store._dialect, filters, match, common, position, descending, wanted);
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
            store._reader.LoadAsync(connection, ids, cancellationToken: cancellationToken);

        public Task<byte[]> LoadJoinedDocumentsAsync(IReadOnlyList<long> ids) =>
            store._documents.ReadJoinedAsync(connection, ids, cancellationToken);

        public async Task<IReadOnlyDictionary<(int Day, int Type), long>> CountByFirstDayAndTypeAsync(ResolvedFilters filters, IReadOnlyList<string> typeCodes)
        {
            var (sql, parameters, rowPerParticipant) = TimelineSql.HistogramRows(store._dialect, filters, store.Match(filters.Search), typeCodes);
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

        public async Task<IReadOnlyDictionary<(int Day, int Type), long>?> CountByFirstMonthAndTypeAsync(TimelineFilters filters, IReadOnlyList<string> typeCodes) =>
            KeptCountsSql.AnsweringOrganization(filters) is { } organization
                ? await KeptCountsSql.CountAsync(connection, store._dialect, organization, filters, typeCodes, cancellationToken)
                : null;

        /// <summary>
        /// For a timeline driven by the events table (no organization or actor; those walk their own index in
        /// date order already), whether the store finds the text common enough to walk the date index; asked
        /// once per read and filters (an export's batches ask once).
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

            var common = await store.MatchIsCommonAsync(connection, match, cancellationToken);
            _plan = (filters, common);
            return common;
        }

        private async Task<IReadOnlyList<long>> IdsAsync(string sql, object parameters) =>
            (await connection.QueryAsync<long>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
