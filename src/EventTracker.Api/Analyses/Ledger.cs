using EventTracker.Api.Events;
using EventTracker.Api.Organizations;
using EventTracker.Api.Timeline;

namespace EventTracker.Api.Analyses;

/// <summary>
/// Builds a pair's reciprocity ledger: the pair's measures come from the timeline's own filters (organization a,
/// counterpart b, the measure types, the period), so sides, sub-organizations and partial dates mean what they mean
/// there; each measure runs from the side of its initiators to the side of its targets. Answers are the other side's
/// events that respond_to the measure or a wave it is part of, wherever they are dated.
/// </summary>
public sealed class Ledger(ITimelineStore timeline, IAnalysisStore analyses)
{
    private const int PageSize = 5000;

    public async Task<LedgerResponse> BuildAsync(OrganizationSummary a, OrganizationSummary b, LedgerQuery query, CancellationToken cancellationToken)
    {
        var filters = new TimelineFilters
        {
            Organization = [a.Id], Counterpart = b.Id, Type = MeasureFacts.MeasureTypes, From = query.From, To = query.To, Overlap = query.Overlap,
        };
        // Only the ids through the timeline's read; then just the facts the ledger counts, not whole events.
        var ids = new List<long>();
        HashSet<long> sideA, sideB;
        await using (var read = await timeline.OpenAsync(cancellationToken))
        {
            var resolved = await read.ResolveAsync(filters);
            (sideA, sideB) = ([.. resolved.OrganizationScope ?? [a.Id]], [.. resolved.CounterpartScope ?? [b.Id]]);
            TimelinePosition? after = null;
            IReadOnlyList<TimelineRow> rows;
            do
            {
                rows = await read.ReadIdsAsync(resolved, after, false, PageSize);
                ids.AddRange(rows.Select(row => row.EventId));
                after = rows.Count > 0 ? new TimelinePosition(rows[^1].SortKey, rows[^1].EventId) : null;
            }
            while (rows.Count == PageSize);
        }

        var found = (await analyses.FactsAsync(ids, cancellationToken)).OrderBy(e => e.FirstDay()).ThenBy(e => e.Id).ToList();

        var measures = found.Where(e => !e.IsDuplicate())
            .Select(e => (Event: e, Direction: DirectionOf(e, sideA, sideB)))
            .Where(m => m.Direction is not null)
            .Select(m => (m.Event, Direction: m.Direction!.Value))
            .ToList();

        var wavesOf = measures.ToDictionary(m => m.Event.Id, m => m.Event.RelationTargets(RelationType.PartOf).ToHashSet());
        var answered = measures.Select(m => m.Event.Id).Concat(wavesOf.Values.SelectMany(waves => waves)).ToHashSet();
        var responderIds = await analyses.RespondersAsync(answered, cancellationToken);
        var responders = (await analyses.FactsAsync(responderIds, cancellationToken)).Where(e => !e.IsDuplicate()).ToList();

        // Each answer indexed once by what it responds to: a measure looks up its own answers and its waves' answers.
        var answersTo = responders
            .SelectMany(response => response.RelationTargets(RelationType.RespondsTo).Distinct().Select(target => (Target: target, Response: response)))
            .ToLookup(pair => pair.Target, pair => pair.Response);
        var exchanges = new List<LedgerExchange>();
        var unanswered = new List<LedgerMeasure>();
        var lags = new List<int>();
        foreach (var (measure, direction) in measures)
        {
            var (ownSide, otherSide) = direction == LedgerDirection.AToB ? (sideA, sideB) : (sideB, sideA);
            var candidates = answersTo[measure.Id].Select(response => (Response: response, ViaWave: (long?)null))
                .Concat(wavesOf[measure.Id].SelectMany(wave => answersTo[wave].Select(response => (Response: response, ViaWave: (long?)wave))))
                .DistinctBy(candidate => candidate.Response.Id)
                .OrderBy(candidate => candidate.Response.FirstDay()).ThenBy(candidate => candidate.Response.Id);
            var answers = new List<LedgerAnswer>();
            foreach (var (response, viaWave) in candidates)
            {
                var responseTargets = response.OrganizationsWithRole(ParticipantRole.Target).ToList();
                if (!response.OrganizationsWithRole(ParticipantRole.Initiator).Any(otherSide.Contains) ||
                    (responseTargets.Count > 0 && !responseTargets.Any(ownSide.Contains)))
                {
                    continue;
                }

                var lag = response.FirstDay().DayNumber - measure.FirstDay().DayNumber;
                var (expelled, answeredExpelled) = (measure.Quantity(QuantityKind.DiplomatsExpelled), response.Quantity(QuantityKind.DiplomatsExpelled));
                lags.Add(lag);
                answers.Add(new LedgerAnswer(response.Id, response.Type, response.Title, response.Date, answeredExpelled, viaWave, lag,
                    expelled is > 0 && answeredExpelled is { } count ? Math.Round((double)count / expelled.Value, 4) : null));
            }

            var summary = new LedgerMeasure(measure.Id, measure.Type, measure.Title, measure.Date, direction, measure.Quantity(QuantityKind.DiplomatsExpelled));
            if (answers.Count == 0)
            {
                unanswered.Add(summary);
            }
            else
            {
                exchanges.Add(new LedgerExchange(summary, answers));
            }
        }

        var aToB = Side(measures.Where(m => m.Direction == LedgerDirection.AToB).Select(m => m.Event));
        var bToA = Side(measures.Where(m => m.Direction == LedgerDirection.BToA).Select(m => m.Event));
        var balance = new LedgerBalance(aToB.Measures - bToA.Measures, aToB.DiplomatsExpelled - bToA.DiplomatsExpelled,
            aToB.AccreditationsWithdrawn - bToA.AccreditationsWithdrawn, aToB.StaffReductions - bToA.StaffReductions);
        return new LedgerResponse(a, b, query.From, query.To, aToB, bToA, balance, exchanges, unanswered, Statistics(lags));
    }

    private static LedgerDirection? DirectionOf(EventFacts e, HashSet<long> sideA, HashSet<long> sideB)
    {
        var initiators = e.OrganizationsWithRole(ParticipantRole.Initiator).ToList();
        var targets = e.OrganizationsWithRole(ParticipantRole.Target).ToList();
        if (initiators.Any(sideA.Contains) && targets.Any(sideB.Contains))
        {
            return LedgerDirection.AToB;
        }

        return initiators.Any(sideB.Contains) && targets.Any(sideA.Contains) ? LedgerDirection.BToA : null;
    }

    private static LedgerSide Side(IEnumerable<EventFacts> measures)
    {
        var list = measures.ToList();
        return new LedgerSide(
            list.Count,
            list.GroupBy(e => e.Type).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            list.Sum(e => e.Quantity(QuantityKind.DiplomatsExpelled) ?? 0),
            list.Sum(e => e.Quantity(QuantityKind.AccreditationsWithdrawn) ?? 0),
            list.Where(e => e.Type == "staff_cap")
                .Sum(e => e.Quantity(QuantityKind.StaffBefore) is { } before && e.Quantity(QuantityKind.StaffAfter) is { } after ? before - after : 0));
    }

    private static LagStatistics Statistics(List<int> lags)
    {
        if (lags.Count == 0)
        {
            return new LagStatistics(0, null, null, null);
        }

        lags.Sort();
        var middle = lags.Count / 2;
        var median = lags.Count % 2 == 1 ? lags[middle] : (lags[middle - 1] + lags[middle]) / 2.0;
        return new LagStatistics(lags.Count, median, lags[0], lags[^1]);
    }
}
