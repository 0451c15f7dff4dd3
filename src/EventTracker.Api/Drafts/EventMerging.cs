namespace EventTracker.Api.Drafts;

/// <summary>
/// One event per thing that happened: the headline, the lead and a later paragraph that report the same measure
/// become one draft; quotes go to the event their speaker speaks for (or to a statement of the speaker's own);
/// a response is linked to the measure of the other side that it answers.
/// </summary>
public static class EventMerging
{
    public static List<RawEvent> Merge(List<RawEvent> raw, MentionFinder found, List<QuoteHit> quotes, string text, List<Sentence> sentences)
    {
        var merged = new List<RawEvent>();
        foreach (var e in raw)
        {
            var into = merged.FirstOrDefault(m => SameEvent(m, e, found));
            if (into is null)
            {
                merged.Add(e);
                continue;
            }

            into.Sentences.AddRange(e.Sentences.Where(s => !into.Sentences.Contains(s)));
            into.Initiator ??= e.Initiator;
            into.Target ??= e.Target;
            into.Date ??= e.Date;
            into.EndDate ??= e.EndDate;
            into.Status ??= e.Status;
            into.Referenced &= e.Referenced;
            into.ResponseCue |= e.ResponseCue;
            foreach (var q in e.Quantities.Where(q => into.Quantities.All(k => k.Kind != q.Kind)))
            {
                into.Quantities.Add(q);
            }

            foreach (var s in e.Spokespeople.Where(s => into.Spokespeople.All(k => k.Person != s.Person)))
            {
                into.Spokespeople.Add(s);
            }

            into.Confidence = Math.Min(0.95, Math.Max(into.Confidence, e.Confidence) + 0.05);
            into.Reasons.Add($"also reported in sentence {e.Sentence + 1}");
        }

        // Headlines call a withdrawal of accreditation an expulsion: with the same sides, it is the same measure.
        foreach (var expulsion in merged.Where(e => e.Type == "expulsion").ToList())
        {
            var withdrawal = merged.FirstOrDefault(w => w.Type == "accreditation_withdrawal" && Compatible(w.Initiator, expulsion.Initiator, found) &&
                                                        Compatible(w.Target, expulsion.Target, found) && w.Initiator is not null);
            if (withdrawal is not null && expulsion.Quantities.All(q => q.Kind != Events.QuantityKind.DiplomatsExpelled ||
                                                                        withdrawal.Quantities.All(w => w.Value == q.Value)))
            {
                merged.Remove(expulsion);
                withdrawal.Sentences.AddRange(expulsion.Sentences.Where(s => !withdrawal.Sentences.Contains(s)));
                withdrawal.Reasons.Add($"the expulsion in sentence {expulsion.Sentence + 1} is this withdrawal of accreditation");
            }
        }

        AttachQuotes(merged, found, quotes);
        return merged;
    }

    private static bool SameEvent(RawEvent a, RawEvent b, MentionFinder found)
    {
        if (a.Type != b.Type || a.Sentence == b.Sentence)
        {
            return false;
        }

        if (!Compatible(a.Initiator, b.Initiator, found) || !Compatible(a.Target, b.Target, found))
        {
            return false;
        }

        // Two people announcing a response are two announcements.
        var aPeople = a.Spokespeople.Select(s => s.Person).ToHashSet();
        var bPeople = b.Spokespeople.Select(s => s.Person).ToHashSet();
        if (aPeople.Count > 0 && bPeople.Count > 0 && !aPeople.Overlaps(bPeople) && a.Type is "retaliation_announced" or "statement" or "accusation" or "dialogue_offer")
        {
            return false;
        }

        if (a.Date is { } da && b.Date is { } db && da.Value.Length == 10 && db.Value.Length == 10 && da.Value != db.Value)
        {
            return false;
        }

        return a.Quantities.All(q => b.Quantities.All(o => o.Kind != q.Kind || o.Value == q.Value));
    }

    private static bool Compatible((int Organization, TextSpan Span)? a, (int Organization, TextSpan Span)? b, MentionFinder found) =>
        a is null || b is null || found.Organizations[a.Value.Organization].SideKey == found.Organizations[b.Value.Organization].SideKey;

