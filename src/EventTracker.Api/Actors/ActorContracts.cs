
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Actors;

/// <summary>A person to create or to replace.</summary>
public sealed record ActorRequest : IReferencingRequest
{
    public IEnumerable<RecordReference> References() =>
        (Affiliations ?? []).Select((affiliation, i) => (affiliation, i))
            .Where(pair => pair.affiliation?.OrganizationId is not null)
            .Select(pair => new RecordReference($"affiliations[{pair.i}].organizationId", RecordKind.Organization, pair.affiliation.OrganizationId!.Value));

    /// <summary>The usual English name.</summary>
    /// <example>Maria Zakharova</example>
    public string? Name { get; init; }

    /// <summary>Other spellings and scripts.</summary>
    /// <example>["Мария Захарова", "Maria Zakharova"]</example>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>The Wikidata item id, e.g. Q7184 (the form every Wikidata item id has).</summary>
    public string? WikidataId { get; init; }

    /// <summary>The person's roles at organizations over time.</summary>
    public IReadOnlyList<AffiliationRequest>? Affiliations { get; init; }
}

/// <summary>An actor's role at an organization over time.</summary>
public sealed record AffiliationRequest
{
    /// <summary>The organization.</summary>
    /// <example>2</example>
    public long? OrganizationId { get; init; }

    /// <summary>The role, e.g. "Foreign Ministry spokeswoman".</summary>
    /// <example>Director of the Information and Press Department (spokeswoman)</example>
    public string? Title { get; init; }

    /// <summary>Since when: YYYY, YYYY-MM or YYYY-MM-DD; null if unknown.</summary>
    /// <example>2015-08</example>
    public string? From { get; init; }

    /// <summary>Until when; null while the role is held or if unknown. Not before <c>from</c>.</summary>
    public string? To { get; init; }
}

/// <summary>A person's role at an organization.</summary>
/// <param name="Organization">The organization.</param>
/// <param name="Title">The role.</param>
/// <param name="From">Since when (partial date), if known.</param>
/// <param name="To">Until when (partial date); null while the role is held.</param>
public sealed record AffiliationResponse(Organizations.OrganizationSummary Organization, string? Title, string? From, string? To);

/// <summary>A person who acts or speaks in events.</summary>
/// <param name="Id">The actor's id.</param>
/// <param name="Name">The usual English name.</param>
/// <param name="Aliases">Other spellings and scripts.</param>
/// <param name="WikidataId">The Wikidata item id.</param>
/// <param name="Affiliations">Roles at organizations over time.</param>
/// <param name="Version">Increases by one with every change; the ETag is derived from it.</param>
/// <param name="CreatedAt">When the record was created (UTC).</param>
/// <param name="UpdatedAt">When the record last changed (UTC).</param>
public sealed record ActorResponse(
    long Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string? WikidataId,
    IReadOnlyList<AffiliationResponse> Affiliations,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IVersionedRecord;
