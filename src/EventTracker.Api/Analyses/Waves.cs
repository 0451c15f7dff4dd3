using EventTracker.Api.Events;
using EventTracker.Api.Organizations;

namespace EventTracker.Api.Analyses;

/// <summary>
/// A coordinated wave: an event whose members point to it with part_of. Asked of a member, the answer is the wave
/// it is part of.
/// </summary>
public sealed class Waves(IEventStore events, IOrganizationStore organizations, IAnalysisStore analyses)
{
    /// <summary>The wave of event <paramref name="id"/>; null when the event is missing or neither a wave nor part of one.</summary>
    public async Task<WaveResponse?> FindAsync(long id, CancellationToken cancellationToken)
    {
        if (await events.FindAsync(id, cancellationToken) is not { } asked)
        {
            return null;
        }

        var wave = asked;
        var members = await analyses.MembersAsync(wave.Id, cancellationToken);
        if (members.Count == 0)
        {
            if (asked.Relations.FirstOrDefault(r => r.Type == RelationType.PartOf) is not { } partOf ||
                await events.FindAsync(partOf.TargetEventId, cancellationToken) is not { } parent)
            {
                return null;
            }

            wave = parent;
            members = await analyses.MembersAsync(wave.Id, cancellationToken);
        }

        var memberEvents = (await events.FindManyAsync(members, cancellationToken)).Where(e => !e.IsDuplicate()).ToList();
        var responses = (await events.FindManyAsync(await analyses.RespondersAsync([wave.Id], cancellationToken), cancellationToken))
            .Where(e => !e.IsDuplicate()).OrderBy(e => e.FirstDay()).ThenBy(e => e.Id).ToList();

        var initiators = memberEvents.SelectMany(e => e.OrganizationsWithRole(ParticipantRole.Initiator)).Distinct().ToList();
        var roots = await analyses.RootsAsync(initiators, cancellationToken);
        var topmost = roots.Values.Distinct().ToList();
        var summaries = (await organizations.FindManyAsync(topmost, cancellationToken))
            .Select(o => o.Summary())
            .OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
        var totals = new WaveTotals(
            memberEvents.Count,
            summaries.Count(o => o.Kind == OrganizationKind.State),
            summaries,
            memberEvents.Sum(e => e.Quantity(QuantityKind.DiplomatsExpelled) ?? 0),
            memberEvents.Sum(e => e.Quantity(QuantityKind.AccreditationsWithdrawn) ?? 0));
        return new WaveResponse(Summary(wave), memberEvents.Select(Summary).ToList(), totals, responses.Select(Summary).ToList());
    }

    private static WaveEvent Summary(EventResponse e) => new(
        e.Id, e.Type, e.Title, e.Date,
        e.Participants.Where(p => p.Role == ParticipantRole.Initiator).ToList(),
        e.Participants.Where(p => p.Role == ParticipantRole.Target).ToList(),
        e.Quantity(QuantityKind.DiplomatsExpelled),
        e.Quantity(QuantityKind.AccreditationsWithdrawn));
}
