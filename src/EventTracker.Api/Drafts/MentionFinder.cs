namespace EventTracker.Api.Drafts;

/// <summary>
/// Finds who the article names: gazetteer names (stored records, states by name, demonym or seat, international
/// organizations and their generic names once named), people by title pattern ("Kremlin spokesman Dmitry Peskov")
/// or apposition ("Maria Zakharova, the Foreign Ministry spokeswoman"), then later mentions by surname, role
/// ("the spokesman") and pronoun when one person is meant.
/// </summary>
public sealed class MentionFinder(Gazetteer gazetteer, string text, List<Token> tokens, List<Sentence> sentences, List<(int Start, int End)> datelines)
{
    public static readonly HashSet<string> TitleNouns = new(StringComparer.Ordinal)
    {
        "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "president", "premier", "chancellor", "ambassador", "envoy",
        "chief", "head", "director", "representative", "commissioner", "deputy", "king", "queen", "emir", "leader", "senator", "chairman",
        "chairwoman", "adviser", "advisor", "aide", "mayor", "governor", "prosecutor", "spokespeople", "official", "diplomat", "attache",
        "counsellor", "counselor", "consul", "chargé", "charge", "undersecretary", "foreign", "general", "press", "prime", "defence", "defense",
        "historian", "analyst", "expert", "professor", "researcher", "author", "scholar", "lawyer", "correspondent", "editor", "curator",
        "headteacher", "headmaster", "principal", "coach", "manager", "lawmaker", "mp", "spokesperson", "commander", "officer", "ambassador-designate",
    };

