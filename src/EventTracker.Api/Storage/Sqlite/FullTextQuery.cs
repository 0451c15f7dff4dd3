
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// Turns search words into a safe FTS5 query: every word is quoted (so FTS syntax characters are
/// literal text, never operators) and matched as a prefix; all words must match.
/// </summary>
public static class FullTextQuery
{
    public static string? From(SearchText? search) =>
        search is null ? null : string.Join(' ', search.Words.Select(word => "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*"));
}
