namespace EventTracker.Api.Drafts;

/// <summary>A direct quote: the words inside the marks, its sentence, and its speaker (a person of the draft) if found.</summary>
public sealed record QuoteHit(int Start, int End, int Sentence, int? Speaker, int? SpeakerMention);

/// <summary>
/// Direct quotes and who said them: a person with a speech verb after the quote ("...," Peskov said / said Peskov /
/// he added) or before it (Zakharova said: "..."), else the speaker of the quote just before when this one goes on.
/// </summary>
public static class Quotes
{
    public static List<QuoteHit> Find(string text, List<Token> tokens, List<Sentence> sentences, List<Mention> mentions)
    {
        var quotes = new List<QuoteHit>();
        int? lastSpeaker = null;
        var lastQuoteEnd = -1;
        foreach (var (start, end) in Spans(text))
        {
            var sentence = sentences.FindLastIndex(s => s.Start <= start);
            if (sentence < 0 || CountWords(text, start, end) < 2)
            {
                continue;
            }

            var (speaker, mention) = SpeakerAfter(text, tokens, mentions, end)
                                     ?? SpeakerBefore(tokens, sentences, mentions, start, sentence)
                                     ?? ContinuedFrom(text, lastSpeaker, lastQuoteEnd, start);
            quotes.Add(new QuoteHit(start, end, sentence, speaker, mention));
            if (speaker is not null)
            {
                lastSpeaker = speaker;
            }

            lastQuoteEnd = end;
        }

        return quotes;
    }

    /// <summary>The spans of the words between quote marks (straight or curly, guillemets).</summary>
    private static IEnumerable<(int Start, int End)> Spans(string text)
    {
        var open = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (open < 0 && c is '"' or '\u201C' or '\u00AB' or '\u201E')
            {
                open = i + 1;
            }
            else if (open >= 0 && c is '"' or '\u201D' or '\u00BB' or '\u201C')
            {
                var (s, e) = Trim(text, open, i);
                if (e > s)
                {
                    yield return (s, e);
                }

                open = -1;
            }
            else if (open >= 0 && c == '\n' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                // A quote that runs on into the next paragraph is closed there (wire style: no closing mark).
                var (s, e) = Trim(text, open, i);
                if (e > s)
                {
                    yield return (s, e);
                }

                open = -1;
            }
        }

        if (open >= 0 && open < text.Length)
        {
            var (s, e) = Trim(text, open, text.Length);
            if (e > s)
            {
                yield return (s, e);
            }
        }
    }

    private static (int, int) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is ','))
        {
            end--;
        }

        return (start, end);
    }

    private static int CountWords(string text, int start, int end)
    {
        var words = 0;
        var inWord = false;
        for (var i = start; i < end; i++)
        {
            var letter = char.IsLetterOrDigit(text[i]);
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter;
        }

        return words;
    }

    private static (int?, int?)? SpeakerAfter(string text, List<Token> tokens, List<Mention> mentions, int quoteEnd)
    {
        var first = tokens.FindIndex(t => t.Start >= quoteEnd);
        if (first < 0)
        {
            return null;
        }

        // Past the closing mark, up to the sentence's end: ", Peskov said." / "said Peskov" / "he added" /
        // "Kremlin spokesman Dmitry Peskov told reporters". The person nearest the speech verb speaks.
        var end = first;
        var verb = -1;
        while (end < tokens.Count && end - first < 16)
        {
            var token = tokens[end];
            if (end > first + 1 && (token.Key is "." or "\"" or "!" or "?") || text.AsSpan(quoteEnd, token.Start - quoteEnd).Contains('\n'))
            {
                break;
            }

            if (verb < 0 && (MentionFinder.SpeechVerbs.Contains(token.Key) || token.Key is "according"))
            {
                verb = end;
            }

            end++;
        }

        if (verb < 0)
        {
            return null;
        }

        var people = mentions.Select((m, i) => (m, i)).Where(p => p.m.IsPerson && p.m.FirstToken >= first && p.m.EndToken <= end).ToList();
        if (people.Count == 0)
        {
            // "..., the ministry said": an organization speaks, no person.
            return (null, null);
        }

        var (mention, index) = people.OrderBy(p => Math.Min(Math.Abs(p.m.FirstToken - verb), Math.Abs(p.m.EndToken - verb))).First();
        return (mention.Entity, index);
    }

    private static bool NextIsSpeech(List<Token> tokens, int at)
    {
        for (var t = at; t < tokens.Count && t < at + 4; t++)
        {
            if (MentionFinder.SpeechVerbs.Contains(tokens[t].Key))
            {
                return true;
            }

            if (tokens[t].Key is "." or "\"")
            {
                return false;
            }
        }

        return false;
    }

    private static (int?, int?)? SpeakerBefore(List<Token> tokens, List<Sentence> sentences, List<Mention> mentions, int quoteStart, int sentence)
    {
        var s = sentences[sentence];
        var inSentence = mentions.Where(m => m.Sentence == sentence && m.End < quoteStart && m.IsPerson).ToList();
        for (var i = inSentence.Count - 1; i >= 0; i--)
        {
            var m = inSentence[i];
            for (var t = m.EndToken; t < s.EndToken && tokens[t].Start < quoteStart; t++)
            {
                if (MentionFinder.SpeechVerbs.Contains(tokens[t].Key) || tokens[t].Key == ":")
                {
                    return (m.Entity, mentions.IndexOf(m));
                }
            }
        }

        // "According to Zakharova, ..." and a colon after the name.
        return null;
    }

    /// <summary>A quote that opens its paragraph right after another quote goes on in the same voice.</summary>
    private static (int?, int?) ContinuedFrom(string text, int? lastSpeaker, int lastQuoteEnd, int start)
    {
        if (lastSpeaker is null || lastQuoteEnd < 0 || start - lastQuoteEnd > 400)
        {
            return (null, null);
        }

        var between = text.AsSpan(lastQuoteEnd, Math.Max(0, start - lastQuoteEnd));
        if (!between.Contains('\n'))
        {
            // Another quote in the same paragraph: "...," Putin said in an interview. "But ..."
            return (lastSpeaker, null);
        }

        var letters = 0;
        foreach (var c in between)
        {
            letters += char.IsLetter(c) ? 1 : 0;
        }

        return letters < 40 ? (lastSpeaker, null) : (null, null);
    }
}
