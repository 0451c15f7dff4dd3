using EventTracker.Api.Events;
using EventTracker.Api.Organizations;
using EventTracker.Api.Values;

namespace EventTracker.Api.Drafts;

/// <summary>
/// A draft to write, as POST /api/v1/drafts answered it or as a person edited it: the same fields. What only
/// explains the draft (mentions, evidence, confidence, reasons) is accepted and not stored.
/// </summary>
public sealed record DraftCommitRequest
{
    /// <summary>The article's plain text, as the draft answered it (not stored).</summary>
    public string? Text { get; init; }

    /// <summary>The article as a source: <c>existingId</c>, or a new source to create.</summary>
    public DraftSourceRequest? Source { get; init; }

    /// <summary>Organizations the events refer to by ref: stored (<c>existingId</c>) or to create.</summary>
    public IReadOnlyList<DraftOrganizationRequest>? Organizations { get; init; }

    /// <summary>Actors the events refer to by ref: stored (<c>existingId</c>) or to create.</summary>
    public IReadOnlyList<DraftActorRequest>? Actors { get; init; }

    /// <summary>Events to create, or (with <c>existing</c>) to cite the article with its quotes.</summary>
    public IReadOnlyList<DraftEventRequest>? Events { get; init; }
}

/// <summary>The article as a source.</summary>
public sealed record DraftSourceRequest
{
    /// <summary>A stored source to use; the other fields are then ignored.</summary>
    public long? ExistingId { get; init; }

    /// <summary>Where it was published (http or https).</summary>
    /// <example>https://news.example/world/nato-russia-mission</example>
    public string? Url { get; init; }

    /// <summary>The headline; required for a new source.</summary>
    /// <example>Moscow vows response after NATO expels eight Russian envoys</example>
    public string? Title { get; init; }

    /// <summary>Who published it.</summary>
    public string? Publisher { get; init; }

    /// <summary>When it was published.</summary>
    /// <example>2021-10-08</example>
    public string? PublishedAt { get; init; }

    /// <summary>Its language (BCP 47).</summary>
    /// <example>en</example>
    public string? Language { get; init; }
}

/// <summary>An organization of the draft.</summary>
public sealed record DraftOrganizationRequest
{
    /// <summary>The draft's name for it, unique among organizations and actors.</summary>
    /// <example>o1</example>
    public string? Ref { get; init; }

    /// <summary>The stored organization; when absent, a new one is created from the fields below.</summary>
    public long? ExistingId { get; init; }

    /// <summary>Its name (required for a new organization).</summary>
    public string? Name { get; init; }

    /// <summary>Its kind (required for a new organization).</summary>
    public OrganizationKind? Kind { get; init; }

    /// <summary>ISO 3166-1 alpha-2 code; required for a new state.</summary>
    public string? CountryCode { get; init; }

    /// <summary>Where the text names it (not stored).</summary>
    public IReadOnlyList<TextSpan>? Mentions { get; init; }
}

/// <summary>An actor of the draft.</summary>
public sealed record DraftActorRequest
{
    /// <summary>The draft's name for the person, unique among organizations and actors.</summary>
    /// <example>a1</example>
    public string? Ref { get; init; }

    /// <summary>The stored actor; when absent, a new one is created.</summary>
    public long? ExistingId { get; init; }

    /// <summary>The name (required for a new actor).</summary>
    public string? Name { get; init; }

    /// <summary>The title, stored as the new actor's affiliation with <c>organization</c>.</summary>
    public string? Title { get; init; }

    /// <summary>The ref of the organization the person acts for.</summary>
    public string? Organization { get; init; }

    /// <summary>Where the text names the person (not stored).</summary>
    public IReadOnlyList<TextSpan>? Mentions { get; init; }
}

/// <summary>An event of the draft.</summary>
public sealed record DraftEventRequest
{
    /// <summary>The draft's name for it, unique among events.</summary>
    /// <example>e1</example>
    public string? Ref { get; init; }

    /// <summary>The event type.</summary>
    /// <example>accreditation_withdrawal</example>
    public string? Type { get; init; }

    /// <summary>A one-line description, up to 300 characters.</summary>
    public string? Title { get; init; }

    /// <summary>YYYY, YYYY-MM or YYYY-MM-DD.</summary>
    /// <example>2021-10-06</example>
    public string? Date { get; init; }

    /// <summary>Follows from <c>date</c>; accepted and ignored.</summary>
    public DatePrecision? DatePrecision { get; init; }

