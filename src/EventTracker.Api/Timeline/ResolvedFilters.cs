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

    /// <summary>What a cursor is bound to: the filters as the client gave them, and the order.</summary>
    public static string Fingerprint(TimelineFilters filters, string order) => Cursor.Fingerprint(
        "timeline", order,
        filters.Organization?.Distinct().Order(), filters.IncludeSubOrganizations ?? true, filters.Counterpart,
        filters.Actor?.Distinct().Order(), filters.Type?.Distinct().Order(StringComparer.Ordinal),
        filters.Status?.Distinct().Order(StringComparer.Ordinal), filters.Country?.Distinct().Order(StringComparer.Ordinal),
        filters.From, filters.To, filters.Overlap ?? false, FullTextQuery.From(filters.Q),
        filters.Source?.Distinct().Order(), filters.Tag?.Distinct().Order(StringComparer.Ordinal));
}
