using System.Text.RegularExpressions;

namespace EventTracker.Api.Drafts;

/// <summary>
/// The sides of an event from its sentence: who acts (the subject before the trigger, "by X" after a passive verb,
/// the possessor of "X's decision to ..."), who is acted on (the object after it, demonyms and possessives on the
/// people or mission acted on), lists of either ("Poland, France and Germany"), and who speaks for it.
/// </summary>
public sealed partial class EventRules
{
    private void Sides(Sentence sentence, RawEvent e)
    {
        var hit = e.Trigger;
        var inSentence = found.Mentions.Where(m => m.Sentence == sentence.Index).ToList();
        var organizationsBefore = inSentence.Where(m => !m.IsPerson && m.End <= hit.Start).ToList();
        var after = inSentence.Where(m => !m.IsPerson && m.Start >= hit.Start).ToList();
        var triggerText = text[hit.Start..hit.End];
        var passive = PassiveVerb().IsMatch(text.AsSpan(Math.Max(sentence.Start, hit.Start - 20), hit.End - Math.Max(sentence.Start, hit.Start - 20)))
                      || Participle().IsMatch(triggerText) && (Auxiliary().IsMatch(triggerText) ||
                          Auxiliary().IsMatch(text.AsSpan(Math.Max(sentence.Start, hit.Start - 12), hit.Start - Math.Max(sentence.Start, hit.Start - 12))));

        Mention? initiator = null;
        Mention? target = null;
        var byAgent = after.FirstOrDefault(m => m.FirstToken > 0 && tokens[m.FirstToken - 1].Key == "by" ||
                                                m.FirstToken > 1 && tokens[m.FirstToken - 2].Key == "by" && tokens[m.FirstToken - 1].Key == "the");
        if (byAgent is not null && (passive || byAgent.Start - hit.End < 40))
        {
            initiator = byAgent;
            target = organizationsBefore.LastOrDefault(m => SideOf(m) != SideOf(byAgent)) ?? after.FirstOrDefault(m => m != byAgent && SideOf(m) != SideOf(byAgent));
            e.Reasons.Add($"initiator: \"{text[byAgent.Start..byAgent.End]}\" after \"by\" (passive)");
        }
        else
        {
            // "NATO's decision to strip ...", "Britain's move to expel ...": the possessor acts.
            if (organizationsBefore.LastOrDefault() is { Possessive: true } owner && hit.Start - owner.End < 40 &&
                OwnersDecision().IsMatch(text.AsSpan(owner.End, hit.Start - owner.End)))
            {
                initiator = owner;
            }

            foreach (var m in initiator is null ? Enumerable.Reverse(organizationsBefore) : [])
            {
                if (IsActedOn(m))
                {
                    target ??= m;
                    continue;
                }

                if (IsInPrepositionalPhrase(m) && organizationsBefore.Any(o => o != m && !IsInPrepositionalPhrase(o) && !IsActedOn(o)))
                {
                    continue;
                }

                initiator = m;
                break;
            }

            if (initiator is null && passive && target is null && organizationsBefore.Count > 0)
            {
                target = organizationsBefore[^1];
            }

            if (initiator is not null)
            {
                e.Reasons.Add($"initiator: \"{text[initiator.Start..initiator.End]}\" before the trigger");
            }

            target ??= after.FirstOrDefault(m => initiator is null || SideOf(m) != SideOf(initiator));
            if (target is not null && initiator is not null && SideOf(target) == SideOf(initiator))
            {
                target = after.FirstOrDefault(m => SideOf(m) != SideOf(initiator));
            }
        }

        if (initiator is not null)
        {
            e.Initiator = (initiator.Entity, initiator.Span);
        }

        if (target is not null && (initiator is null || SideOf(target) != SideOf(initiator)))
        {
            e.Target = (target.Entity, target.Span);
            e.Reasons.Add($"target: \"{text[target.Start..target.End]}\"");
            foreach (var member in ListAfter(target, inSentence).Where(m => initiator is null || SideOf(m) != SideOf(initiator)))
            {
                e.OtherTargets.Add((member.Entity, member.Span));
            }
        }

        if (initiator is not null && byAgent is null)
        {
            foreach (var member in ListBefore(initiator, inSentence).Where(m => target is null || SideOf(m) != SideOf(target)))
            {
                e.OtherInitiators.Add((member.Entity, member.Span));
            }
        }

        // People who speak in the sentence speak for the event; with no organization before the verb, the speaker's stands for it.
        foreach (var m in inSentence.Where(m => m.IsPerson))
        {
            if (IsSpeaking(m, sentence) || m.End <= hit.Start)
            {
                e.Spokespeople.Add((m.Entity, m.Span));
                // A measure is taken by a state, not by whoever talks about it (often the other side's envoy).
                if (e.Initiator is null && found.People[m.Entity].Organization is { } organization &&
                    (!Triggers.Measures.Contains(e.Type) || m.End <= hit.Start))
                {
                    e.Initiator = (organization, m.Span);
                    e.Reasons.Add($"initiator: the organization of {found.People[m.Entity].Name}");
                    if (e.Target is { } sameSide && found.Organizations[sameSide.Organization].SideKey == found.Organizations[organization].SideKey)
                    {
                        e.Target = after.Concat(organizationsBefore).Where(o => SideOf(o) != found.Organizations[organization].SideKey)
                            .Select(o => ((int, TextSpan)?)(o.Entity, o.Span)).FirstOrDefault();
                    }
                }
            }
        }
    }

