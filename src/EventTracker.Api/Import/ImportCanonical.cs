using EventTracker.Api.Actors;
using EventTracker.Api.Events;
using EventTracker.Api.Organizations;
using EventTracker.Api.Sources;

namespace EventTracker.Api.Import;

/// <summary>
/// Stored records turned back into the request that would store them, and requests put into one
/// canonical form (empty lists for missing ones, defaults filled in, sets sorted), so that "does this
/// line differ from what is stored?" is a comparison of two canonical requests.
/// </summary>
internal static class ImportCanonical
{
    public static OrganizationRequest ToRequest(OrganizationResponse o) => new()
    {
        Name = o.Name, Kind = o.Kind, CountryCode = o.CountryCode, ParentId = o.ParentId, Aliases = o.Aliases,
        WikidataId = o.WikidataId, CameoCode = o.CameoCode,
    };

    public static OrganizationRequest Canonical(OrganizationRequest o) => o with { Aliases = o.Aliases ?? [] };

    public static ActorRequest ToRequest(ActorResponse a) => new()
    {
        Name = a.Name, Aliases = a.Aliases, WikidataId = a.WikidataId,
        Affiliations = a.Affiliations.Select(f => new AffiliationRequest { OrganizationId = f.Organization.Id, Title = f.Title, From = f.From, To = f.To }).ToList(),
    };

    public static ActorRequest Canonical(ActorRequest a) => a with { Aliases = a.Aliases ?? [], Affiliations = a.Affiliations ?? [] };

    public static SourceRequest ToRequest(SourceResponse s) => new()
    {
        Url = s.Url, Title = s.Title, Publisher = s.Publisher, PublishedAt = s.PublishedAt, Language = s.Language, Excerpt = s.Excerpt,
    };

    public static SourceRequest Canonical(SourceRequest s) => s with { Url = string.IsNullOrWhiteSpace(s.Url) ? null : s.Url.Trim() };

    public static EventRequest ToRequest(EventResponse e) => new()
    {
        Type = e.Type, Title = e.Title, Summary = e.Summary, Date = e.Date, EndDate = e.EndDate, Status = e.Status,
        Location = e.Location is null
            ? null
            : new LocationRequest { Name = e.Location.Name, CountryCode = e.Location.CountryCode, Latitude = e.Location.Latitude, Longitude = e.Location.Longitude },
        Participants = e.Participants.Select(p => new ParticipantRequest { OrganizationId = p.OrganizationId, ActorId = p.ActorId, Role = p.Role }).ToList(),
        Quantities = e.Quantities.Select(q => new QuantityRequest { Kind = q.Kind, Value = q.Value, Unit = q.Unit, Note = q.Note }).ToList(),
        Citations = e.Citations.Select(c => new CitationRequest { SourceId = c.SourceId, Quote = c.Quote, SpeakerActorId = c.SpeakerActorId, Claim = c.Claim }).ToList(),
        Relations = e.Relations.Select(r => new RelationRequest { Type = r.Type, TargetEventId = r.TargetEventId }).ToList(),
        Tags = e.Tags,
        ExternalIds = e.ExternalIds,
    };

    public static EventRequest Canonical(EventRequest e) => e with
    {
        Location = e.Location is { Name: null, CountryCode: null, Latitude: null, Longitude: null } ? null : e.Location,
        Participants = e.Participants ?? [],
        Quantities = e.Quantities ?? [],
        Citations = (e.Citations ?? []).Select(c => c with { Claim = c.Claim ?? CitationClaim.Reports }).ToList(),
        Relations = e.Relations ?? [],
        Tags = (e.Tags ?? []).Order(StringComparer.Ordinal).ToList(),
        ExternalIds = new SortedDictionary<string, string>(
            e.ExternalIds?.ToDictionary(pair => pair.Key, pair => pair.Value) ?? new Dictionary<string, string>(), StringComparer.Ordinal),
    };
}
