
using EventTracker.Api.Records;

namespace EventTracker.Api.Sources;

/// <summary>An article or document to create or to replace.</summary>
public sealed record SourceRequest
{
    /// <summary>Where to read it (http or https); empty for print or offline sources. Unique after normalisation.</summary>
    /// <example>https://www.nato.int/cps/en/natohq/news_187137.htm?utm_source=newsletter</example>
    public string? Url { get; init; }

    /// <summary>The headline or document title.</summary>
    /// <example>NATO expels eight members of Russia's mission and halves its size</example>
    public string? Title { get; init; }

    /// <summary>Who published it.</summary>
    /// <example>NATO</example>
    public string? Publisher { get; init; }

    /// <summary>When: a partial date (YYYY, YYYY-MM, YYYY-MM-DD) or an ISO 8601 timestamp with offset.</summary>
    /// <example>2021-10-06</example>
    public string? PublishedAt { get; init; }

    /// <summary>The language, as a BCP 47 tag (en, ru, fa, ar, pt-BR).</summary>
    /// <example>en</example>
    public string? Language { get; init; }

    /// <summary>A short excerpt, up to 10 000 characters.</summary>
    public string? Excerpt { get; init; }
}

/// <summary>An article or document that reports events.</summary>
/// <param name="Id">The source's id.</param>
/// <param name="Url">The URL as entered; null for print or offline sources.</param>
/// <param name="NormalizedUrl">The URL under which it is unique.</param>
/// <param name="Title">The headline or document title.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="PublishedAt">When: partial date or timestamp.</param>
/// <param name="Language">BCP 47 language tag.</param>
/// <param name="Excerpt">A short excerpt.</param>
/// <param name="Version">Increases by one with every change; the ETag is derived from it.</param>
/// <param name="CreatedAt">When the record was created (UTC).</param>
/// <param name="UpdatedAt">When the record last changed (UTC).</param>
public sealed record SourceResponse(
    long Id,
    string? Url,
    string? NormalizedUrl,
    string Title,
    string? Publisher,
    string? PublishedAt,
    string? Language,
    string? Excerpt,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IVersionedRecord;