    public string SideOf(Mention m) => found.Organizations[m.Entity].SideKey;

    [GeneratedRegex(@"^(?:'s|’s)?(?:\s+(?:diplomats?|envoys?|ambassadors?|embassy|staff|officials|missions?|counterparts?))?\s*(?:,\s*and|,|and|as\s+well\s+as)\s+(?:the\s+)?(?:[a-z0-9]+\s+)?$")]
    private static partial Regex ListGapAfter();

    [GeneratedRegex(@"^\s*(?:,\s*and|,|and)\s+(?:the\s+)?$")]
    private static partial Regex ListGapBefore();

    /// <summary>"four Polish diplomats and four French diplomats", "Ireland, Norway and Spain": the members after the first.</summary>
    private List<Mention> ListAfter(Mention first, List<Mention> inSentence)
    {
        var members = new List<Mention>();
        var last = first;
        foreach (var m in inSentence.Where(m => !m.IsPerson && m.Start > first.End))
        {
            if (!ListGapAfter().IsMatch(text[last.End..m.Start]) || SideOf(m) == SideOf(first) || members.Any(k => SideOf(k) == SideOf(m)))
            {
                break;
            }

            members.Add(m);
            last = m;
        }

        return members;
    }

    /// <summary>"Poland, France and Germany each said": the members before the last.</summary>
    private List<Mention> ListBefore(Mention lastMember, List<Mention> inSentence)
    {
        var members = new List<Mention>();
        var next = lastMember;
        foreach (var m in inSentence.Where(m => !m.IsPerson && m.End < lastMember.Start).Reverse())
        {
            if (!ListGapBefore().IsMatch(text[m.End..next.Start]) || SideOf(m) == SideOf(lastMember) || members.Any(k => SideOf(k) == SideOf(m)))
            {
                break;
            }

            members.Add(m);
            next = m;
        }

        return members;
    }

    /// <summary>"Russian diplomats", "Russia's mission", "the Russian embassy": the side whose people or mission are acted on.</summary>
    private bool IsActedOn(Mention m)
    {
        var next = m.Possessive ? m.EndToken + 2 : m.EndToken;
        for (var t = next; t < tokens.Count && t < next + 3; t++)
        {
            if (StaffNouns.Contains(tokens[t].Key))
            {
                return m.Form == MentionForm.Demonym || m.Possessive || t == next;
            }

            if (!tokens[t].IsWord)
            {
                return false;
            }
        }

        return false;
    }

    private bool IsInPrepositionalPhrase(Mention m) =>
        m.FirstToken > 0 && tokens[m.FirstToken - 1].Key is "of" or "to" or "in" or "from" or "against" or "with" or "on" or "at" or "for" or "over" or "toward" or "towards";

    private bool IsSpeaking(Mention m, Sentence sentence)
    {
        for (var t = Math.Max(sentence.FirstToken, m.FirstToken - 2); t < Math.Min(sentence.EndToken, m.EndToken + 4); t++)
        {
            if (MentionFinder.SpeechVerbs.Contains(tokens[t].Key))
            {
                return true;
            }
        }

        return false;
    }
}