    private static void AttachQuotes(List<RawEvent> events, MentionFinder found, List<QuoteHit> quotes)
    {
        foreach (var quote in quotes)
        {
            // The event reported in the quote's own sentence, else the nearest earlier event its speaker speaks for.
            var owner = events.Where(e => e.Sentences.Contains(quote.Sentence) && !e.Referenced)
                            .OrderBy(e => quote.Speaker is { } s && e.Spokespeople.Any(p => p.Person == s) ? 0 : 1).FirstOrDefault()
                        ?? (quote.Speaker is { } speaker
                            ? events.Where(e => e.Spokespeople.Any(p => p.Person == speaker)).OrderBy(e => Math.Abs(e.Sentence - quote.Sentence)).FirstOrDefault()
                            : null);
            if (owner is null && quote.Speaker is { } who && found.People[who].Organization is not null)
            {
                owner = events.FirstOrDefault(e => e.Type == "statement" && e.Spokespeople.Any(p => p.Person == who));
                if (owner is null)
                {
                    owner = new RawEvent("statement", new TriggerHit("statement", quote.Start, quote.End), quote.Sentence) { Confidence = 0.5 };
                    owner.Reasons.Add($"statement: a quote of {found.People[who].Name} that reports no measure");
                    var person = found.People[who];
                    owner.Spokespeople.Add((who, quote.SpeakerMention is { } m ? found.Mentions[m].Span : new TextSpan(quote.Start, quote.End)));
                    if (person.Organization is { } organization)
                    {
                        owner.Initiator = (organization, person.Mentions.Count > 0 ? person.Mentions[0] : new TextSpan(quote.Start, quote.End));
                    }

                    events.Add(owner);
                }
            }

            // A quote of someone who speaks for no known side belongs to the event the article was telling before it.
            owner ??= events.Where(e => e.Sentence <= quote.Sentence && !e.Referenced).OrderByDescending(e => e.Sentence).FirstOrDefault();
            if (owner is null)
            {
                continue;
            }

            owner.Quotes.Add(quote);
            if (quote.Speaker is { } spoke && owner.Spokespeople.All(p => p.Person != spoke))
            {
                owner.Spokespeople.Add((spoke, quote.SpeakerMention is { } m ? found.Mentions[m].Span : new TextSpan(quote.Start, quote.End)));
            }

            if (!owner.Sentences.Contains(quote.Sentence))
            {
                owner.Sentences.Add(quote.Sentence);
            }
        }

        events.Sort((a, b) => a.Sentence.CompareTo(b.Sentence));
    }

    /// <summary>A response (announced, or a measure with a response cue or against the side that acted first) answers the other side's measure.</summary>
    public static void LinkResponses(List<RawEvent> events, MentionFinder found)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Initiator is not { } initiator || !(e.Type == "retaliation_announced" || Triggers.Measures.Contains(e.Type) && (e.ResponseCue || !e.Referenced)))
            {
                continue;
            }

            var side = found.Organizations[initiator.Organization].SideKey;
            var answered = events.Where(o => o != e && Triggers.Measures.Contains(o.Type) && o.Initiator is { } oi &&
                                             found.Organizations[oi.Organization].SideKey != side &&
                                             (o.Target is null || found.Organizations[o.Target.Value.Organization].SideKey == side) &&
                                             (e.Target is null || found.Organizations[e.Target.Value.Organization].SideKey == found.Organizations[oi.Organization].SideKey) &&
                                             (o.Referenced || !e.Referenced) && (e.ResponseCue || e.Type == "retaliation_announced"))
                .OrderBy(o => o.Referenced ? 0 : 1).ThenBy(o => o.Sentence).FirstOrDefault();
            if (answered is null || answered.RespondsTo == e)
            {
                continue;
            }

            if (!e.ResponseCue && e.Type != "retaliation_announced" && !answered.Referenced && answered.Sentence > e.Sentence)
            {
                continue;
            }

            e.RespondsTo = answered;
            e.Target ??= answered.Initiator;
            e.Reasons.Add("responds to a measure of the other side in the article");
        }
    }
}
