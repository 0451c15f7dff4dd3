using System.Globalization;
using EventTracker.Api.Events;
using EventTracker.Api.Organizations;
using EventTracker.Api.Paging;
using EventTracker.Api.Timeline;

namespace EventTracker.Api.Analyses;

/// <summary>
/// Builds a pair's reciprocity ledger: the sides are the timeline's organization scopes (a and its sub-organizations,
/// b and its), and the period means what the timeline's from, to and overlap mean; each measure runs from the side of
/// its initiators to the side of its targets. Answers are the other side's events that respond_to the measure or a
/// wave it is part of, wherever they are dated. The store counts and sums every measure and answer in SQL
/// (<see cref="ILedgerStore"/>); only one page of measures is read whole, so an answer stays small enough to cache
/// whatever the pair (3.9 s and over the read cache's 4 MB for the two busiest states of a million events before).
/// </summary>
public sealed class Ledger(ITimelineStore timeline, IAnalysisStore analyses, ILedgerStore ledgers, CursorCodec cursors)
{
    /// <summary>The ledger, or null when <paramref name="query"/>'s cursor is not one this ledger issued.</summary>
    public async Task<LedgerResponse?> BuildAsync(OrganizationSummary a, OrganizationSummary b, LedgerQuery query, CancellationToken cancellationToken)
    {
        var filters = new TimelineFilters
        {
            Organization = [a.Id], Counterpart = b.Id, Type = MeasureFacts.MeasureTypes, From = query.From, To = query.To, Overlap = query.Overlap,
        };
        var fingerprint = Cursor.Fingerprint("ledger", a.Id, b.Id, query.From, query.To, query.Overlap ?? false);
        TimelinePosition? after = null;
        if (query.Cursor is not null)
        {
            if (cursors.Decode(query.Cursor, fingerprint) is not [var key, var idText] ||
                !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var afterId))
            {
                return null;
            }

            after = new TimelinePosition(key, afterId);
        }

        ResolvedFilters resolved;
        await using (var read = await timeline.OpenAsync(cancellationToken))
        {
            resolved = await read.ResolveAsync(filters);
        }

        var (sideA, sideB) = (resolved.OrganizationScope ?? [a.Id], resolved.CounterpartScope ?? [b.Id]);
        var limit = query.EffectiveLimit;
        var figures = await ledgers.ReadAsync(sideA, sideB, resolved.From, resolved.To, resolved.Overlap, after, limit + 1, cancellationToken);
        var page = figures.Page.Take(limit).ToList();
        var (exchanges, unanswered) = await ExchangesAsync(page, [.. sideA], [.. sideB], cancellationToken);
        var aToB = Side(figures.ByType.Where(f => f.Direction == LedgerDirection.AToB));
        var bToA = Side(figures.ByType.Where(f => f.Direction == LedgerDirection.BToA));
        var balance = new LedgerBalance(aToB.Measures - bToA.Measures, aToB.DiplomatsExpelled - bToA.DiplomatsExpelled,
            aToB.AccreditationsWithdrawn - bToA.AccreditationsWithdrawn, aToB.StaffReductions - bToA.StaffReductions);
        var next = figures.Page.Count > limit
            ? cursors.Encode([page[^1].SpanStart, page[^1].Id.ToString(CultureInfo.InvariantCulture)], fingerprint)
            : null;
        var lags = figures.Answers.Select(pair => pair.Answer.DayNumber - pair.Measure.DayNumber).ToList();
        return new LedgerResponse(a, b, query.From, query.To, aToB, bToA, balance, exchanges, unanswered, Statistics(lags), next);
    }

    /// <summary>The page's measures with their answers (exchanges) or without (unanswered), in date order.</summary>
    private async Task<(List<LedgerExchange> Exchanges, List<LedgerMeasure> Unanswered)> ExchangesAsync(
        List<LedgerPageMeasure> page, HashSet<long> sideA, HashSet<long> sideB, CancellationToken cancellationToken)
    {
        var facts = (await analyses.FactsAsync(page.Select(m => m.Id).ToList(), cancellationToken)).ToDictionary(e => e.Id);
        var measures = page.Where(m => facts.ContainsKey(m.Id)).Select(m => (Event: facts[m.Id], m.Direction)).ToList();

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

        return (exchanges, unanswered);
    }

    private static LedgerSide Side(IEnumerable<LedgerTypeFigures> byType)
    {
        var list = byType.OrderBy(f => f.Type, StringComparer.Ordinal).ToList();
        return new LedgerSide(
            list.Sum(f => f.Measures),
            list.ToDictionary(f => f.Type, f => f.Measures),
            list.Sum(f => f.DiplomatsExpelled),
            list.Sum(f => f.AccreditationsWithdrawn),
            list.Sum(f => f.StaffReductions));
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
