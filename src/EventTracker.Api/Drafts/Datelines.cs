using System.Text.RegularExpressions;

namespace EventTracker.Api.Drafts;

/// <summary>
/// Wire copy opens with a dateline ("MOSCOW, Oct 8 (Reuters) -"): the place and day it was filed, not where or
/// when anything happened. Its words are neither a side nor an event's date.
/// </summary>
public static partial class Datelines
{
    [GeneratedRegex(@"(?:^|\n)(?<line>[A-Z][A-Za-z\.'’\- ]{1,40}(?:/[A-Z][A-Za-z\.'’\- ]{1,40})*(?:,\s*[A-Z][A-Za-z\. ]{1,20})?(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s*\d{4})?)?\s*(?:\([A-Za-z\.\- ]{2,30}\))?\s*[-–—]{1,2}\s)")]
    private static partial Regex Dateline();

    public static List<(int Start, int End)> Find(string text)
    {
        var spans = new List<(int, int)>();
        foreach (Match m in Dateline().Matches(text))
        {
            var line = m.Groups["line"];
            // Only a capitalised place name or a news agency in brackets makes a dateline, not any sentence with a dash.
            var value = line.Value;
            var place = value.Split([',', '(', '-', '–', '—'], 2)[0].Trim();
            if (place.Length > 1 && (place.All(c => !char.IsLetter(c) || char.IsUpper(c)) || value.Contains('(', StringComparison.Ordinal)) && place.Split(' ').Length <= 4)
            {
                spans.Add((line.Index, line.Index + line.Length));
            }
        }

        return spans;
    }

    public static bool Covers(List<(int Start, int End)> spans, int at) => spans.Exists(s => at >= s.Start && at < s.End);
}
