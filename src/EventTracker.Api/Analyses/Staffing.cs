using EventTracker.Api.Events;
using EventTracker.Api.Organizations;
using EventTracker.Api.Timeline;

namespace EventTracker.Api.Analyses;

/// <summary>
/// An organization's size over time, from the events that target or affect it: each that states staff_before,
/// staff_after or staff_cap is a step, and a mission_closure of a mission suspends it.
/// </summary>
public sealed class Staffing(ITimelineStore timeline)
{
    private static readonly string[] StaffingTypes =
        ["staff_cap", "mission_closure", "expulsion", "accreditation_withdrawal", "relations_downgrade", "ambassador_recall"];

    public async Task<StaffingResponse> BuildAsync(OrganizationSummary organization, CancellationToken cancellationToken)
    {
        var filters = new TimelineFilters { Organization = [organization.Id], IncludeSubOrganizations = false, Type = StaffingTypes };
        var points = new List<StaffingPoint>();
        await using var read = await timeline.OpenAsync(cancellationToken);
        var resolved = await read.ResolveAsync(filters);
        TimelinePosition? after = null;
        do
        {
            var page = await FilteredEvents.ReadPageAsync(read, resolved, after, false, 500);
            points.AddRange(page.Items.Where(e => !e.IsDuplicate()).Select(e => PointOf(e, organization)).OfType<StaffingPoint>());
            after = page.Next;
        }
        while (after is not null);

        return new StaffingResponse(organization, points);
    }

    private static StaffingPoint? PointOf(EventResponse e, OrganizationSummary organization)
    {
        if (!e.OrganizationsWithRole(ParticipantRole.Target, ParticipantRole.Affected).Contains(organization.Id))
        {
            return null;
        }

        var (before, after, cap) = (e.Quantity(QuantityKind.StaffBefore), e.Quantity(QuantityKind.StaffAfter), e.Quantity(QuantityKind.StaffCap));
        var suspended = e.Type == "mission_closure" && organization.Kind == OrganizationKind.DiplomaticMission;
        return before is null && after is null && cap is null && !suspended
            ? null
            : new StaffingPoint(e.Id, e.Type, e.Title, e.Date, e.DatePrecision, e.Status, before, after, cap, suspended);
    }
}
