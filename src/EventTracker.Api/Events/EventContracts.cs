
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Events;

/// <summary>An event to create or to replace, with all its parts.</summary>
public sealed record EventRequest : IReferencingRequest
{
    public IEnumerable<RecordReference> References()
    {
        for (var i = 0; i < (Participants?.Count ?? 0); i++)
        {
            if (Participants![i] is { } participant)
            {
                if (participant.OrganizationId is { } organization)
                {
                    yield return new RecordReference($"participants[{i}].organizationId", RecordKind.Organization, organization);
                }

                if (participant.ActorId is { } actor)
                {
                    yield return new RecordReference($"participants[{i}].actorId", RecordKind.Actor, actor);
                }
            }
        }

        for (var i = 0; i < (Citations?.Count ?? 0); i++)
        {
            if (Citations![i] is { } citation)
            {
                if (citation.SourceId is { } source)
                {
                    yield return new RecordReference($"citations[{i}].sourceId", RecordKind.Source, source);
                }

                if (citation.SpeakerActorId is { } speaker)
                {
                    yield return new RecordReference($"citations[{i}].speakerActorId", RecordKind.Actor, speaker);
                }
            }
        }

        for (var i = 0; i < (Relations?.Count ?? 0); i++)
        {
            if (Relations![i]?.TargetEventId is { } target)
            {
                yield return new RecordReference($"relations[{i}].targetEventId", RecordKind.Event, target);
            }
        }
    }

    /// <summary>The event type, from GET /api/v1/event-types.</summary>
    /// <example>accreditation_withdrawal</example>
    public string? Type { get; init; }

    /// <summary>A one-line description, up to 300 characters.</summary>
    /// <example>NATO withdraws the accreditation of eight members of Russia's mission</example>
    public string? Title { get; init; }

    /// <summary>What happened, up to 10 000 characters.</summary>
    /// <example>NATO withdrew the accreditation of eight members of the Russian Mission to NATO whom it called undeclared Russian intelligence officers, and cut the mission's maximum size from 20 to 10.</example>
    public string? Summary { get; init; }

    /// <summary>When it happened or was announced: YYYY, YYYY-MM or YYYY-MM-DD; the precision follows from the form.</summary>
    /// <example>2021-10-06</example>
    public string? Date { get; init; }

    /// <summary>A deadline or end, in the same forms; not before <c>date</c>.</summary>
    /// <example>2021-10-31</example>
    public string? EndDate { get; init; }

    /// <summary>Where the event stands; omit (or null) when the sources do not say, as for most statements and accusations.</summary>
    /// <example>in_effect</example>
    public EventStatus? Status { get; init; }

    /// <summary>Where it happened.</summary>
    public LocationRequest? Location { get; init; }

    /// <summary>Organizations and actors involved, each with a role.</summary>
    public IReadOnlyList<ParticipantRequest>? Participants { get; init; }

    /// <summary>Numbers the event states.</summary>
    public IReadOnlyList<QuantityRequest>? Quantities { get; init; }

    /// <summary>Sources that report it, with verbatim quotes.</summary>
    public IReadOnlyList<CitationRequest>? Citations { get; init; }

    /// <summary>Links to other events (e.g. responds_to the event it retaliates for).</summary>
    public IReadOnlyList<RelationRequest>? Relations { get; init; }

    /// <summary>Free tags, each up to 64 characters.</summary>
    /// <example>["nato-russia", "intelligence"]</example>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Ids of the same event in other data sets: gdelt, icews, polecat, acled, wikidata.</summary>
    public IReadOnlyDictionary<string, string>? ExternalIds { get; init; }
}

/// <summary>Where an event happened.</summary>
public sealed record LocationRequest
{
    /// <summary>A place name.</summary>
    /// <example>Brussels</example>
    public string? Name { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    /// <example>BE</example>
    public string? CountryCode { get; init; }

    /// <summary>Latitude in degrees, -90 to 90; give it with longitude.</summary>
    /// <example>50.8798</example>
    public double? Latitude { get; init; }

    /// <summary>Longitude in degrees, -180 to 180; give it with latitude.</summary>
    /// <example>4.4258</example>
    public double? Longitude { get; init; }
}

/// <summary>An organization or an actor (exactly one) in an event.</summary>
public sealed record ParticipantRequest
{
    /// <summary>The organization; leave empty when <c>actorId</c> is given.</summary>
    /// <example>1</example>
    public long? OrganizationId { get; init; }

    /// <summary>The actor; leave empty when <c>organizationId</c> is given.</summary>
    public long? ActorId { get; init; }

    /// <summary>The part it plays.</summary>
    /// <example>initiator</example>
    public ParticipantRole? Role { get; init; }
}

/// <summary>A number the event states.</summary>
public sealed record QuantityRequest
{
    /// <summary>What it counts.</summary>
    /// <example>accreditations_withdrawn</example>
    public QuantityKind? Kind { get; init; }

    /// <summary>The number, 0 or more.</summary>
    /// <example>8</example>
    public long? Value { get; init; }

    /// <summary>The unit, e.g. "persons" or "days".</summary>
    /// <example>persons</example>
    public string? Unit { get; init; }

