using EventTracker.Api.Events;
using EventTracker.Api.Organizations;
using EventTracker.Api.Values;

namespace EventTracker.Api.Drafts;

/// <summary>An article to draft records from: exactly one of <c>text</c> and <c>html</c>.</summary>
public sealed record DraftRequest
{
    /// <summary>The article as plain text (at most 256 KB).</summary>
    /// <example>NATO on Wednesday withdrew the accreditation of eight members of Russia's mission to the Alliance.</example>
    public string? Text { get; init; }

    /// <summary>The article's whole page as HTML (at most 256 KB): the main text is taken, menus, teasers, captions and footers are left out.</summary>
    public string? Html { get; init; }

    /// <summary>Where the article was published; a stored source with the same normalised URL is answered as <c>existingId</c>.</summary>
    /// <example>https://news.example/world/nato-russia-mission</example>
    public string? Url { get; init; }

    /// <summary>The headline; from the page's metadata when not given.</summary>
    public string? Title { get; init; }

    /// <summary>The publication date (YYYY, YYYY-MM or YYYY-MM-DD): relative dates ("on Wednesday", "last month") resolve against it.</summary>
    /// <example>2021-10-08</example>
    public string? PublishedAt { get; init; }

    /// <summary>The article's language as a BCP 47 tag; only <c>en</c> has rules yet.</summary>
    /// <example>en</example>
    public string? Language { get; init; }
}

/// <summary>Where a value was found: character offsets into the draft's <c>text</c> (end exclusive).</summary>
/// <param name="Start">The first character.</param>
/// <param name="End">One past the last character.</param>
public sealed record TextSpan(int Start, int End);

/// <summary>The first pass over an article, for a person to review, edit and commit (POST /api/v1/drafts/commit).</summary>
/// <param name="Text">The plain text that every span refers to.</param>
/// <param name="Source">The article as a source record.</param>
/// <param name="Organizations">Organizations the text names: stored ones with <c>existingId</c>, others proposed.</param>
/// <param name="Actors">People the text names: stored ones with <c>existingId</c>, others proposed.</param>
/// <param name="Events">The events the article reports.</param>
public sealed record DraftResponse(
    string Text,
    DraftSourceResponse Source,
    IReadOnlyList<DraftOrganizationResponse> Organizations,
    IReadOnlyList<DraftActorResponse> Actors,
    IReadOnlyList<DraftEventResponse> Events);

/// <summary>The article as a source.</summary>
/// <param name="ExistingId">The stored source with the same normalised URL, if any.</param>
/// <param name="Url">The URL given.</param>
/// <param name="Title">The headline, as given or from the page's metadata.</param>
/// <param name="Publisher">The site's name from the page's metadata.</param>
/// <param name="PublishedAt">The publication date, as given or from the page's metadata.</param>
/// <param name="Language">The language.</param>
public sealed record DraftSourceResponse(long? ExistingId, string? Url, string? Title, string? Publisher, string? PublishedAt, string? Language);

/// <summary>An organization the text names.</summary>
/// <param name="Ref">The draft's own name for it, used by participants (<c>o1</c>, <c>o2</c>, ...).</param>
/// <param name="ExistingId">The stored organization it is, if any; otherwise committing creates it.</param>
/// <param name="Name">Its name (the stored name, or as proposed).</param>
/// <param name="Kind">Its kind.</param>
/// <param name="CountryCode">Its country (ISO 3166-1 alpha-2), if any.</param>
/// <param name="Mentions">Where the text names it.</param>
public sealed record DraftOrganizationResponse(
    string Ref, long? ExistingId, string Name, OrganizationKind Kind, string? CountryCode, IReadOnlyList<TextSpan> Mentions);

/// <summary>A person the text names.</summary>
/// <param name="Ref">The draft's own name for the person (<c>a1</c>, <c>a2</c>, ...).</param>
/// <param name="ExistingId">The stored actor, if any; otherwise committing creates one.</param>
/// <param name="Name">The name.</param>
/// <param name="Title">The title the text gives ("Kremlin spokesman"), if any.</param>
/// <param name="Organization">The ref of the organization the person speaks or acts for, when the text or the store says.</param>
/// <param name="Mentions">Where the text names the person (surname, role and pronoun mentions included).</param>
public sealed record DraftActorResponse(
    string Ref, long? ExistingId, string Name, string? Title, string? Organization, IReadOnlyList<TextSpan> Mentions);

