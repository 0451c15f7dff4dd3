using Microsoft.AspNetCore.Mvc;

namespace EventTracker.Api.Errors;

/// <summary>412: the record changed since it was read.</summary>
public sealed class PreconditionFailedProblem : ProblemDetails
{
    /// <summary>The record's current ETag: read the record again, reapply the change and send this in If-Match.</summary>
    public required string CurrentETag { get; init; }
}

/// <summary>409: the write conflicts with what is stored. Which members are present depends on the conflict.</summary>
public sealed class ConflictProblem : ProblemDetails
{
    /// <summary>Live events that still refer to the record (deleting an organization, actor, source or event).</summary>
    public IReadOnlyList<long>? ReferencingEventIds { get; init; }

    /// <summary>Live organizations that still belong to the organization being deleted.</summary>
    public IReadOnlyList<long>? ChildOrganizationIds { get; init; }

    /// <summary>The source that already has this URL (creating or changing a source).</summary>
    public long? ExistingId { get; init; }

    /// <summary>The normalised URL the two sources share.</summary>
    public string? NormalizedUrl { get; init; }
}
