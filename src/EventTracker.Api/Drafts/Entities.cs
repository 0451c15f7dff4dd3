using EventTracker.Api.Organizations;

namespace EventTracker.Api.Drafts;

/// <summary>An organization of the draft: a gazetteer record (stored or lexicon) or one proposed from the text.</summary>
public sealed class DraftOrganization(int? known, string name, OrganizationKind kind, string? countryCode, string sideKey)
{
    public int? Known { get; } = known;
    public string Name { get; } = name;
    public OrganizationKind Kind { get; } = kind;
    public string? CountryCode { get; } = countryCode;
    public string SideKey { get; } = sideKey;
    public List<TextSpan> Mentions { get; } = [];
}

/// <summary>A person of the draft: a stored actor or one proposed from a title pattern.</summary>
public sealed class DraftPerson(int? known, string name)
{
    public int? Known { get; } = known;
    public string Name { get; } = name;
    public string? Title { get; set; }
    public int? Organization { get; set; }
    public List<TextSpan> Mentions { get; } = [];
    public string Surname => GazetteerCache.Surname(Name);
}

/// <summary>How a mention names its record.</summary>
public enum MentionForm
{
    Name,
    Demonym,
    Seat,
    Generic,
    Surname,
    Role,
    Pronoun,
}

/// <summary>One place the text names an organization or a person; <c>Possessive</c> when 's follows ("Russia's mission").</summary>
public sealed record Mention(int Start, int End, int FirstToken, int EndToken, int Sentence, bool IsPerson, int Entity, MentionForm Form, bool Possessive)
{
    public TextSpan Span => new(Start, End);
}
