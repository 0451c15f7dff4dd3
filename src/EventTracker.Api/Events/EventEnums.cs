namespace EventTracker.Api.Events;

/// <summary>Where an event stands.</summary>
public enum EventStatus
{
    /// <summary>Declared, not yet in effect.</summary>
    Announced,
    InEffect,
    Completed,
    Cancelled,
}

/// <summary>The part an organization or actor plays in an event.</summary>
/// <summary>What a participant is.</summary>
public enum ParticipantKind
{
    Organization,
    Actor,
}

public enum ParticipantRole
{
    Initiator,
    Target,
    Spokesperson,
    Affected,
    Mediator,
    Commentator,
}

/// <summary>What a quantity counts.</summary>
public enum QuantityKind
{
    /// <summary>Diplomats expelled or declared persona non grata.</summary>
    DiplomatsExpelled,
    /// <summary>Accreditations withdrawn.</summary>
    AccreditationsWithdrawn,
    /// <summary>Pending accreditation requests denied.</summary>
    AccreditationRequestsDenied,
    /// <summary>A mission's permitted size before the measure.</summary>
    StaffBefore,
    /// <summary>A mission's permitted size after the measure.</summary>
    StaffAfter,
    /// <summary>A cap on staff numbers.</summary>
    StaffCap,
    /// <summary>Days given to comply.</summary>
    DeadlineDays,
    /// <summary>Missions, offices or consulates closed.</summary>
    MissionsClosed,
    /// <summary>Officials or persons sanctioned.</summary>
    PersonsSanctioned,
    /// <summary>Anything else; say what in <c>unit</c> and <c>note</c>.</summary>
    Other,
}

/// <summary>What a source says about the event.</summary>
public enum CitationClaim
{
    Reports,
    Confirms,
    Denies,
}

/// <summary>How one event relates to another.</summary>
public enum RelationType
{
    /// <summary>Retaliation for, or an answer to, the target event.</summary>
    RespondsTo,
    FollowsUp,
    PartOf,
    Duplicates,
}

/// <summary>The data sets an event can be matched with.</summary>
public static class ExternalIdSystems
{
    public static readonly IReadOnlyList<string> All = ["gdelt", "icews", "polecat", "acled", "wikidata"];
}
