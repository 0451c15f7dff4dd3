
using EventTracker.Api.Values;

namespace EventTracker.Api.Timeline;

/// <summary>
/// Timeline filters after the store has expanded organizations into their sub-organizations and
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
    SearchText? Search,
    IReadOnlyList<long>? Sources,
    IReadOnlyList<string>? Tags,
    long? Wave)
{
    /// <summary>Everything but what only the store can expand (organization and country scopes).</summary>
    public static ResolvedFilters Of(
        TimelineFilters filters, IReadOnlyList<long>? organizationScope, IReadOnlyList<long>? counterpartScope, IReadOnlyList<long>? countryOrganizations) =>
        new(
            organizationScope,
            Set(filters.Actor),
            counterpartScope,
            Set(filters.Type),
            Set(filters.Status),
            Set(filters.Country),
            countryOrganizations,
            filters.From is null ? null : PartialDate.Parse(filters.From),
            filters.To is null ? null : PartialDate.Parse(filters.To),
            filters.Overlap ?? false,
            SearchText.From(filters.Q),
            Set(filters.Source),
            Set(filters.Tag),
            filters.Wave);

    /// <summary>A filter's values, each once, in order; null when the filter is not given.</summary>
    public static IReadOnlyList<T>? Set<T>(T[]? values) => values is { Length: > 0 } ? values.Distinct().Order().ToList() : null;
}
