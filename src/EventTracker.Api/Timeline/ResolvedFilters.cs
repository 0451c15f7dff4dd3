using EventTracker.Api.Storage.Sqlite;
using System.Data;
using Dapper;
using EventTracker.Api.Common;

namespace EventTracker.Api.Timeline;

/// <summary>
/// Timeline filters after the database has expanded organizations into their sub-organizations and
/// countries into the organizations of that country. A null list means "no such filter".
/// </summary>
public sealed record ResolvedFilters(
    IReadOnlyList<long>? OrganizationScope,
    IReadOnlyList<long>? ActorIds,
    IReadOnlyList<long>? CounterpartScope,
    IReadOnlyList<string>? Types,
    IReadOnlyList<string>? Statuses,
    IReadOnlyList<string>? Countries,
    IReadOnlyList<long>? CountryOrganizations,
    PartialDate? From,
    PartialDate? To,
    bool Overlap,
    string? Match,
    IReadOnlyList<long>? Sources,
    IReadOnlyList<string>? Tags)
{
    /// <summary>
    /// Whether <see cref="Match"/> matches so many events that a page is found faster by walking the events in
    /// date order, checking each against the set of matches, than by looking every match up and sorting
    /// them all. Set by <see cref="ResolveForPagingAsync"/>; the histogram counts every match, and looking them
    /// up stays cheaper for it until a word is in a large share of all events.
    /// </summary>
    public bool MatchIsCommon { get; init; }

    private const string CountMatchesSql = "SELECT count(*) FROM (SELECT 1 FROM events_fts WHERE events_fts MATCH @Match LIMIT @Limit)";

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

    public static async Task<ResolvedFilters> ResolveAsync(IDbConnection connection, TimelineFilters filters, CancellationToken cancellationToken)
    {
        var withChildren = filters.IncludeSubOrganizations ?? true;

        async Task<IReadOnlyList<long>?> ScopeAsync(long[]? roots)
        {
            if (roots is not { Length: > 0 })
            {
                return null;
            }

            var distinct = roots.Distinct().Order().ToArray();
            return withChildren
                ? (await connection.QueryAsync<long>(new CommandDefinition(DescendantsSql, new { Roots = distinct }, cancellationToken: cancellationToken))).ToList()
                : distinct;
        }

        static IReadOnlyList<T>? Set<T>(T[]? values) => values is { Length: > 0 } ? values.Distinct().Order().ToList() : null;

        var countries = Set(filters.Country);
        var countryOrganizations = countries is null
            ? null
            : (await connection.QueryAsync<long>(new CommandDefinition(CountryOrganizationsSql, new { Countries = countries }, cancellationToken: cancellationToken))).ToList();

        return new ResolvedFilters(
            await ScopeAsync(filters.Organization),
            Set(filters.Actor),
            await ScopeAsync(filters.Counterpart is { } counterpart ? [counterpart] : null),
            Set(filters.Type),
            Set(filters.Status),
            countries,
            countryOrganizations,
            filters.From is null ? null : PartialDate.Parse(filters.From),
            filters.To is null ? null : PartialDate.Parse(filters.To),
            filters.Overlap ?? false,
            FullTextQuery.From(filters.Q),
            Set(filters.Source),
            Set(filters.Tag));
    }

    /// <summary>The filters resolved for reading pages in date order: with the plan for their text chosen too.</summary>
    public static async Task<ResolvedFilters> ResolveForPagingAsync(IDbConnection connection, TimelineFilters filters, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(connection, filters, cancellationToken);
        return resolved with { MatchIsCommon = await CommonMatchAsync(connection, resolved, cancellationToken) };
    }

    /// <summary>
    /// For a timeline driven by the events table (no organization or actor; those walk their own index in
    /// date order already), whether the text matches at least √(7·N) of N events. Looking matches up by id
    /// costs ~1.6 µs each, all of them, before the first row; walking by date costs ~0.35 µs per match to
    /// collect the set plus ~0.09 µs per event passed over, and a page of ~100 passes over 100·N/m of them.
    /// The two meet near m = √(7·N): ~2 600 matches in a million events ("espionage" in 17 % of them: 0.28 s
    /// looked up, 0.07 s walked). Counting stops at that bound, so asking costs well under a millisecond.
    /// </summary>
    private static async Task<bool> CommonMatchAsync(IDbConnection connection, ResolvedFilters filters, CancellationToken cancellationToken)
    {
        if (filters.Match is null || filters.OrganizationScope is not null || filters.ActorIds is not null)
        {
            return false;
        }

        var events = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT max(id) FROM events", cancellationToken: cancellationToken)) ?? 0;
        var bound = Math.Max(1, (long)Math.Sqrt(7.0 * events));
        var matches = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            CountMatchesSql, new { filters.Match, Limit = bound }, cancellationToken: cancellationToken));
        return matches >= bound;
    }

    /// <summary>What a cursor is bound to: the filters as the client gave them, and the order.</summary>
    public static string Fingerprint(TimelineFilters filters, string order) => Cursor.Fingerprint(
        "timeline", order,
        filters.Organization?.Distinct().Order(), filters.IncludeSubOrganizations ?? true, filters.Counterpart,
        filters.Actor?.Distinct().Order(), filters.Type?.Distinct().Order(StringComparer.Ordinal),
        filters.Status?.Distinct().Order(StringComparer.Ordinal), filters.Country?.Distinct().Order(StringComparer.Ordinal),
        filters.From, filters.To, filters.Overlap ?? false, FullTextQuery.From(filters.Q),
        filters.Source?.Distinct().Order(), filters.Tag?.Distinct().Order(StringComparer.Ordinal));
}
