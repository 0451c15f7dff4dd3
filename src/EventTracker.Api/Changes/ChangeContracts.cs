using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using EventTracker.Api.Actors;
using EventTracker.Api.Events;
using EventTracker.Api.History;
using EventTracker.Api.Organizations;
using EventTracker.Api.Sources;
using Microsoft.AspNetCore.Mvc;

namespace EventTracker.Api.Changes;

/// <summary>One change to a record, in the order changes became visible; <c>kind</c> says which record type <c>record</c> is.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Action">What the change did.</param>
/// <param name="Version">The record's version after the change. A change to another record that this one shows (an organization's name in an event) is an "updated" item with an unchanged version.</param>
/// <param name="At">When the change was committed (UTC).</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OrganizationChange), "organization")]
[JsonDerivedType(typeof(ActorChange), "actor")]
[JsonDerivedType(typeof(SourceChange), "source")]
[JsonDerivedType(typeof(EventChange), "event")]
public abstract record Change(long Id, RevisionAction Action, long Version, DateTimeOffset At);

/// <summary>A change to an organization.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Action">What the change did.</param>
/// <param name="Version">The record's version after the change.</param>
/// <param name="At">When the change was committed (UTC).</param>
/// <param name="Record">The organization as GET returns it when the page is read; null once it is deleted.</param>
public sealed record OrganizationChange(long Id, RevisionAction Action, long Version, DateTimeOffset At, OrganizationResponse? Record)
    : Change(Id, Action, Version, At);

/// <summary>A change to an actor.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Action">What the change did.</param>
/// <param name="Version">The record's version after the change.</param>
/// <param name="At">When the change was committed (UTC).</param>
/// <param name="Record">The actor as GET returns it when the page is read; null once it is deleted.</param>
public sealed record ActorChange(long Id, RevisionAction Action, long Version, DateTimeOffset At, ActorResponse? Record)
    : Change(Id, Action, Version, At);

/// <summary>A change to a source.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Action">What the change did.</param>
/// <param name="Version">The record's version after the change.</param>
/// <param name="At">When the change was committed (UTC).</param>
/// <param name="Record">The source as GET returns it when the page is read; null once it is deleted.</param>
public sealed record SourceChange(long Id, RevisionAction Action, long Version, DateTimeOffset At, SourceResponse? Record)
    : Change(Id, Action, Version, At);

/// <summary>A change to an event.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Action">What the change did.</param>
/// <param name="Version">The record's version after the change.</param>
/// <param name="At">When the change was committed (UTC).</param>
/// <param name="Record">The event as GET returns it when the page is read; null once it is deleted.</param>
public sealed record EventChange(long Id, RevisionAction Action, long Version, DateTimeOffset At, EventResponse? Record)
    : Change(Id, Action, Version, At);

/// <summary>A page of the change feed.</summary>
/// <param name="Items">Changes, oldest first.</param>
/// <param name="NextCursor">Where to resume (pass as <c>after</c>); never null, also when no change is left.</param>
public sealed record ChangesPage(IReadOnlyList<Change> Items, string NextCursor);

/// <summary>The change feed's parameters.</summary>
public sealed record ChangesQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int MaxWaitSeconds = 25;

    /// <summary>The nextCursor of the previous page (or the Changes-Cursor header of an export); omit to start from the first change ever made.</summary>
    [FromQuery(Name = "after")]
    public string? After { get; init; }

    /// <summary>Changes per page, 1 to 1000.</summary>
    [DefaultValue(DefaultLimit)]
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>Record kinds (repeatable): only changes to these. Default: all four. Example: kind=event</summary>
    [AllowedValues("organization", "actor", "source", "event")]
    [FromQuery(Name = "kind")]
    public string[]? Kind { get; init; }

    /// <summary>Seconds, 0 to 25: when nothing is new, wait up to this long for the next change (long poll) instead of answering an empty page at once.</summary>
    [DefaultValue(0)]
    [FromQuery(Name = "wait")]
    public int? Wait { get; init; }
}
