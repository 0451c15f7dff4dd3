using EventTracker.Api.EventTypes;
using EventTracker.Api.Values;

namespace EventTracker.Api.Events;

/// <summary>
/// <see cref="EventValidator"/>'s rules as one plain test, for the import's many lines, where FluentValidation cost
/// about a tenth of the time: true only when the validator would certainly find nothing. A line it does not pass goes
/// through the validator, which alone words the errors, so nothing here says what is wrong. A rule added to the
/// validator must be added here too; <c>EventRequestCheckTests</c> holds the two to each other over the error corpus.
/// </summary>
public static class EventRequestCheck
{
    public static async ValueTask<bool> CertainlyValidAsync(EventRequest e, EventTypeCatalog types) =>
        Filled(e.Type) && await types.IsKnownAsync(e.Type!)
        && Filled(e.Title) && SingleLine(e.Title, EventValidator.MaxTitleLength)
        && MultiLine(e.Summary, EventValidator.MaxSummaryLength)
        && Filled(e.Date) && PartialDate.IsValid(e.Date)
        && (e.EndDate is null || (PartialDate.IsValid(e.EndDate) && PartialDate.Parse(e.EndDate).Last >= PartialDate.Parse(e.Date!).First))
        && (e.Location is null || Location(e.Location))
        && Items(e.Participants, p => (p.OrganizationId is null) != (p.ActorId is null) && p.Role is not null)
        && Unique(e.Participants, p => (p.OrganizationId, p.ActorId, p.Role))
        && Items(e.Quantities, q => q.Kind is not null && q.Value is >= 0 && SingleLine(q.Unit, EventValidator.MaxUnitLength) && MultiLine(q.Note, EventValidator.MaxQuantityNoteLength))
        && Items(e.Citations, c => c.SourceId is not null && MultiLine(c.Quote, EventValidator.MaxQuoteLength))
        && Items(e.Relations, r => r.Type is not null && r.TargetEventId is not null)
        && Unique(e.Relations, r => (r.Type, r.TargetEventId))
        && Tags(e.Tags)
        && ExternalIds(e.ExternalIds);

    private static bool Filled(string? text) => !string.IsNullOrWhiteSpace(text);

    private static bool SingleLine(string? text, int max) => text is null || (text.Length <= max && CommonRules.FirstControl(text, multiLine: false) < 0);

    private static bool MultiLine(string? text, int max) => text is null || (text.Length <= max && CommonRules.FirstControl(text, multiLine: true) < 0);

    private static bool Location(LocationRequest l) =>
        SingleLine(l.Name, CommonRules.MaxNameLength)
        && (l.CountryCode is null || CountryCodes.IsAssigned(l.CountryCode))
        && (l.Latitude is null || l.Latitude is >= -90 and <= 90)
        && (l.Longitude is null || l.Longitude is >= -180 and <= 180)
        && (l.Latitude is null) == (l.Longitude is null);

    private static bool Items<T>(IReadOnlyList<T?>? items, Func<T, bool> valid) where T : class
    {
        if (items is null)
        {
            return true;
        }

        if (items.Count > EventValidator.MaxChildren)
        {
            return false;
        }

        foreach (var item in items)
        {
            if (item is null || !valid(item))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Unique<T, TKey>(IReadOnlyList<T>? items, Func<T, TKey> key) where TKey : notnull
    {
        if (items is null || items.Count < 2)
        {
            return true;
        }

        var seen = new HashSet<TKey>();
        return items.All(item => seen.Add(key(item)));
    }

    private static bool Tags(IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return true;
        }

        return tags.Count <= EventValidator.MaxTags
               && tags.All(tag => Filled(tag) && SingleLine(tag, EventValidator.MaxTagLength))
               && tags.Distinct(StringComparer.Ordinal).Count() == tags.Count;
    }

    private static bool ExternalIds(IReadOnlyDictionary<string, string>? ids) =>
        ids is null
        || (ids.Count <= EventValidator.MaxExternalIds
            && ids.All(pair => ExternalIdSystems.All.Contains(pair.Key, StringComparer.Ordinal) && Filled(pair.Value) && pair.Value.Length <= EventValidator.MaxExternalIdLength
                               && CommonRules.FirstControl(pair.Value, multiLine: false) < 0));
}
