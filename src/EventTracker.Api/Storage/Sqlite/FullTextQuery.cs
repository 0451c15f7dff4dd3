namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// Turns what a user typed into a safe FTS5 query: every word is quoted (so FTS syntax characters are
/// literal text, never operators) and matched as a prefix; all words must match.
/// </summary>
public static class FullTextQuery
{
    public static string? From(string? userInput)
    {
        if (string.IsNullOrWhiteSpace(userInput))
        {
            return null;
        }

        var terms = userInput
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word => new string(word.Where(c => !char.IsControl(c)).ToArray()))
            .Where(word => word.Length > 0)
            .Take(16)
            .Select(word => "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*");
        var query = string.Join(' ', terms);
        return query.Length == 0 ? null : query;
    }
}
