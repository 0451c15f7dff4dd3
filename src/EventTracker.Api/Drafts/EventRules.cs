using System.Text.RegularExpressions;
using EventTracker.Api.Events;

namespace EventTracker.Api.Drafts;

/// <summary>
/// From sentences to events: each trigger phrase in a sentence that is not negated or hedged, its sides from the
/// sentence's structure (subject before the verb, object after it; "by X" after a passive verb; demonyms and
/// possessives on the people acted on), its numbers, dates and status; then the mentions of one event merged.
/// </summary>
public sealed partial class EventRules(
    string text, List<Token> tokens, List<Sentence> sentences, MentionFinder found, DateOnly? published, List<(int Start, int End)> datelines)
{
    private static readonly HashSet<string> StaffNouns = new(StringComparer.Ordinal)
    {
        "diplomats", "diplomat", "envoys", "envoy", "ambassador", "embassy", "mission", "staff", "staffers", "officials", "personnel", "citizens",
        "consulate", "nationals", "spies", "officers", "agents", "employees", "journalists", "intelligence", "counterparts", "representatives",
    };

    [GeneratedRegex(@"\b(will|shall|is\W+to|are\W+to|plans?\W+to|intends?\W+to|going\W+to|would|to\W+take\W+effect|is\W+set\W+to|are\W+set\W+to|threaten\w*|must)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Future();

    [GeneratedRegex(@"\b(took\W+effect|takes\W+effect|in\W+effect|in\W+force|came\W+into\W+force|effective\W+immediately)\b", RegexOptions.IgnoreCase)]
    private static partial Regex InEffect();

    [GeneratedRegex(@"\b(have|has|had)\W+(already\W+)?(left|departed)\b|\bleft\W+the\W+country\b", RegexOptions.IgnoreCase)]
    private static partial Regex Completed();

    [GeneratedRegex(@"\b(cancell?ed|called\W+off|rescinded|reversed|lifted|revoked\W+the\W+decision|scrapped)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cancelled();

    [GeneratedRegex(@"\b(was|were|been|being|be|is|are|had\W+been|have\W+been|has\W+been)\W+(\w+ly\W+)?\w+(ed|en|wn)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PassiveVerb();

    [GeneratedRegex(@"^(expelled|withdrawn|closed|recalled|sanctioned)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Adjectival();

    [GeneratedRegex(@"^(expulsions?|closure|recall|withdrawal|suspension|sanctions)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnaphoricNoun();

    [GeneratedRegex(@"\b(the|its|their|those|these|this|that|recently|newly)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex DeterminerBefore();

    [GeneratedRegex(@"\b(withdrawn|revoked|expelled|stripped|closed|recalled|summoned)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Participle();

    [GeneratedRegex(@"\b(was|were|been|be|is|are)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Auxiliary();

    [GeneratedRegex(@"^('s|’s)\s+((\w+\s+){0,2}?(decision|move|plan|step|order|announcement|threat|intention|refusal)s?\s+(to|of)\s+(\w+\s+)?|(\w+\s+)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex OwnersDecision();

    public List<RawEvent> Find(List<QuoteHit> quotes)
    {
        var events = new List<RawEvent>();
        foreach (var sentence in sentences)
        {
            var hits = Triggers.Find(text, sentence.Start, sentence.End);
            if (hits.Count == 0)
            {
                FollowingNumbers(sentence, events);
                continue;
            }

            hits = Overlapping(hits);
            if (hits.Count == 0)
            {
                continue;
            }

            var measures = hits.Count(h => Triggers.Measures.Contains(h.Type));
            foreach (var hit in hits)
            {
                if (Build(sentence, hit, hits, measures) is { } e)
                {
                    events.Add(e);
                    foreach (var other in e.OtherInitiators)
                    {
                        events.Add(e.With(other, e.Target));
                    }

                    foreach (var other in e.OtherTargets)
                    {
                        events.Add(e.With(e.Initiator, other));
                    }
                }
            }
        }

        return events;
    }

    /// <summary>
    /// A sentence with no trigger right after a measure often gives its numbers ("They have seven days to leave."):
    /// the kinds the measure lacks are taken from it.
    /// </summary>
    private void FollowingNumbers(Sentence sentence, List<RawEvent> events)
    {
        var last = events.LastOrDefault(e => !e.Referenced && Triggers.Measures.Contains(e.Type));
        if (last is null || sentence.Index - last.Sentence > 2 || sentences[last.Sentence].Paragraph + 1 < sentence.Paragraph)
        {
            return;
        }

        foreach (var q in Quantities.Find(text, sentence.Start, sentence.End, last.Type))
        {
            if (last.Quantities.All(k => k.Kind != q.Kind) && q.Kind is QuantityKind.DeadlineDays or QuantityKind.DiplomatsExpelled or QuantityKind.AccreditationsWithdrawn)
            {
                last.Quantities.Add(q);
                last.Reasons.Add($"{EnumText(q.Kind)} from the sentence after");
            }
        }
    }

    private static string EnumText(QuantityKind kind) => Values.EnumText.ToText(kind);

    /// <summary>Where two patterns matched the same words, the more specific type wins (a staff cap is not also a mission closure).</summary>
    private static List<TriggerHit> Overlapping(List<TriggerHit> hits)
    {
        string[] order = ["accreditation_withdrawal", "staff_cap", "ambassador_recall", "relations_downgrade", "mission_closure", "expulsion", "sanction",
            "retaliation_announced", "dialogue_offer", "meeting", "accusation"];
        var kept = new List<TriggerHit>();
        foreach (var hit in hits.OrderBy(h => Array.IndexOf(order, h.Type)))
        {
            if (!kept.Any(k => k.Start < hit.End && hit.Start < k.End))
            {
                kept.Add(hit);
            }
        }

        // One event per type and sentence (the first trigger stands for it), except closures: "suspend its mission and shut the office".
        return kept.GroupBy(h => h.Type).SelectMany(g => g.Key == "mission_closure" ? g.OrderBy(h => h.Start).Take(3) : g.OrderBy(h => h.Start).Take(1))
            .OrderBy(h => h.Start).ToList();
    }

    private RawEvent? Build(Sentence sentence, TriggerHit hit, List<TriggerHit> all, int measures)
    {
        // Only the words just before the trigger can hedge it; a bounded window keeps the end-anchored patterns cheap.
        var windowStart = Math.Max(sentence.Start, hit.Start - 80);
        foreach (var (_, end) in datelines.Where(d => d.End > windowStart && d.End <= hit.Start))
        {
            windowStart = end; // "JERUSALEM, May 22 (Reuters) -" hedges nothing
        }

        var before = text.AsSpan(windowStart, hit.Start - windowStart);
        var type = hit.Type;
        var isMeasure = Triggers.Measures.Contains(type);
        if (Triggers.HedgedBefore().IsMatch(before))
        {
            if (isMeasure && Triggers.ThreatBefore().IsMatch(before) || type == "retaliation_announced")
            {
                type = "retaliation_announced";
            }
            else
            {
                return null;
            }
        }
        else if (isMeasure && Triggers.ThreatBefore().IsMatch(before))
        {
            type = "retaliation_announced";
        }

        // "the expelled staff", "the closed consulate": an adjective names what an earlier measure did.
        if (Adjectival().IsMatch(text.AsSpan(hit.Start, hit.End - hit.Start)) && DeterminerBefore().IsMatch(before))
        {
            return null;
        }

        var sentenceText = text.AsSpan(sentence.Start, sentence.End - sentence.Start);
        // The words around the trigger (not the trigger itself) must be about diplomats and missions.
        var around = string.Concat(text.AsSpan(sentence.Start, hit.Start - sentence.Start), " ", text.AsSpan(hit.End, sentence.End - hit.End));
        if (type is "expulsion" or "sanction" && !Triggers.DiplomaticContext().IsMatch(around) && !HasTwoSides(sentence) ||
            type is "staff_cap" && !Triggers.DiplomaticContext().IsMatch(sentenceText) ||
            type is "meeting" && !HasTwoSides(sentence))
        {
            return null;
        }

        // A measure of years ago ("in 1971 Britain expelled 105") is history the article recalls, not news it reports.
        if (published is { } day && DatesOf(sentence).Any(d => !Datelines.Covers(datelines, d.Start) &&
                int.Parse(d.Value[..4], System.Globalization.CultureInfo.InvariantCulture) < day.Year - 2))
        {
            return null;
        }

        // A response or an accusation said in the same breath as a concrete measure is that measure's context, not an event of its own.
        if (type == "accusation" && measures > 0 || type == "retaliation_announced" && all.Any(h => Triggers.Measures.Contains(h.Type) && !IsAnswered(sentence, h)))
        {
            return null;
        }

        var e = new RawEvent(type, hit, sentence.Index)
        {
            // "the expulsion", "this decision to close": the measure the article already reported.
            Anaphoric = isMeasure && AnaphoricNoun().IsMatch(text.AsSpan(hit.Start, hit.End - hit.Start)) && DeterminerBefore().IsMatch(before),
        };
        e.Reasons.Add($"{type}: trigger \"{text[hit.Start..hit.End]}\"");
        e.Referenced = isMeasure && IsAnswered(sentence, hit);
        e.ResponseCue = Triggers.ResponseCue().IsMatch(sentenceText);
        Sides(sentence, e);
        // One number per kind: the one nearest the trigger.
        e.Quantities.AddRange(QuantitiesFor(sentence, hit, all, type).GroupBy(q => q.Kind)
            .Select(g => g.OrderBy(q => Math.Min(Math.Abs(q.Start - hit.Start), Math.Abs(q.Start - hit.End))).First()));
        if (e.Referenced)
        {
            // The sentence's date, status and speakers are those of the event that answers this one.
            e.Spokespeople.Clear();
            DatesFor(sentence, hit, e, onlyNear: true);
        }
        else
        {
            DatesFor(sentence, hit, e, onlyNear: false);
            StatusFor(sentence, hit, e, isMeasure);
        }
        if (e.Referenced)
        {
            e.Confidence -= 0.2;
            e.Reasons.Add("named as what another event answers");
        }

        return e;
    }

    /// <summary>"in response to NATO's decision to expel ...", "after Britain expelled ...": the measure is what another event answers.</summary>
    private bool IsAnswered(Sentence sentence, TriggerHit hit)
    {
        var from = Math.Max(sentence.Start, hit.Start - 120);
        return Triggers.AnsweredBefore().IsMatch(text.AsSpan(from, hit.Start - from));
    }

    private bool HasTwoSides(Sentence sentence) =>
        found.Mentions.Where(m => m.Sentence == sentence.Index && !m.IsPerson).Select(m => found.Organizations[m.Entity].SideKey).Distinct().Count() >= 2;

    private readonly Dictionary<(int, string), List<QuantityHit>> _quantities = [];
    private readonly Dictionary<int, List<DateHit>> _dates = [];

    private List<DateHit> DatesOf(Sentence sentence)
    {
        if (!_dates.TryGetValue(sentence.Index, out var found))
        {
            found = Dates.Find(text, sentence.Start, sentence.End, published);
            _dates[sentence.Index] = found;
        }

        return found;
    }

    private List<QuantityHit> QuantitiesOf(Sentence sentence, string type)
    {
        if (!_quantities.TryGetValue((sentence.Index, type), out var found))
        {
            found = Quantities.Find(text, sentence.Start, sentence.End, type);
            _quantities[(sentence.Index, type)] = found;
        }

        return found;
    }

    private IEnumerable<QuantityHit> QuantitiesFor(Sentence sentence, TriggerHit hit, List<TriggerHit> all, string type)
    {
        foreach (var q in QuantitiesOf(sentence, type))
        {
            // A number belongs to the nearest trigger that can count it.
            var nearest = all.Where(h => QuantitiesOf(sentence, h.Type).Any(o => o.Start == q.Start))
                .OrderBy(h => Math.Min(Math.Abs(h.Start - q.Start), Math.Abs(h.End - q.Start))).First();
            if (nearest == hit)
            {
                yield return q;
            }
        }
    }

    private void DatesFor(Sentence sentence, TriggerHit hit, RawEvent e, bool onlyNear)
    {
        foreach (var d in DatesOf(sentence))
        {
            if (Datelines.Covers(datelines, d.Start))
            {
                continue;
            }

            if (onlyNear && (d.IsEnd || d.Start < hit.Start || d.Start - hit.End > 60))
            {
                continue;
            }

            if (d.IsEnd)
            {
                e.EndDate ??= d;
            }
            else if (e.Date is null || Math.Abs(d.Start - hit.Start) < Math.Abs(e.Date.Value.Start - hit.Start))
            {
                e.Date = d;
            }
        }
    }

    private void StatusFor(Sentence sentence, TriggerHit hit, RawEvent e, bool isMeasure)
    {
        var span = text.AsSpan(sentence.Start, sentence.End - sentence.Start);
        var window = text.AsSpan(Math.Max(sentence.Start, hit.Start - 40), hit.End - Math.Max(sentence.Start, hit.Start - 40));
        if (Cancelled().IsMatch(span))
        {
            e.Status = (EventStatus.Cancelled, new TextSpan(sentence.Start, sentence.End));
        }
        else if (InEffect().Match(span.ToString()) is { Success: true } effect && isMeasure)
        {
            e.Status = (EventStatus.InEffect, new TextSpan(sentence.Start + effect.Index, sentence.Start + effect.Index + effect.Length));
        }
        else if (Completed().Match(span.ToString()) is { Success: true } done && isMeasure)
        {
            e.Status = (EventStatus.Completed, new TextSpan(sentence.Start + done.Index, sentence.Start + done.Index + done.Length));
        }
        else if ((isMeasure || e.Type is "dialogue_offer" or "meeting") && Future().Match(window.ToString()) is { Success: true } future)
        {
            var at = Math.Max(sentence.Start, hit.Start - 40) + future.Index;
            e.Status = (EventStatus.Announced, new TextSpan(at, at + future.Length));
        }
    }
}
