using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EventTracker.Api.Paging;
using EventTracker.Api.Values;
using Microsoft.AspNetCore.Mvc;

namespace EventTracker.Api.Timeline;

/// <summary>
/// The filters shared by the timeline, its histogram and the export. All combine (AND); a repeated
/// parameter (<c>organization=1&amp;organization=2</c>) matches any of its values (OR).
/// </summary>
public sealed record TimelineFilters
{
    /// <summary>Organization ids (repeatable): events in which any of them takes part; their sub-organizations count too unless includeSubOrganizations=false. Example: organization=1</summary>
    [FromQuery(Name = "organization")]
    public long[]? Organization { get; init; }

    /// <summary>Whether organization and counterpart include their sub-organizations, recursively (ministries, missions). Default true.</summary>
    [DefaultValue(true)]
    [FromQuery(Name = "includeSubOrganizations")]
    public bool? IncludeSubOrganizations { get; init; }

    /// <summary>An organization id: only events in which both organization and counterpart take part (the dyad view, e.g. NATO and Russia). Needs organization.</summary>
    [FromQuery(Name = "counterpart")]
    public long? Counterpart { get; init; }

    /// <summary>Actor ids (repeatable): events in which any of these people takes part.</summary>
    [FromQuery(Name = "actor")]
    public long[]? Actor { get; init; }

    /// <summary>Event types (repeatable), from GET /api/v1/event-types. Example: type=expulsion&amp;type=staff_cap</summary>
    [FromQuery(Name = "type")]
    public string[]? Type { get; init; }

    /// <summary>Statuses (repeatable): announced, in_effect, completed, cancelled. An event whose sources state no status matches none.</summary>
    [AllowedValues("announced", "in_effect", "completed", "cancelled")]
    [FromQuery(Name = "status")]
    public string[]? Status { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country codes (repeatable): events with a participating organization of that country (its own code or an ancestor's) or located there. Example: country=RU</summary>
    [FromQuery(Name = "country")]
    public string[]? Country { get; init; }

    /// <summary>Start of the date range: YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its first day. Example: 2021-10</summary>
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>End of the date range, inclusive: YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its last day. Example: 2021-10</summary>
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    /// <summary>How partially dated events match the range. false (default): the event's whole possible span must lie inside [from, to], so an event dated 2021-10 does not match from=2021-10-15; true: any overlap matches.</summary>
    [DefaultValue(false)]
    [FromQuery(Name = "overlap")]
    public bool? Overlap { get; init; }

    /// <summary>Words to find in titles, summaries and citation quotes (each word a prefix, all required). Search syntax characters are taken literally. Example: tit-for-tat</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>Source ids (repeatable): events that cite any of them.</summary>
    [FromQuery(Name = "source")]
    public long[]? Source { get; init; }

    /// <summary>Tags (repeatable): events carrying any of them.</summary>
    [FromQuery(Name = "tag")]
    public string[]? Tag { get; init; }

    /// <summary>A wave's event id: the wave and its members (the events that are part_of it). See GET /api/v1/events/{id}/wave.</summary>
    [FromQuery(Name = "wave")]
    public long? Wave { get; init; }

    /// <summary>
    /// What a cursor is bound to: every property of these filters — read from the record itself, so a filter
    /// added later is covered without a word here — with each list's values once and in order, defaults
    /// spelled out, the text as its search words; and the order.
    /// </summary>
    public string Fingerprint(string order)
    {
        var normalized = this with
        {
            IncludeSubOrganizations = IncludeSubOrganizations ?? true,
            Overlap = Overlap ?? false,
            Q = SearchText.From(Q)?.ToString(),
        };
        var parts = new List<object?>(2 + 2 * FingerprintedProperties.Length) { "timeline", order };
        foreach (var property in FingerprintedProperties)
        {
            parts.Add(property.Name);
            parts.Add(property.GetValue(normalized) switch
            {
                null => "",
                string text => text,
                System.Collections.IEnumerable values => string.Join('\u001e', values.Cast<object?>().Select(Invariant).Distinct().Order(StringComparer.Ordinal)),
                var value => Invariant(value),
            });
        }

        return Cursor.Fingerprint([.. parts]);
    }

    // Every property, read once: a filter added later is part of the fingerprint without a word here.
    private static readonly System.Reflection.PropertyInfo[] FingerprintedProperties =
        typeof(TimelineFilters).GetProperties().OrderBy(property => property.Name, StringComparer.Ordinal).ToArray();

    private static string Invariant(object? value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Order and paging of the timeline.</summary>
public sealed record TimelinePaging
{
    /// <summary>asc (oldest first, the default) or desc. Events sort by the first day their date can denote, then by id.</summary>
    [AllowedValues("asc", "desc")]
    [DefaultValue("asc")]
    [FromQuery(Name = "order")]
    public string? Order { get; init; }

    /// <summary>Items per page, 1 to 500.</summary>
    [DefaultValue(50)]
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The nextCursor of the previous page; omit for the first. Only valid with the same filters and order.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}