    /// <summary>A note on the number.</summary>
    public string? Note { get; init; }
}

/// <summary>A source reporting the event.</summary>
public sealed record CitationRequest
{
    /// <summary>The source.</summary>
    /// <example>1</example>
    public long? SourceId { get; init; }

    /// <summary>Verbatim text from the source, up to 2 000 characters.</summary>
    /// <example>Moscow will prepare tit-for-tat measures.</example>
    public string? Quote { get; init; }

    /// <summary>Who said the quoted words, if an actor.</summary>
    public long? SpeakerActorId { get; init; }

    /// <summary>What the source says of the event (default reports).</summary>
    /// <example>reports</example>
    public CitationClaim? Claim { get; init; }
}

/// <summary>A typed link to another event.</summary>
public sealed record RelationRequest
{
    /// <summary>How this event relates to the target.</summary>
    /// <example>responds_to</example>
    public RelationType? Type { get; init; }

    /// <summary>The other event; never this one.</summary>
    /// <example>1</example>
    public long? TargetEventId { get; init; }
}

/// <summary>Where an event happened.</summary>
/// <param name="Name">A place name.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 code.</param>
/// <param name="Latitude">Degrees north.</param>
/// <param name="Longitude">Degrees east.</param>
public sealed record LocationResponse(string? Name, string? CountryCode, double? Latitude, double? Longitude);

/// <summary>An organization or actor in the event.</summary>
/// <param name="OrganizationId">The organization, when the participant is one.</param>
/// <param name="ActorId">The actor, when the participant is one.</param>
/// <param name="Name">The organization's or actor's name.</param>
/// <param name="Kind">Whether the participant is an organization or an actor.</param>
/// <param name="OrganizationKind">The organization's kind (state, alliance, ...); null for actors.</param>
/// <param name="CountryCode">The organization's country; null for actors.</param>
/// <param name="Role">The part it plays.</param>
public sealed record ParticipantResponse(
    long? OrganizationId, long? ActorId, string Name, ParticipantKind Kind, Organizations.OrganizationKind? OrganizationKind, string? CountryCode,
    ParticipantRole Role);

/// <summary>A number the event states.</summary>
/// <param name="Kind">What it counts.</param>
/// <param name="Value">The number.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Note">A note.</param>
public sealed record QuantityResponse(QuantityKind Kind, long Value, string? Unit, string? Note);

/// <summary>A source reporting the event, with what a client needs to show it.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="SourceTitle">Its title.</param>
/// <param name="SourceUrl">Its URL; null for print or offline sources.</param>
/// <param name="SourcePublisher">Its publisher.</param>
/// <param name="SourcePublishedAt">When it was published.</param>
/// <param name="Quote">Verbatim text from it.</param>
/// <param name="SpeakerActorId">Who said the quoted words.</param>
/// <param name="SpeakerName">The speaker's name.</param>
/// <param name="Claim">What the source says of the event.</param>
public sealed record CitationResponse(
    long SourceId, string SourceTitle, string? SourceUrl, string? SourcePublisher, string? SourcePublishedAt,
    string? Quote, long? SpeakerActorId, string? SpeakerName, CitationClaim Claim);

/// <summary>A typed link to another event.</summary>
/// <param name="Type">How this event relates to the target.</param>
/// <param name="TargetEventId">The other event.</param>
/// <param name="TargetTitle">The other event's title.</param>
/// <param name="TargetDate">The other event's date.</param>
public sealed record RelationResponse(RelationType Type, long TargetEventId, string TargetTitle, string TargetDate);

/// <summary>One thing that happened or was announced, with everything needed to draw it.</summary>
/// <param name="Id">The event's id.</param>
/// <param name="Type">The event type.</param>
/// <param name="Title">A one-line description.</param>
/// <param name="Summary">What happened.</param>
/// <param name="Date">When, as entered: YYYY, YYYY-MM or YYYY-MM-DD.</param>
/// <param name="DatePrecision">day, month or year.</param>
/// <param name="EndDate">A deadline or end, if any.</param>
/// <param name="EndDatePrecision">The end date's precision.</param>
/// <param name="Status">Where the event stands; null when the sources do not say.</param>
/// <param name="Location">Where it happened.</param>
/// <param name="Participants">Organizations and actors with roles.</param>
/// <param name="Quantities">Numbers it states.</param>
/// <param name="Citations">Sources with quotes.</param>
/// <param name="Relations">Links to other events.</param>
/// <param name="Tags">Free tags.</param>
/// <param name="ExternalIds">Ids in other data sets.</param>
/// <param name="Version">Increases by one with every change; the ETag is derived from it.</param>
/// <param name="CreatedAt">When the record was created (UTC).</param>
/// <param name="UpdatedAt">When the record last changed (UTC).</param>
public sealed record EventResponse(
    long Id,
    string Type,
    string Title,
    string? Summary,
    string Date,
    DatePrecision DatePrecision,
    string? EndDate,
    DatePrecision? EndDatePrecision,
    EventStatus? Status,
    LocationResponse? Location,
    IReadOnlyList<ParticipantResponse> Participants,
    IReadOnlyList<QuantityResponse> Quantities,
    IReadOnlyList<CitationResponse> Citations,
    IReadOnlyList<RelationResponse> Relations,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> ExternalIds,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IVersionedRecord;
