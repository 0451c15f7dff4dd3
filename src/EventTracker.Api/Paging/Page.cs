using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace EventTracker.Api.Paging;

/// <summary>One page of a list.</summary>
/// <param name="Items">The items of this page, in the list's stable order.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> to get the next page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>The paging and search parameters every resource list takes.</summary>
public sealed record ListQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Words to search for: names and aliases (organizations, actors) or titles (sources, events). Each word matches as a prefix; all must match.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>Items per page, 1 to 500.</summary>
    [DefaultValue(DefaultLimit)]
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The nextCursor of the previous page; omit for the first page. Only valid with the same q.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    public int EffectiveLimit => Limit ?? DefaultLimit;
}
