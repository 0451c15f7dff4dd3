namespace EventTracker.Api.Drafts;

/// <summary>A sentence: its span in the text and its tokens' range in the article's token list.</summary>
public readonly record struct Sentence(int Index, int Start, int End, int FirstToken, int EndToken, int Paragraph);

public static class Sentences
{
    // Abbreviations a full stop does not end a sentence after.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sen", "rep", "gov", "pres", "prof", "sr", "jr", "no", "vs",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u", "s", "k", "e", "n", "a", "i", "inc", "co", "corp", "ltd",
    };

    /// <summary>Splits at paragraph breaks and at ., ! or ? followed by a space and a capital, a digit or a quote mark.</summary>
    public static List<Sentence> Split(string text, IReadOnlyList<Token> tokens)
    {
        var sentences = new List<Sentence>();
        var start = 0;
        var paragraph = 0;
        var firstToken = 0;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            var breakAfter = false;
            if (!token.IsWord && token.Key is "." or "!" or "?")
            {
                var next = t + 1 < tokens.Count ? tokens[t + 1] : default;
                // A closing quote or bracket right after the stop belongs to this sentence.
                var last = t;
                while (last + 1 < tokens.Count && tokens[last + 1].Key is "\"" or "'" or ")" && tokens[last + 1].Start == tokens[last].End)
                {
                    last++;
                }

                next = last + 1 < tokens.Count ? tokens[last + 1] : default;
                var previous = t > 0 ? tokens[t - 1] : default;
                var abbreviation = token.Key == "." && previous.IsWord && previous.End == token.Start && Abbreviations.Contains(previous.Key)
                                   && !(next.IsWord && next.UpperInitial && previous.Key.Length > 1 && next.Start > token.End + 1);
                if (last + 1 >= tokens.Count || (!abbreviation && next.Start > tokens[last].End && (next.UpperInitial || !next.IsWord || char.IsDigit(text[next.Start]))))
                {
                    t = last;
                    breakAfter = true;
                }
            }
            else if (t + 1 < tokens.Count && text.AsSpan(token.End, tokens[t + 1].Start - token.End).Contains('\n'))
            {
                breakAfter = true;
            }

            if (breakAfter || t == tokens.Count - 1)
            {
                sentences.Add(new Sentence(sentences.Count, start, tokens[t].End, firstToken, t + 1, paragraph));
                if (t + 1 < tokens.Count)
                {
                    if (text.AsSpan(tokens[t].End, tokens[t + 1].Start - tokens[t].End).Contains('\n'))
                    {
                        paragraph++;
                    }

                    start = tokens[t + 1].Start;
                }

                firstToken = t + 1;
            }
        }

        return sentences;
    }
}
