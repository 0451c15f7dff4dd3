
using EventTracker.Api.Values;

namespace EventTracker.Api.Drafts;

/// <summary>
/// Drafted events against stored ones: the same type between the same sides within a few days, or an event that
/// already cites this source, is the stored event (existing); a response with no answered measure in the article
/// answers the other side's latest stored measure within the previous months.
/// </summary>
public static class StoredMatching
{
    private const int SameEventDays = 3;
    private const int ResponseWindowDays = 120;
    private const int RecentDays = 31;

    /// <summary>Reports call a withdrawal of accreditation an expulsion (PETRARCH codes "expel diplomats" both ways).</summary>
    private static bool Interchangeable(string a, string b) =>
        a is "expulsion" or "accreditation_withdrawal" && b is "expulsion" or "accreditation_withdrawal";

    public static void Match(Gazetteer gazetteer, Analysis analysis, IReadOnlyList<StoredEventCandidate> candidates)
    {
        var found = analysis.Mentions;
        string? SideOfDraft((int Organization, TextSpan Span)? side) => side is { } s ? found.Organizations[s.Organization].SideKey : null;
        string? SideOfStored(StoredEventCandidate c, string role) =>
            c.Participants.Where(p => p.Role == role && p.OrganizationId is not null)
                .Select(p => gazetteer.IndexOfStored(p.OrganizationId!.Value) is { } i ? gazetteer.Organizations[i].SideKey : null)
                .FirstOrDefault(s => s is not null);

        var taken = new HashSet<long>();
        var scored = new List<(RawEvent Event, StoredEventCandidate Candidate, double Score)>();
        foreach (var e in analysis.Events)
        {
            var date = Drafter.EventDate(e, analysis.PublishedAt);
            var initiator = SideOfDraft(e.Initiator);
            var target = SideOfDraft(e.Target);
            var speakers = e.Spokespeople.Select(s => found.People[s.Person].Known is { } k ? gazetteer.Actors[k].Id : (long?)null).Where(id => id is not null).ToHashSet();
            foreach (var c in candidates.Where(c => c.Type == e.Type || Interchangeable(e.Type, c.Type)))
            {
                var storedInitiator = SideOfStored(c, "initiator");
                var storedTarget = SideOfStored(c, "target");
                var sameSides = initiator is not null && initiator == storedInitiator && (target is null || storedTarget is null || target == storedTarget);
                // An event the text gives no date for may be any recent one ("NATO had also cut the mission's size").
                var near = date is not null && (e.Date is null
                    ? PartialDate.Parse(c.Date).First <= PartialDate.Parse(date).Last.AddDays(1) && DaysApart(date, c.Date) <= RecentDays
                    : DaysApart(date, c.Date) <= SameEventDays);
                if (c.Type != e.Type && !(sameSides && near))
                {
                    continue;
                }

                var sharedSpeaker = c.Participants.Any(p => p.ActorId is { } a && speakers.Contains(a));
                if (speakers.Count > 0 && c.Participants.Any(p => p.ActorId is not null) && !sharedSpeaker && e.Type is "statement" or "retaliation_announced" or "dialogue_offer")
                {
                    continue;
                }

                if (sameSides && near || c.CitesSource && (sameSides || initiator is null || sharedSpeaker))
                {
                    var score = (c.CitesSource ? 4 : 0) + (sharedSpeaker ? 2 : 0) + (sameSides ? 1 : 0) - (date is null ? 0 : DaysApart(date, c.Date) / 10.0);
                    scored.Add((e, c, score));
                }
            }
        }

        foreach (var (e, c, _) in scored.OrderByDescending(s => s.Score))
        {
            if (e.Existing is null && taken.Add(c.Id))
            {
                if (c.Type != e.Type)
                {
                    e.Reasons.Add($"type: {c.Type} as stored (the text says {e.Type})");
                    e.Type = c.Type;
                    var (from, to) = c.Type == "expulsion"
                        ? (Events.QuantityKind.AccreditationsWithdrawn, Events.QuantityKind.DiplomatsExpelled)
                        : (Events.QuantityKind.DiplomatsExpelled, Events.QuantityKind.AccreditationsWithdrawn);
                    for (var i = 0; i < e.Quantities.Count; i++)
                    {
                        if (e.Quantities[i].Kind == from)
                        {
                            e.Quantities[i] = e.Quantities[i] with { Kind = to };
                        }
                    }
                }

                e.Existing = (c.Id, c.Title);
                e.Confidence = Math.Min(0.95, e.Confidence + 0.05);
                e.Reasons.Add(c.CitesSource ? $"existing: event {c.Id} already cites this source" : $"existing: event {c.Id} has the same type and sides within {SameEventDays} days");
            }
        }

        // A response whose answered measure is not in the article answers the other side's latest stored one.
        foreach (var e in analysis.Events.Where(e => e.RespondsTo is null && e.Initiator is not null && (e.Type == "retaliation_announced" || Triggers.Measures.Contains(e.Type) && e.ResponseCue)))
        {
            var side = SideOfDraft(e.Initiator);
            var date = Drafter.EventDate(e, analysis.PublishedAt);
            if (date is null)
            {
                continue;
            }

            var answered = candidates.Where(c => c.Id != e.Existing?.Id && Triggers.Measures.Contains(c.Type) && SideOfStored(c, "target") == side &&
                                                 SideOfStored(c, "initiator") is { } other && other != side &&
                                                 (e.Target is null || SideOfDraft(e.Target) == other) &&
                                                 PartialDate.Parse(c.Date).First <= PartialDate.Parse(date).Last &&
                                                 DaysApart(date, c.Date) <= ResponseWindowDays)
                .OrderByDescending(c => PartialDate.Parse(c.Date).First).ThenBy(c => c.Id).FirstOrDefault();
            if (answered is not null)
            {
                e.RespondsToExisting = answered.Id;
                if (e.Target is null && answered.Participants.FirstOrDefault(p => p.Role == "initiator" && p.OrganizationId is not null) is { OrganizationId: { } org } &&
                    gazetteer.IndexOfStored(org) is { } index)
                {
                    e.Target = (found.OrganizationOf(index), new TextSpan(e.Trigger.Start, e.Trigger.End));
                }

                e.Reasons.Add($"responds to stored event {answered.Id} ({answered.Title})");
            }
        }
    }

    private static double DaysApart(string a, string b)
    {
        var x = PartialDate.Parse(a);
        var y = PartialDate.Parse(b);
        if (x.Last < y.First)
        {
            return y.First.DayNumber - x.Last.DayNumber;
        }

        return y.Last < x.First ? x.First.DayNumber - y.Last.DayNumber : 0;
    }
}