/// <summary>One event the article reports.</summary>
/// <param name="Ref">The draft's own name for it (<c>e1</c>, ...), for relations between drafted events.</param>
/// <param name="Type">The event type.</param>
/// <param name="Title">A short factual title in the product's own words.</param>
/// <param name="Date">When: YYYY, YYYY-MM or YYYY-MM-DD.</param>
/// <param name="DatePrecision">day, month or year.</param>
/// <param name="DateEvidence">Where the text gives the date; null when it is the publication date.</param>
/// <param name="EndDate">A deadline or end the text gives, if any.</param>
/// <param name="EndDateEvidence">Where the text gives the end date.</param>
/// <param name="Status">Where the event stands, only when the text says.</param>
/// <param name="StatusEvidence">The words that say it.</param>
/// <param name="Participants">Organizations and actors (by ref) with their roles.</param>
/// <param name="Quantities">Numbers the text states.</param>
/// <param name="Quotes">Direct quotes with their speakers.</param>
/// <param name="Relations">Links to drafted events (by ref) or stored ones (by id).</param>
/// <param name="Evidence">The sentences the event comes from.</param>
/// <param name="Confidence">How sure the rules are, 0 to 1.</param>
/// <param name="Reasons">Why: the trigger, how the sides and date were found, what lowered the confidence.</param>
/// <param name="Existing">The stored event this is, if any: committing then adds the article to it as a citation.</param>
public sealed record DraftEventResponse(
    string Ref,
    string Type,
    string Title,
    string? Date,
    DatePrecision? DatePrecision,
    TextSpan? DateEvidence,
    string? EndDate,
    TextSpan? EndDateEvidence,
    EventStatus? Status,
    TextSpan? StatusEvidence,
    IReadOnlyList<DraftParticipantResponse> Participants,
    IReadOnlyList<DraftQuantityResponse> Quantities,
    IReadOnlyList<DraftQuoteResponse> Quotes,
    IReadOnlyList<DraftRelationResponse> Relations,
    IReadOnlyList<TextSpan> Evidence,
    double Confidence,
    IReadOnlyList<string> Reasons,
    DraftExistingResponse? Existing);

/// <summary>An organization or an actor (exactly one, by ref) in a drafted event.</summary>
/// <param name="Organization">The organization's ref.</param>
/// <param name="Actor">The actor's ref.</param>
/// <param name="Role">The part it plays.</param>
/// <param name="Evidence">The mention the role was read from.</param>
public sealed record DraftParticipantResponse(string? Organization, string? Actor, ParticipantRole Role, TextSpan? Evidence);

/// <summary>A number the text states.</summary>
/// <param name="Kind">What it counts.</param>
/// <param name="Value">The number.</param>
/// <param name="Unit">persons, days or offices.</param>
/// <param name="Evidence">The words it was read from.</param>
public sealed record DraftQuantityResponse(QuantityKind Kind, long Value, string? Unit, TextSpan? Evidence);

/// <summary>A direct quote.</summary>
/// <param name="Text">The quoted words, verbatim.</param>
/// <param name="Speaker">The speaker's actor ref, when known.</param>
/// <param name="Evidence">Where the quote is.</param>
public sealed record DraftQuoteResponse(string Text, string? Speaker, TextSpan? Evidence);

/// <summary>A link from a drafted event to another drafted event (<c>ref</c>) or to a stored one (<c>existingId</c>).</summary>
/// <param name="Type">How the event relates to the other.</param>
/// <param name="Ref">The drafted event's ref.</param>
/// <param name="ExistingId">The stored event's id.</param>
public sealed record DraftRelationResponse(RelationType Type, string? Ref, long? ExistingId);

/// <summary>The stored event a drafted event already is.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Title">Its title.</param>
public sealed record DraftExistingResponse(long Id, string Title);
