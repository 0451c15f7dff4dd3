using System.ComponentModel;
using EventTracker.Api.Events;
using EventTracker.Api.Organizations;
using EventTracker.Api.Paging;
using EventTracker.Api.Values;
using Microsoft.AspNetCore.Mvc;

namespace EventTracker.Api.Analyses;

/// <summary>The pair and period of a reciprocity ledger.</summary>
public sealed record LedgerQuery
{
    /// <summary>One side: an organization id; its sub-organizations (ministries, missions) count for it. Example: a=1</summary>
    [FromQuery(Name = "a")]
    public long? A { get; init; }

    /// <summary>The other side: an organization id, not a. Example: b=2</summary>
    [FromQuery(Name = "b")]
    public long? B { get; init; }

    /// <summary>Start of the period, as the timeline's from: YYYY, YYYY-MM or YYYY-MM-DD. Example: 2018-03</summary>
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>End of the period, inclusive, as the timeline's to. Example: 2018-03</summary>
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    /// <summary>As on the timeline: false (default) counts a partially dated measure only when its whole span lies in the period; true when it overlaps it.</summary>
    [DefaultValue(false)]
    [FromQuery(Name = "overlap")]
    public bool? Overlap { get; init; }

    /// <summary>Measures per page (exchanges and unanswered together), 1 to 500; the counts, sums and lags always cover every measure.</summary>
    [DefaultValue(ListQuery.DefaultLimit)]
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The nextCursor of the previous page; omit for the first. Only valid with the same a, b, from, to and overlap.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    public int EffectiveLimit => Limit ?? ListQuery.DefaultLimit;
}

/// <summary>Which way a measure runs.</summary>
public enum LedgerDirection
{
    /// <summary>From a's side to b's.</summary>
    AToB,

    /// <summary>From b's side to a's.</summary>
    BToA,
}

/// <summary>The reciprocity ledger of one pair.</summary>
/// <param name="A">Side a.</param>
/// <param name="B">Side b.</param>
/// <param name="From">The period's start as asked, if any.</param>
/// <param name="To">The period's end as asked, if any.</param>
/// <param name="AToB">The measures a's side took against b's.</param>
/// <param name="BToA">The measures b's side took against a's.</param>
/// <param name="Balance">a→b minus b→a, figure by figure.</param>
/// <param name="Exchanges">This page's measures that were answered, each with its answers from the other side, in date order.</param>
/// <param name="Unanswered">This page's measures with no answer from the other side, in date order.</param>
/// <param name="ResponseLagDays">Days from each measure to each of its answers, over every measure (not just this page's).</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page of measures; null on the last page.</param>
public sealed record LedgerResponse(
    OrganizationSummary A, OrganizationSummary B, string? From, string? To,
    LedgerSide AToB, LedgerSide BToA, LedgerBalance Balance,
    IReadOnlyList<LedgerExchange> Exchanges, IReadOnlyList<LedgerMeasure> Unanswered, LagStatistics ResponseLagDays, string? NextCursor);

/// <summary>What one side did to the other.</summary>
/// <param name="Measures">How many measures (expulsions, accreditation withdrawals, staff caps, recalls, closures, downgrades, sanctions).</param>
/// <param name="MeasuresByType">How many of each type.</param>
/// <param name="DiplomatsExpelled">The sum of the measures' diplomats_expelled.</param>
/// <param name="AccreditationsWithdrawn">The sum of their accreditations_withdrawn.</param>
/// <param name="StaffReductions">The sum, over staff caps that state both, of staff_before − staff_after.</param>
public sealed record LedgerSide(int Measures, IReadOnlyDictionary<string, int> MeasuresByType, long DiplomatsExpelled, long AccreditationsWithdrawn, long StaffReductions);

/// <summary>a→b minus b→a.</summary>
/// <param name="Measures">Measures.</param>
/// <param name="DiplomatsExpelled">Diplomats expelled.</param>
/// <param name="AccreditationsWithdrawn">Accreditations withdrawn.</param>
/// <param name="StaffReductions">Staff reductions.</param>
public sealed record LedgerBalance(int Measures, long DiplomatsExpelled, long AccreditationsWithdrawn, long StaffReductions);

/// <summary>A measure of the ledger.</summary>
/// <param name="Id">The event's id.</param>
/// <param name="Type">Its type.</param>
/// <param name="Title">Its title.</param>
/// <param name="Date">Its date as entered.</param>
/// <param name="Direction">Which way it runs.</param>
/// <param name="DiplomatsExpelled">Its diplomats_expelled, if stated.</param>
public sealed record LedgerMeasure(long Id, string Type, string Title, string Date, LedgerDirection Direction, long? DiplomatsExpelled);

/// <summary>A measure and the answers to it.</summary>
/// <param name="Measure">The measure.</param>
/// <param name="Responses">Events of the other side that respond_to it (or to a wave it is part of), in date order.</param>
public sealed record LedgerExchange(LedgerMeasure Measure, IReadOnlyList<LedgerAnswer> Responses);

/// <summary>One answer to a measure.</summary>
/// <param name="Id">The answering event's id.</param>
/// <param name="Type">Its type.</param>
/// <param name="Title">Its title.</param>
/// <param name="Date">Its date as entered.</param>
/// <param name="DiplomatsExpelled">Its diplomats_expelled, if stated.</param>
/// <param name="ViaWave">The wave it answers, when it answers the measure through the wave the measure is part of.</param>
/// <param name="LagDays">Days from the first day of the measure's date to the first day of the answer's.</param>
/// <param name="Proportionality">Diplomats expelled by the answer ÷ by the measure, when both state them.</param>
public sealed record LedgerAnswer(long Id, string Type, string Title, string Date, long? DiplomatsExpelled, long? ViaWave, int LagDays, double? Proportionality);

