namespace EventTracker.Api.Drafts;

/// <summary>A word or a punctuation mark of the text: letters and digits run together, every other character stands alone.</summary>
public readonly record struct Token(int Start, int End, string Key, bool IsWord, bool UpperInitial, bool AllUpper);

public static class Tokenizer
{
    public static List<Token> Tokenize(string text, int from = 0, int to = -1)
    {
        if (to < 0)
        {
            to = text.Length;
        }

        var tokens = new List<Token>(Math.Max(16, (to - from) / 5));
        var i = from;
        while (i < to)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                var allUpper = true;
                while (i < to && (char.IsLetterOrDigit(text[i]) || text[i] == '\u0301'))
                {
                    allUpper &= !char.IsLower(text[i]);
                    i++;
                }

                var word = text.AsSpan(start, i - start);
                tokens.Add(new Token(start, i, Key(word), true, char.IsUpper(c), allUpper && char.IsLetter(c)));
                continue;
            }

            tokens.Add(new Token(i, i + 1, Punctuation(c), false, false, false));
            i++;
        }

        return tokens;
    }

    /// <summary>The tokens' keys of a name from a lexicon or the store, as the trie holds them.</summary>
    public static string[] Keys(string name) => Tokenize(name).Select(t => t.Key).ToArray();

    private static string Key(ReadOnlySpan<char> word)
    {
        Span<char> lower = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        word.ToLowerInvariant(lower);
        for (var i = 0; i < lower.Length; i++)
        {
            lower[i] = lower[i] switch { 'é' => 'e', 'ü' => 'u', 'ö' => 'o', 'ä' => 'a', 'ș' => 's', 'ё' => 'е', _ => lower[i] };
        }

        return Intern(lower);
    }

    private static string Punctuation(char c) => c switch
    {
        '\u2019' or '\u2018' or '`' => "'",
        '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' => "\"",
        '\u2013' or '\u2014' => "-",
        _ => c.ToString(),
    };

    // Common words are shared rather than allocated for every occurrence.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Interned = new(StringComparer.Ordinal);

    private static string Intern(ReadOnlySpan<char> key)
    {
        var lookup = Interned.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(key, out var known))
        {
            return known;
        }

        var text = key.ToString();
        return Interned.Count < 200_000 ? Interned.GetOrAdd(text, text) : text;
    }
}
