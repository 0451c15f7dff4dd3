using EventTracker.Api.Actors;
using EventTracker.Api.Events;
using EventTracker.Api.Organizations;
using EventTracker.Api.Sources;

namespace EventTracker.Api.Drafts;

/// <summary>
/// A draft's parts as the resources' own requests, so that a commit is checked by the same validators and written
/// by the same stores as any other write. Refs become ids through <c>idOf</c>.
/// </summary>
public static class DraftRecords
{
    public static SourceRequest Source(DraftSourceRequest source) => new()
    {
        Url = string.IsNullOrWhiteSpace(source.Url) ? null : source.Url,
        Title = source.Title,
        Publisher = source.Publisher,
        PublishedAt = source.PublishedAt,
        Language = source.Language,
    };

    public static OrganizationRequest Organization(DraftOrganizationRequest organization) => new()
    {
        Name = organization.Name,
        Kind = organization.Kind,
        CountryCode = organization.CountryCode,
    };

    public static ActorRequest Actor(DraftActorRequest actor, Func<string, long?> organizationIdOf) => new()
    {
        Name = actor.Name,
        Affiliations = actor.Organization is { } organization && organizationIdOf(organization) is { } id
            ? [new AffiliationRequest { OrganizationId = id, Title = actor.Title }]
            : null,
    };

    /// <summary>A new event: participants, quantities and relations in the draft's order; one citation per quote (or one bare citation).</summary>
    public static EventRequest NewEvent(
        DraftEventRequest e, long sourceId, Func<string, long?> organizationIdOf, Func<string, long?> actorIdOf, Func<string, long?> eventIdOf) => new()
    {
        Type = e.Type,
        Title = e.Title,
        Date = e.Date,
        EndDate = e.EndDate,
        Status = e.Status,
        Participants = (e.Participants ?? []).Select(p => new ParticipantRequest
        {
            OrganizationId = p.Organization is { } o ? organizationIdOf(o) : null,
            ActorId = p.Actor is { } a ? actorIdOf(a) : null,
            Role = p.Role,
        }).ToList(),
        Quantities = (e.Quantities ?? []).Select(q => new QuantityRequest { Kind = q.Kind, Value = q.Value, Unit = q.Unit }).ToList(),
        Citations = Citations(e, sourceId, actorIdOf),
        Relations = (e.Relations ?? []).Select(r => new RelationRequest
        {
            Type = r.Type,
            TargetEventId = r.Ref is { } target ? eventIdOf(target) : r.ExistingId,
        }).ToList(),
    };

    /// <summary>The article's citations of an event: one per quote with its speaker, or one without a quote.</summary>
    public static List<CitationRequest> Citations(DraftEventRequest e, long sourceId, Func<string, long?> actorIdOf) =>
        e.Quotes is { Count: > 0 } quotes
            ? quotes.Select(q => new CitationRequest
            {
                SourceId = sourceId,
                Quote = q.Text,
                SpeakerActorId = q.Speaker is { } s ? actorIdOf(s) : null,
                Claim = CitationClaim.Reports,
            }).ToList()
            : [new CitationRequest { SourceId = sourceId, Claim = CitationClaim.Reports }];

    /// <summary>Where an event request's error belongs in the draft: a citation is the quote it came from.</summary>
    public static string EventPath(int index, string eventRequestPath)
    {
        var path = eventRequestPath;
        if (path.StartsWith("citations[", StringComparison.Ordinal))
        {
            path = "quotes" + path["citations".Length..].Replace(".quote", ".text", StringComparison.Ordinal)
                .Replace(".speakerActorId", ".speaker", StringComparison.Ordinal);
        }
        else if (path.StartsWith("participants[", StringComparison.Ordinal))
        {
            path = path.Replace(".organizationId", ".organization", StringComparison.Ordinal).Replace(".actorId", ".actor", StringComparison.Ordinal);
        }
        else if (path.StartsWith("relations[", StringComparison.Ordinal))
        {
            path = path.Replace(".targetEventId", ".ref", StringComparison.Ordinal);
        }

        return $"events[{index}].{path}";
    }
}