/// <summary>Response lags in days; null figures when there is no response.</summary>
/// <param name="Count">How many (measure, answer) pairs.</param>
/// <param name="Median">Their median.</param>
/// <param name="Min">The shortest.</param>
/// <param name="Max">The longest.</param>
public sealed record LagStatistics(int Count, double? Median, int? Min, int? Max);

/// <summary>The size of an organization (a mission, usually) over time.</summary>
/// <param name="Organization">The organization.</param>
/// <param name="Points">Each event that states its staff or suspends it, in date order.</param>
public sealed record StaffingResponse(OrganizationSummary Organization, IReadOnlyList<StaffingPoint> Points);

/// <summary>One step of a staffing series.</summary>
/// <param name="EventId">The event.</param>
/// <param name="Type">Its type.</param>
/// <param name="Title">Its title.</param>
/// <param name="Date">Its date as entered.</param>
/// <param name="DatePrecision">How precise the date is.</param>
/// <param name="Status">Its status, if the sources state one.</param>
/// <param name="StaffBefore">Staff before the event, if stated.</param>
/// <param name="StaffAfter">Staff after it, if stated.</param>
/// <param name="StaffCap">The cap it sets, if stated.</param>
/// <param name="Suspended">True when the event closes or suspends the organization (a mission_closure).</param>
public sealed record StaffingPoint(
    long EventId, string Type, string Title, string Date, DatePrecision DatePrecision, EventStatus? Status,
    long? StaffBefore, long? StaffAfter, long? StaffCap, bool Suspended);

/// <summary>A coordinated wave: an event and the measures that are part_of it.</summary>
/// <param name="Wave">The wave's own event.</param>
/// <param name="Members">The events that are part_of it, in date order (second reports left out).</param>
/// <param name="Totals">What the members add up to.</param>
/// <param name="Responses">Events that respond_to the wave itself, in date order.</param>
public sealed record WaveResponse(WaveEvent Wave, IReadOnlyList<WaveEvent> Members, WaveTotals Totals, IReadOnlyList<WaveEvent> Responses);

/// <summary>An event of a wave.</summary>
/// <param name="Id">The event's id.</param>
/// <param name="Type">Its type.</param>
/// <param name="Title">Its title.</param>
/// <param name="Date">Its date as entered.</param>
/// <param name="Initiators">Its initiating organizations.</param>
/// <param name="Targets">Its target organizations.</param>
/// <param name="DiplomatsExpelled">Its diplomats_expelled, if stated.</param>
/// <param name="AccreditationsWithdrawn">Its accreditations_withdrawn, if stated.</param>
public sealed record WaveEvent(
    long Id, string Type, string Title, string Date, IReadOnlyList<ParticipantResponse> Initiators, IReadOnlyList<ParticipantResponse> Targets,
    long? DiplomatsExpelled, long? AccreditationsWithdrawn);

/// <summary>A wave's totals.</summary>
/// <param name="Members">How many members.</param>
/// <param name="InitiatingStates">How many states took part (an initiator's topmost organization being a state).</param>
/// <param name="Initiators">The topmost organizations of the members' initiators: states, alliances.</param>
/// <param name="DiplomatsExpelled">The sum of the members' diplomats_expelled.</param>
/// <param name="AccreditationsWithdrawn">The sum of their accreditations_withdrawn.</param>
public sealed record WaveTotals(int Members, int InitiatingStates, IReadOnlyList<OrganizationSummary> Initiators, long DiplomatsExpelled, long AccreditationsWithdrawn);

internal static class MeasureFacts
{
    public static readonly string[] MeasureTypes =
        ["expulsion", "accreditation_withdrawal", "staff_cap", "ambassador_recall", "mission_closure", "relations_downgrade", "sanction"];

    public static long? Quantity(this EventResponse e, QuantityKind kind) =>
        e.Quantities.Where(q => q.Kind == kind).Select(q => (long?)q.Value).FirstOrDefault();

    /// <summary>A second report of another event: left out of every count.</summary>
    public static bool IsDuplicate(this EventResponse e) => e.Relations.Any(r => r.Type == RelationType.Duplicates);

    public static IEnumerable<long> OrganizationsWithRole(this EventResponse e, params ParticipantRole[] roles) =>
        e.Participants.Where(p => p.OrganizationId is not null && roles.Contains(p.Role)).Select(p => p.OrganizationId!.Value);

    public static DateOnly FirstDay(this EventResponse e) => PartialDate.Parse(e.Date).First;

    public static long? Quantity(this EventFacts e, QuantityKind kind) =>
        e.Quantities.Where(q => q.Kind == kind).Select(q => (long?)q.Value).FirstOrDefault();

    public static bool IsDuplicate(this EventFacts e) => e.Relations.Any(r => r.Type == RelationType.Duplicates);

    public static IEnumerable<long> OrganizationsWithRole(this EventFacts e, ParticipantRole role) =>
        e.Organizations.Where(p => p.Role == role).Select(p => p.OrganizationId);

    public static IEnumerable<long> RelationTargets(this EventFacts e, RelationType type) =>
        e.Relations.Where(r => r.Type == type).Select(r => r.Target);

    public static DateOnly FirstDay(this EventFacts e) => PartialDate.Parse(e.Date).First;
}