    private static readonly HashSet<string> RoleNouns = new(StringComparer.Ordinal)
    {
        "spokesman", "spokeswoman", "spokesperson", "minister", "president", "premier", "chancellor", "ambassador", "envoy", "diplomat",
        "secretary", "chief", "leader",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "in", "on", "at", "but", "and", "he", "she", "it", "they", "we", "this", "that", "these", "those", "his", "her", "its", "their",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december", "ministry", "embassy", "consulate", "mission", "office", "council",
        "department", "government", "parliament", "news", "agency", "state", "states", "foreign", "affairs", "general", "federation", "republic",
        "union", "kingdom", "national", "security", "intelligence", "service", "committee", "house", "court", "after", "before", "when", "while",
        "if", "as", "for", "from", "to", "of", "with", "by", "according", "earlier", "later", "last", "next", "also", "meanwhile", "however",
        "speaking", "asked", "i", "you", "our", "my", "there", "some", "all", "both", "no", "not", "mr", "mrs", "ms", "dr", "sir", "western",
    };

    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal) { "al", "el", "bin", "ibn", "de", "da", "di", "du", "van", "von", "der", "den", "le", "la", "dos", "del" };

    public static readonly HashSet<string> SpeechVerbs = new(StringComparer.Ordinal)
    {
        "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "announced", "announces", "wrote", "writes", "declared",
        "declares", "noted", "notes", "stressed", "stresses", "warned", "warns", "insisted", "explained", "argued", "claimed", "remarked", "commented",
        "continued", "promised", "vowed", "accused", "threatened", "tweeted", "posted", "confirmed", "denied", "alleged", "emphasised", "emphasized",
    };

    public List<DraftOrganization> Organizations { get; } = [];
    public List<DraftPerson> People { get; } = [];
    public List<Mention> Mentions { get; } = [];
    private readonly Dictionary<int, int> _organizationOfKnown = [];
    private readonly Dictionary<int, int> _personOfKnown = [];
    private readonly Dictionary<string, int> _personByName = new(StringComparer.OrdinalIgnoreCase);

    public void Find()
    {
        foreach (var sentence in sentences)
        {
            var t = sentence.FirstToken;
            while (t < sentence.EndToken)
            {
                t = Step(sentence, t);
            }
        }

        Mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
    }

    /// <summary>The draft organization of a gazetteer record, added on first use.</summary>
    public int OrganizationOf(int known)
    {
        if (!_organizationOfKnown.TryGetValue(known, out var at))
        {
            var o = gazetteer.Organizations[known];
            at = Organizations.Count;
            Organizations.Add(new DraftOrganization(known, o.Name, o.Kind, o.CountryCode, o.SideKey));
            _organizationOfKnown[known] = at;
        }

        return at;
    }

    private int PersonOf(int known)
    {
        if (!_personOfKnown.TryGetValue(known, out var at))
        {
            var a = gazetteer.Actors[known];
            at = People.Count;
            People.Add(new DraftPerson(known, a.Name) { Title = a.Title, Organization = a.Organization is { } o ? OrganizationOf(o) : null });
            _personOfKnown[known] = at;
            _personByName[a.Name] = at;
        }

        return at;
    }

    private int Step(Sentence sentence, int t)
    {
        var token = tokens[t];
        if (Datelines.Covers(datelines, token.Start))
        {
            return t + 1;
        }

        // "Foreign Minister Israel Katz": a name that begins with a word the gazetteer knows, right after a title.
        if (token.UpperInitial && t > sentence.FirstToken && TitleNouns.Contains(tokens[t - 1].Key) &&
            gazetteer.LongestAt(tokens, t, sentence.EndToken) is ({ IsActor: false }, 1) && NewPersonAt(sentence, t, allowKnownFirst: true) is { } titledEnd)
        {
            return titledEnd;
        }

        if (gazetteer.LongestAt(tokens, t, sentence.EndToken) is var (entry, length))
        {
            var end = t + length;
            if (entry.IsActor)
            {
                var person = PersonOf(entry.Index);
                AddMention(sentence, t, end, true, person, MentionForm.Name);
                TitleBefore(sentence, t, person);
                return end;
            }

            if (entry.Form == NameForm.Generic && !_organizationOfKnown.ContainsKey(entry.Index))
            {
                return end;
            }

            // A demonym before a name is part of a person's title ("Russian Foreign Minister Sergei Lavrov") and still the state.
            var form = entry.Form switch { NameForm.Demonym => MentionForm.Demonym, NameForm.Seat => MentionForm.Seat, NameForm.Generic => MentionForm.Generic, _ => MentionForm.Name };
            AddMention(sentence, t, end, false, OrganizationOf(entry.Index), form);
            return end;
        }

        if (!token.IsWord)
        {
            return t + 1;
        }

        if (token.UpperInitial && NewPersonAt(sentence, t) is { } nameEnd)
        {
            return nameEnd;
        }

        if (token.UpperInitial && SurnameOf(token) is { } bySurname && !IsNameContinued(sentence, t))
        {
            AddMention(sentence, t, t + 1, true, bySurname, MentionForm.Surname);
            return t + 1;
        }

        if (token.Key is "the" && t + 1 < sentence.EndToken && RoleNouns.Contains(tokens[t + 1].Key) && LastPersonWithRole(tokens[t + 1].Key) is { } byRole)
        {
            AddMention(sentence, t, t + 2, true, byRole, MentionForm.Role);
            return t + 2;
        }

        if (token.Key is "he" or "she" && LastPersonNear(sentence) is { } byPronoun)
        {
            AddMention(sentence, t, t + 1, true, byPronoun, MentionForm.Pronoun);
        }

        return t + 1;
    }

    private bool IsCapitalisedWordAt(int t) =>
        t < tokens.Count && tokens[t].IsWord && tokens[t].UpperInitial && !NotNames.Contains(tokens[t].Key) && !TitleNouns.Contains(tokens[t].Key) &&
        gazetteer.LongestAt(tokens, t, tokens.Count) is null;

    private bool IsNameContinued(Sentence sentence, int t) =>
        t + 1 < sentence.EndToken && tokens[t + 1].IsWord && tokens[t + 1].UpperInitial && tokens[t + 1].Start == tokens[t].End + 1 &&
        !NotNames.Contains(tokens[t + 1].Key);

    private int? SurnameOf(Token token)
    {
        int? found = null;
        for (var i = 0; i < People.Count; i++)
        {
            if (string.Equals(People[i].Surname, text[token.Start..token.End], StringComparison.OrdinalIgnoreCase))
            {
                if (found is not null)
                {
                    return null;
                }

                found = i;
            }
        }

        if (found is null && gazetteer.ActorBySurname(token.Key) is { } known)
        {
            return PersonOf(known);
        }

        return found;
    }

    private int? LastPersonWithRole(string noun)
    {
        for (var m = Mentions.Count - 1; m >= 0; m--)
        {
            if (Mentions[m].IsPerson && People[Mentions[m].Entity].Title?.Contains(noun, StringComparison.OrdinalIgnoreCase) == true)
            {
                return Mentions[m].Entity;
            }
        }

        return null;
    }

    /// <summary>The person last named in this sentence or the one before, if only one person was named there.</summary>
    private int? LastPersonNear(Sentence sentence)
    {
        // Wire copy names a person, then goes on with "he" or "she" until it names another.
        var last = Mentions.LastOrDefault(m => m.IsPerson && m.Sentence >= sentence.Index - 6);
        return last?.Entity;
    }

    /// <summary>A capitalised name of two or three words that a title precedes, an apposition follows, or a speech verb follows.</summary>
    private int? NewPersonAt(Sentence sentence, int t, bool allowKnownFirst = false)
    {
        var end = t;
        var words = 0;
        while (end < sentence.EndToken && words < 4)
        {
            var token = tokens[end];
            var joined = end > t && token.Start <= tokens[end - 1].End + 1;
            if (end > t && !joined)
            {
                break;
            }

            if (token.IsWord && token.UpperInitial && !token.AllUpper && !NotNames.Contains(token.Key) && !TitleNouns.Contains(token.Key) &&
                (gazetteer.LongestAt(tokens, end, sentence.EndToken) is null || allowKnownFirst && end == t && IsCapitalisedWordAt(end + 1)))
            {
                words++;
                end++;
            }
            else if (end > t && end + 1 < sentence.EndToken && (token.Key == "-" || Particles.Contains(token.Key)) && tokens[end + 1].UpperInitial &&
                     tokens[end + 1].IsWord && tokens[end + 1].Start <= token.End + 1)
            {
                end++;
            }
            else if (end > t && end + 2 < sentence.EndToken && Particles.Contains(token.Key) && tokens[end + 1].Key == "-" && tokens[end + 2].UpperInitial)
            {
                end += 2;
            }
            else
            {
                break;
            }
        }

        if (words < 2)
        {
            return null;
        }

        // "Le Drian said" after "Jean-Yves Le Drian": the same person by the end of the name.
        var lastWord = text[tokens[end - 1].Start..tokens[end - 1].End];
        var known = People.FindIndex(p => p.Name.EndsWith(" " + text[tokens[t].Start..tokens[end - 1].End], StringComparison.OrdinalIgnoreCase) ||
                                          p.Name.EndsWith(lastWord, StringComparison.OrdinalIgnoreCase) && words == 1);
        if (known >= 0)
        {
            AddMention(sentence, t, end, true, known, MentionForm.Surname);
            return end;
        }

        var titled = t > sentence.FirstToken && TitleNouns.Contains(tokens[t - 1].Key);
        // "Lithuania's foreign minister, Gabrielius Landsbergis, said"
        var titledBeforeComma = t > sentence.FirstToken + 1 && tokens[t - 1].Key == "," && TitleNouns.Contains(tokens[t - 2].Key);
        var speaking = end < sentence.EndToken && SpeechVerbs.Contains(tokens[end].Key) ||
                       t > sentence.FirstToken && SpeechVerbs.Contains(tokens[t - 1].Key);
        var apposition = end + 1 < sentence.EndToken && tokens[end].Key == "," && AppositionTitleEnd(sentence, end + 1) is not null;
        if (!titled && !speaking && !apposition && !titledBeforeComma)
        {
            return null;
        }

        var name = text[tokens[t].Start..tokens[end - 1].End];
        if (!_personByName.TryGetValue(name, out var person))
        {
            person = People.Count;
            People.Add(new DraftPerson(null, name));
            _personByName[name] = person;
        }

        AddMention(sentence, t, end, true, person, MentionForm.Name);
        TitleBefore(sentence, titledBeforeComma ? t - 1 : t, person);
        if (apposition && People[person].Title is null)
        {
            var titleEnd = AppositionTitleEnd(sentence, end + 1)!.Value;
            SetTitle(person, end + 1, titleEnd);
        }

        return end;
    }

    /// <summary>Where an apposition's title ends ("..., the Kremlin spokesman, said"), if the words after the comma are one.</summary>
    private int? AppositionTitleEnd(Sentence sentence, int from)
    {
        var sawTitle = false;
        for (var i = from; i < sentence.EndToken && i - from < 8; i++)
        {
            var key = tokens[i].Key;
            if (key is "," or "." or ";" or "\"" || SpeechVerbs.Contains(key))
            {
                return sawTitle ? i : null;
            }

            sawTitle |= TitleNouns.Contains(key) && key is not "foreign" and not "general" and not "press" and not "prime";
        }

        return null;
    }

    /// <summary>A title right before a name ("NATO Secretary General", "Russia's Foreign Minister"): its words and the organization in it.</summary>
    private void TitleBefore(Sentence sentence, int nameStart, int person)
    {
        var start = nameStart;
        var sawNoun = false;
        while (start > sentence.FirstToken && nameStart - start < 7)
        {
            var previous = tokens[start - 1];
            var isTitleWord = TitleNouns.Contains(previous.Key);
            var isPartOfName = previous.IsWord && previous.UpperInitial && !NotNames.Contains(previous.Key) || previous.Key is "'" or "s" or "of" or "-";
            if (!isTitleWord && !isPartOfName)
            {
                break;
            }

            sawNoun |= isTitleWord && previous.Key is not "foreign" and not "press" and not "prime" and not "general";
            start--;
        }

        if (sawNoun)
        {
            SetTitle(person, start, nameStart);
        }
    }

    private void SetTitle(int person, int from, int to)
    {
        // The organization named in the title is the person's; the title is what follows it.
        int? organization = null;
        foreach (var mention in Mentions)
        {
            if (!mention.IsPerson && mention.FirstToken >= from && mention.EndToken <= to)
            {
                organization = mention.Entity;
                from = mention.EndToken;
            }
        }

        while (from < to && tokens[from].Key is "'" or "s" && (tokens[from].Key != "s" || from > 0 && tokens[from - 1].Key == "'"))
        {
            from++;
        }

        if (from >= to)
        {
            return;
        }

        var title = text[tokens[from].Start..tokens[to - 1].End].Trim();
        var p = People[person];
        if (p.Known is null || p.Title is null || title.Length > 0)
        {
            p.Title = title.Length > 0 ? title : p.Title;
        }

        if (organization is not null && (p.Organization is null || p.Known is null))
        {
            p.Organization = organization;
        }
    }

    private void AddMention(Sentence sentence, int first, int end, bool isPerson, int entity, MentionForm form)
    {
        var possessive = end + 1 < tokens.Count && tokens[end].Key == "'" && tokens[end + 1].Key == "s" && tokens[end].Start == tokens[end - 1].End;
        var mention = new Mention(tokens[first].Start, tokens[end - 1].End, first, end, sentence.Index, isPerson, entity, form, possessive);
        Mentions.Add(mention);
        (isPerson ? People[entity].Mentions : Organizations[entity].Mentions).Add(mention.Span);
    }
}
