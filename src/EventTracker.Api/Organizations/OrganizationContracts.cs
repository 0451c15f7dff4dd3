namespace EventTracker.Api.Organizations;

/// <summary>What an organization is.</summary>
public enum OrganizationKind
{
    State,
    Alliance,
    InternationalOrganization,
    Ministry,
    Agency,
    DiplomaticMission,
    Party,
    MediaOutlet,
    Other,
}

/// <summary>An organization to create or to replace.</summary>
public sealed record OrganizationRequest : Records.IReferencingRequest
{
    public IEnumerable<Records.RecordReference> References() =>
        ParentId is { } parentId ? [new Records.RecordReference("parentId", Records.RecordKind.Organization, parentId)] : [];

    /// <summary>The usual English name, e.g. "Permanent Mission of Russia to NATO".</summary>
    /// <example>Permanent Mission of the Russian Federation to NATO</example>
    public string? Name { get; init; }

    /// <summary>What kind of organization it is.</summary>
    /// <example>diplomatic_mission</example>
    public OrganizationKind? Kind { get; init; }

    /// <summary>ISO 3166-1 alpha-2 code of the country it belongs to; required for a state, null for an alliance.</summary>
    /// <example>RU</example>
    public string? CountryCode { get; init; }

    /// <summary>The organization it belongs to (mission → ministry → state).</summary>
    public long? ParentId { get; init; }

    /// <summary>Other names, abbreviations and spellings, in any script.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>The Wikidata item id, e.g. Q7184 for NATO.</summary>
    public string? WikidataId { get; init; }

    /// <summary>The CAMEO actor code, e.g. RUSGOV or IGONAT.</summary>
    public string? CameoCode { get; init; }
}

/// <summary>Just enough of an organization to draw a link to it.</summary>
/// <param name="Id">The organization's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="CountryCode">Its country, if any.</param>
public sealed record OrganizationSummary(long Id, string Name, OrganizationKind Kind, string? CountryCode);

/// <summary>An organization.</summary>
/// <param name="Id">The organization's id.</param>
/// <param name="Name">The usual English name.</param>
/// <param name="Kind">What kind of organization it is.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 code; null for alliances.</param>
/// <param name="ParentId">The organization it belongs to, if any.</param>
/// <param name="Parent">A summary of the parent, if any.</param>
/// <param name="Children">Summaries of the organizations that belong to it directly.</param>
/// <param name="Aliases">Other names and spellings.</param>
/// <param name="WikidataId">The Wikidata item id.</param>
/// <param name="CameoCode">The CAMEO actor code.</param>
/// <param name="Version">Increases by one with every change; the ETag is derived from it.</param>
/// <param name="CreatedAt">When the record was created (UTC).</param>
/// <param name="UpdatedAt">When the record last changed (UTC).</param>
public sealed record OrganizationResponse(
    long Id,
    string Name,
    OrganizationKind Kind,
    string? CountryCode,
    long? ParentId,
    OrganizationSummary? Parent,
    IReadOnlyList<OrganizationSummary> Children,
    IReadOnlyList<string> Aliases,
    string? WikidataId,
    string? CameoCode,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : Records.IVersionedRecord
{
    /// <summary>Just enough of it to draw a link to it.</summary>
    public OrganizationSummary Summary() => new(Id, Name, Kind, CountryCode);
}