    /// <summary>Not stored.</summary>
    public TextSpan? DateEvidence { get; init; }

    /// <summary>A deadline or end; not before <c>date</c>.</summary>
    public string? EndDate { get; init; }

    /// <summary>Not stored.</summary>
    public TextSpan? EndDateEvidence { get; init; }

    /// <summary>Where it stands, when the text says.</summary>
    public EventStatus? Status { get; init; }

    /// <summary>Not stored.</summary>
    public TextSpan? StatusEvidence { get; init; }

    /// <summary>Participants by ref, each with a role.</summary>
    public IReadOnlyList<DraftParticipantRequest>? Participants { get; init; }

    /// <summary>Numbers the event states.</summary>
    public IReadOnlyList<DraftQuantityRequest>? Quantities { get; init; }

    /// <summary>Quotes, stored as citations of the source with their speakers.</summary>
    public IReadOnlyList<DraftQuoteRequest>? Quotes { get; init; }

    /// <summary>Links to drafted events (ref) or stored ones (existingId).</summary>
    public IReadOnlyList<DraftRelationRequest>? Relations { get; init; }

    /// <summary>Not stored.</summary>
    public IReadOnlyList<TextSpan>? Evidence { get; init; }

    /// <summary>Not stored.</summary>
    public double? Confidence { get; init; }

    /// <summary>Not stored.</summary>
    public IReadOnlyList<string>? Reasons { get; init; }

    /// <summary>The stored event this is: the article is added to it as a citation with the quotes; nothing else changes.</summary>
    public DraftExistingRequest? Existing { get; init; }
}

/// <summary>A participant by ref: exactly one of <c>organization</c> and <c>actor</c>.</summary>
public sealed record DraftParticipantRequest
{
    /// <summary>An organization's ref.</summary>
    public string? Organization { get; init; }

    /// <summary>An actor's ref.</summary>
    public string? Actor { get; init; }

    /// <summary>The part it plays.</summary>
    public ParticipantRole? Role { get; init; }

    /// <summary>Not stored.</summary>
    public TextSpan? Evidence { get; init; }
}

/// <summary>A number the event states.</summary>
public sealed record DraftQuantityRequest
{
    /// <summary>What it counts.</summary>
    public QuantityKind? Kind { get; init; }

    /// <summary>The number, 0 or more.</summary>
    public long? Value { get; init; }

    /// <summary>The unit.</summary>
    public string? Unit { get; init; }

    /// <summary>Not stored.</summary>
    public TextSpan? Evidence { get; init; }
}

/// <summary>A quote, stored as a citation of the article.</summary>
public sealed record DraftQuoteRequest
{
    /// <summary>The quoted words, up to 2 000 characters.</summary>
    public string? Text { get; init; }

    /// <summary>The speaker's actor ref.</summary>
    public string? Speaker { get; init; }

    /// <summary>Not stored.</summary>
    public TextSpan? Evidence { get; init; }
}

/// <summary>A link to a drafted event (ref) or a stored one (existingId): exactly one.</summary>
public sealed record DraftRelationRequest
{
    /// <summary>How the event relates to the other.</summary>
    public RelationType? Type { get; init; }

    /// <summary>A drafted event's ref.</summary>
    public string? Ref { get; init; }

    /// <summary>A stored event's id.</summary>
    public long? ExistingId { get; init; }
}

/// <summary>The stored event a drafted event is.</summary>
public sealed record DraftExistingRequest
{
    /// <summary>Its id.</summary>
    public long? Id { get; init; }

    /// <summary>Its title (not checked).</summary>
    public string? Title { get; init; }
}

/// <summary>What a commit wrote.</summary>
/// <param name="Source">The source: created, or the stored one used.</param>
/// <param name="Organizations">Each organization's ref and id.</param>
/// <param name="Actors">Each actor's ref and id.</param>
/// <param name="Events">Each event's ref and id: created, or a stored event that now cites the article.</param>
public sealed record DraftCommitResponse(
    DraftCommittedRecord Source,
    IReadOnlyList<DraftCommittedRecord> Organizations,
    IReadOnlyList<DraftCommittedRecord> Actors,
    IReadOnlyList<DraftCommittedRecord> Events);

/// <summary>One record of a commit.</summary>
/// <param name="Ref">The draft's name for it (null for the source).</param>
/// <param name="Id">The stored record's id.</param>
/// <param name="Created">True when the commit created it; false when it was stored already (an event then gained citations).</param>
public sealed record DraftCommittedRecord(string? Ref, long Id, bool Created);
