using System.ComponentModel;
using EventTracker.Api.Caching;
using EventTracker.Api.Errors;
using EventTracker.Api.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Analyses;

/// <summary>The analyses (README, "Questions you can ask"): a pair's reciprocity ledger, a mission's staffing, a coordinated wave.</summary>
public static class AnalysesApi
{
    public static IServiceCollection AddAnalyses(this IServiceCollection services) =>
        services.AddSingleton<Ledger>().AddSingleton<Staffing>().AddSingleton<Waves>();

    public static RouteGroupBuilder MapAnalyses(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Analyses");

        group.MapGet("/dyads/ledger", GetLedgerAsync)
            .WithName("GetDyadLedger")
            .WithSummary("The reciprocity ledger of a pair: who did what to whom, what answered what, how fast")
            .WithDescription(
                "Measures are events of type expulsion, accreditation_withdrawal, staff_cap, ambassador_recall, mission_closure, " +
                "relations_downgrade or sanction; each runs from the side of its initiators to the side of its targets, a side being " +
                "the organization with its sub-organizations (a ministry's or mission's measures count for its state). Per direction: " +
                "measures by type and the sums of diplomats_expelled, accreditations_withdrawn and staff-cap reductions " +
                "(staff_before − staff_after); the balance (a→b minus b→a); exchanges (each measure with the other side's events that " +
                "respond_to it, or to a wave it is part of, with lagDays and proportionality = diplomats expelled by the answer ÷ by the " +
                "measure); unanswered measures; response-lag statistics. Second reports (a duplicates relation) are left out. from, to " +
                "and overlap select measures as on the timeline; answers count wherever they are dated. The counts, sums, balance and " +
                "lags cover every measure; exchanges and unanswered list one page of measures (limit, default 50) in date order: " +
                "page with nextCursor, which only works with the same a, b, from, to and overlap. " + ReadCaching.ETagNote)
            .CacheUntilDataChanges();

        group.MapGet("/organizations/{id:recordId}/staffing", GetStaffingAsync)
            .WithName("GetOrganizationStaffing")
            .WithSummary("The size of a mission (or any organization) over time")
            .WithDescription(
                "From the events that target or affect the organization itself (not its sub-organizations): each that states " +
                "staff_before, staff_after or staff_cap is a point, and a mission_closure suspends a diplomatic mission " +
                "(suspended: true). In date order, e.g. Russia's mission to NATO: 30 → 20 (March 2018), 20 → 10 (October 2021), " +
                "suspended (November 2021). " + ReadCaching.ETagNote)
            .CacheUntilDataChanges();

        group.MapGet("/events/{id:recordId}/wave", GetWaveAsync)
            .WithName("GetEventWave")
            .WithSummary("The coordinated wave an event is, or is part of, with its members and totals")
            .WithDescription(
                "A wave is an event whose members point to it with part_of (e.g. the coordinated expulsions after the Salisbury " +
                "attack). Asked of the wave or of any member: the wave, its members in date order, totals (members, initiating " +
                "states, diplomats expelled, accreditations withdrawn) and the events that respond_to the wave. The timeline " +
                "shows a wave with wave={id}. 404 when the event is neither a wave nor part of one. " + ReadCaching.ETagNote)
            .CacheUntilDataChanges();

        return api;
    }

    private static async Task<Results<Ok<LedgerResponse>, ProblemHttpResult>> GetLedgerAsync(
        [AsParameters] LedgerQuery query, IOrganizationStore organizations, Ledger ledger, CancellationToken cancellationToken)
    {
        var found = (await organizations.FindManyAsync([query.A!.Value, query.B!.Value], cancellationToken)).ToDictionary(o => o.Id);
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, id) in new[] { ("a", query.A.Value), ("b", query.B.Value) })
        {
            if (!found.ContainsKey(id))
            {
                errors[name] = [$"No organization has id {id}, or it was deleted."];
            }
        }

        if (errors.Count > 0)
        {
            return ValidationProblems.For(errors);
        }

        return await ledger.BuildAsync(found[query.A.Value].Summary(), found[query.B.Value].Summary(), query, cancellationToken) is { } built
            ? TypedResults.Ok(built)
            : Problems.BadCursor();
    }

    private static async Task<Results<Ok<StaffingResponse>, ProblemHttpResult>> GetStaffingAsync(
        [Description("The organization's id.")] long id, IOrganizationStore organizations, Staffing staffing, CancellationToken cancellationToken)
    {
        if (await organizations.FindAsync(id, cancellationToken) is not { } organization)
        {
            return Problems.NotFound("organization", id);
        }

        return TypedResults.Ok(await staffing.BuildAsync(organization.Summary(), cancellationToken));
    }

    private static async Task<Results<Ok<WaveResponse>, ProblemHttpResult>> GetWaveAsync(
        [Description("The id of the wave's event or of one of its members.")] long id, Waves waves, CancellationToken cancellationToken) =>
        await waves.FindAsync(id, cancellationToken) is { } wave
            ? TypedResults.Ok(wave)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "The event is not part of a wave.",
                detail: $"Event {id} does not exist, or was deleted, or is neither a wave (an event others are part_of) nor part of one.");
}
