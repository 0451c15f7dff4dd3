using System.Text.RegularExpressions;

namespace EventTracker.Api.Drafts;

/// <summary>A trigger phrase found in a sentence: the event type it signals and where.</summary>
public readonly record struct TriggerHit(string Type, int Start, int End);

/// <summary>
/// Trigger phrases per event type, in the manner of dictionary coders (PETRARCH's verb dictionary, CAMEO's codebook,
/// PLOVER's types): a verb or noun phrase and the words it must govern. One compiled pattern per type.
/// </summary>
public static partial class Triggers
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // CAMEO 174 / PLOVER SANCTION expel.
    [GeneratedRegex(@"\b(expel(s|led|ling)?|expulsions?|persona(e)? non grata(e)?|ordered\W+(\w+\W+){0,8}?(to\W+)?leave|(kick(s|ed)?|throw(s|n)?|threw)\W+(\w+\W+){0,4}?out|told\W+(\w+\W+){0,5}?to\W+leave|given\W+\w+\W+(days|hours|weeks?)\W+to\W+leave|must\W+leave|declared\W+(\w+\W+){0,6}?unwelcome)", Options)]
    private static partial Regex Expulsion();

    // CAMEO 161 / PLOVER SANCTION expel: accreditation.
    [GeneratedRegex(@"\b(withdr[ae]w(s|n|ing)?\W+(\w+\W+){0,5}?accreditations?|accreditations?\W+(\w+\W+){0,8}?(withdrawn|revoked|removed|cancell?ed|stripped|pulled|annulled)|revok(e|es|ed|ing)\W+(\w+\W+){0,5}?accreditations?|strip(s|ped|ping)?\W+(\w+\W+){0,10}?accreditations?|(removal|withdrawal|revocation|loss|withdrawing|revoking|stripping)\W+of\W+(\w+\W+){0,5}?accreditations?|de-?accredit\w*)", Options)]
    private static partial Regex Accreditation();

    // CAMEO 161 / PLOVER SANCTION withdraw: the size of a mission.
    [GeneratedRegex(@"\b((cut|cuts|cutting|reduc(e|es|ed|ing)|cap(s|ped|ping)?|limit(s|ed|ing)?|halv(e|es|ed|ing)|lower(s|ed|ing)?|slash(es|ed|ing)?|trim(s|med|ming)?|shr[ai]nk(s|ing)?|downsiz(e|es|ed|ing))\W+(\w+\W+){0,10}?(size|staff(ing)?|numbers?|personnel|headcount|ceiling|maximum|strength|mission)\b|(staff|personnel|staffing)\W+(cap|ceiling|limit|cuts?|reductions?)|(maximum|permitted)\W+(size|number|staff)|(size|staff|personnel|number)\W+(\w+\W+){0,6}?(was\W+|were\W+|be\W+)?(cut|reduced|capped|limited|halved|lowered|slashed)\b|reduction\W+(\w+\W+){0,3}?(in|of)\W+(\w+\W+){0,3}?(staff|personnel|size))", Options)]
    private static partial Regex StaffCap();

    // CAMEO 161 / PLOVER SANCTION withdraw: the head of mission.
    [GeneratedRegex(@"\b(recall(s|ed|ing)?\W+(\w+\W+){0,5}?(ambassadors?|envoys?|head\W+of\W+mission|charg[eé]s?\W+d.affaires)|(ambassadors?|envoys?)\W+(\w+\W+){0,6}?(recalled|called\W+home|summoned\W+home|summoned\W+back|brought\W+home)|recall\W+of\W+(\w+\W+){0,4}?(ambassadors?|envoys?)|(called|summoned|brought|withdr[ae]w(s|n)?)\W+(\w+\W+){0,4}?(home|back)\W+for\W+consultations|withdr[ae]w(s|n)?\W+(\w+\W+){0,3}?(ambassadors?|envoys?))", Options)]
    private static partial Regex AmbassadorRecall();

    // CAMEO 161 / PLOVER SANCTION withdraw: embassies, consulates, missions, offices.
    [GeneratedRegex(@"\b((clos(e|es|ed|ing|ure)|shut(s|ting)?(\W+down)?|shutdown|suspend(s|ed|ing)?|suspension|halt(s|ed|ing)?)\W+(of\W+)?(\w+\W+){0,9}?(embass(y|ies)|consulates?|consulate-general|missions?|offices?|representations?|cultural\W+cent(re|er)s?|trade\W+missions?)\b|(embass(y|ies)|consulates?|missions?|offices?)\W+(\w+\W+){0,6}?(closed|shut|suspended|to\W+close)\b|withdr[ae]w(s|n)?\W+(\w+\W+){0,4}?(consent|permission|agr[eé]ment)\W+(\w+\W+){0,8}?(consulate|embassy|mission|office))", Options)]
    private static partial Regex MissionClosure();

    // CAMEO 161 / PLOVER SANCTION withdraw: relations.
    [GeneratedRegex(@"\b((sever(s|ed|ing)?|break(s|ing)?|broke|broken|cut(s|ting)?|suspend(s|ed|ing)?|downgrad(e|es|ed|ing)|freez(e|es|ing)|froze|frozen|reduc(e|es|ed|ing)|lower(s|ed|ing)?|end(s|ed|ing)?)\W+(\w+\W+){0,4}?(diplomatic\W+)?(relations|ties)\b|(diplomatic\W+)?(relations|ties)\W+(\w+\W+){0,4}?(severed|broken|downgraded|suspended|frozen|cut)\b|charg[eé]s?\W+d.affaires\W+level|downgrad\w+\W+(\w+\W+){0,5}?(representation|mission|embassy|relations))", Options)]
    private static partial Regex RelationsDowngrade();

    // CAMEO 1313 / PLOVER THREATEN: a response promised, not yet specified.
    [GeneratedRegex(@"\b(((will|would|shall|must|to|vow(s|ed)?\W+to|promis(e|es|ed)\W+to|threaten(s|ed)?\W+to|ready\W+to|reserves?\W+the\W+right\W+to|plans?\W+to|intends?\W+to|going\W+to|not\W+hesitate\W+to)\W+(\w+\W+){0,2}?(respond|retaliate|reciprocate|react|answer)\b)|(response|retaliatory|retaliation|tit-for-tat|reciprocal|counter|mirror|symmetrical|asymmetrical|proportionate|adequate|appropriate)\W+(\w+\W+)?(measures|steps|actions?|response|moves?)\b|countermeasures|counter-measures|(not|never)\W+(go|remain|be\W+left)\W+unanswered|(will|would)\W+not\W+(\w+\W+){0,2}?without\W+(a\W+)?response|respond\W+in\W+kind|retaliate)", Options)]
    private static partial Regex RetaliationAnnounced();

    // CAMEO 163 / PLOVER COERCE restrict.
    [GeneratedRegex(@"\b(sanction(s|ed|ing)?|entry\W+bans?|travel\W+bans?|(bann(ed|ing)|barred|barring|bans?)\W+(\w+\W+){0,5}?from\W+entering|asset\W+freezes?|(fr(oze|eeze|eezes|ozen))\W+(\w+\W+){0,4}?assets|blacklist(s|ed|ing)?|stop[- ]list|restrictive\W+measures|visa\W+bans?)", Options)]
    private static partial Regex Sanction();

    // CAMEO 112 (1125 espionage) / PLOVER ACCUSE.
    [GeneratedRegex(@"\b(accus(e|es|ed|ing|ation|ations)\b|blam(e|es|ed|ing)\W+(\w+\W+){0,6}?(for|over)\b|charg(e|es|ed)\W+(\w+\W+){0,4}?with\W+(espionage|spying)|(alleg(e|es|ed|ing)|claim(s|ed)?)\W+(that\W+)?(\w+\W+){0,6}?(spied|spying|espionage|plotted|interfered))", Options)]
    private static partial Regex Accusation();

    // CAMEO 036 / PLOVER AGREE: an offer or call to talk.
    [GeneratedRegex(@"\b((open|ready|willing|prepared)\W+(\w+\W+){0,2}?(to|for)\W+(\w+\W+){0,2}?(dialogue|talks|negotiations|meetings?|discuss\w*)|offer(s|ed|ing)?\W+(\w+\W+){0,3}?(talks|dialogue|negotiations|a\W+meeting|to\W+meet|to\W+talk)|call(s|ed|ing)?\W+for\W+(\w+\W+){0,3}?(talks|dialogue|negotiations|de-?escalation)|invit(e|es|ed|ing|ation)\W+(\w+\W+){0,5}?(talks|meeting|council|dialogue)|propos(e|es|ed|ing)\W+(\w+\W+){0,3}?(talks|a\W+meeting|dialogue|to\W+meet)|door\W+(\w+\W+){0,3}?open)", Options)]
    private static partial Regex DialogueOffer();

    // CAMEO 040 / PLOVER CONSULT: talks that took place.
    [GeneratedRegex(@"\b((met|meets)\W+(with\W+)?|meeting\W+with|held\W+(\w+\W+)?talks|(talks|consultations|negotiations)\W+(were\W+held|took\W+place|held)|(tele)?phone\W+(call|conversation)|spoke\W+by\W+(tele)?phone)", Options)]
    private static partial Regex Meeting();

    private static readonly (string Type, Func<Regex> Pattern)[] ByType =
    [
        ("expulsion", Expulsion), ("accreditation_withdrawal", Accreditation), ("staff_cap", StaffCap), ("ambassador_recall", AmbassadorRecall),
        ("mission_closure", MissionClosure), ("relations_downgrade", RelationsDowngrade), ("retaliation_announced", RetaliationAnnounced),
        ("sanction", Sanction), ("accusation", Accusation), ("dialogue_offer", DialogueOffer), ("meeting", Meeting),
    ];

    /// <summary>The measures: events that change what a mission or its people may do.</summary>
    public static readonly HashSet<string> Measures = new(StringComparer.Ordinal)
    {
        "expulsion", "accreditation_withdrawal", "staff_cap", "ambassador_recall", "mission_closure", "relations_downgrade", "sanction",
    };

    public static List<TriggerHit> Find(string text, int start, int end)
    {
        var hits = new List<TriggerHit>();
        var sentence = text.AsSpan(start, end - start);
        foreach (var (type, pattern) in ByType)
        {
            foreach (var match in pattern().EnumerateMatches(sentence))
            {
                hits.Add(new TriggerHit(type, start + match.Index, start + match.Index + match.Length));
            }
        }

        return hits;
    }

    // Words near a measure that make it something else than a measure taken.
    [GeneratedRegex(@"\b(not|no|never|n't|deny|denied|denies|denying|rul(e|es|ed|ing)\W+out|reject(s|ed)?\W+(\w+\W+){0,2}?(reports?|claims?)|could|might|may|consider(s|ed|ing)?|mull(s|ed|ing)?|weigh(s|ed|ing)?|possible|possibly|perhaps|hypothetical(ly)?|scenarios?|if|unless|rumou?rs?|speculation|calls?\W+(on|for)|urg(e|es|ed|ing)|demand(s|ed|ing)?|ask(s|ed)?|were\W+(ever\W+)?to)\W+(\w+\W+){0,5}?$", Options)]
    public static partial Regex HedgedBefore();

    [GeneratedRegex(@"\bthreat(en(s|ed|ing)?)?\W+(\w+\W+){0,2}?$", Options)]
    public static partial Regex ThreatBefore();

    // Words that show the sentence is about diplomats, missions or states, not a school, a club or a company.
    [GeneratedRegex(@"\b(diplomat\w*|envoys?|ambassadors?|embass(y|ies)|consul\w*|attach[eé]s?|officials?|personnel|staff\w*|employees|missions?|intelligence|officers|spies|spy|spying|representatives?|charg[eé])\b", Options)]
    public static partial Regex DiplomaticContext();

    // A measure named as what another event answers ("in response to NATO's decision to expel ...").
    [GeneratedRegex(@"\b(in\W+(response|retaliation|reaction|reply)\W+(to|for)|respond(s|ed|ing)?\W+to|retaliat(e|es|ed|ing)\W+(against|for)|answer(s|ed|ing)?\W+to|after|following|over|because\W+of|amid|mirror(s|ed|ing)?|reciprocat\w*|tit-for-tat|in\W+kind)\W+(\w+\W+){0,8}?$", Options)]
    public static partial Regex AnsweredBefore();

    // Words that show an event answers another.
    [GeneratedRegex(@"\b(in\W+(response|retaliation|reaction|reply)|respon(d|ds|ded|se)|retaliat\w*|tit-for-tat|in\W+kind|mirror\w*|reciprocal|answer(ed|ing)?\W+to)\b", Options)]
    public static partial Regex ResponseCue();
}
