namespace EventTracker.Api.Values;

/// <summary>
/// What a user typed into <c>q</c>, as words: each word matches as a prefix, all must match, and no
/// character has a meaning of its own. Each provider turns it into its own full-text query.
/// </summary>
public sealed record SearchText(IReadOnlyList<string> Words)
{
    public const int MaxWords = 16;

    public static SearchText? From(string? userInput)
    {
        if (string.IsNullOrWhiteSpace(userInput))
        {
            return null;
        }

        var words = userInput
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word => new string(word.Where(c => !char.IsControl(c)).ToArray()))
            .Where(word => word.Length > 0)
            .Take(MaxWords)
            .ToList();
        return words.Count == 0 ? null : new SearchText(words);
    }

    /// <summary>The words as one canonical text, for cursor fingerprints.</summary>
    public override string ToString() => string.Join(' ', Words);
}
