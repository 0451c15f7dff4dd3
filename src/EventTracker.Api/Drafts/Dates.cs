using System.Globalization;
using System.Text.RegularExpressions;

namespace EventTracker.Api.Drafts;

/// <summary>A date the text gives, as a partial date; <c>IsEnd</c> when it is a deadline or a start of effect ("by", "from", "until").</summary>
public readonly record struct DateHit(string Value, int Start, int End, bool IsEnd);

/// <summary>Dates in the text: explicit ("6 October", "Oct. 6, 2021", "in March"), and relative to the publication date ("on Wednesday", "said Friday", "yesterday", "last month").</summary>
public static partial class Dates
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const string Month = @"(?<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";

    [GeneratedRegex(@"\b(?<prep>by|until|till|before|from|starting|effective|as\s+of|no\s+later\s+than|deadline\s+of|end\s+of)?\s*(?:the\s+)?(?:(?<end>end)\s+of\s+)?(?:(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + Month + @"|(?<month2>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+(?<day2>\d{1,2})(?:st|nd|rd|th)?|(?<monthonly>January|February|March|April|June|July|August|September|October|November|December))(?:,?\s+(?<year>\d{4}))?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Explicit();

    [GeneratedRegex(@"\b(?<prep>by|until|from|before|starting)?\s*(?:on\s+|last\s+|this\s+past\s+)?(?<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", Options | RegexOptions.ExplicitCapture)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(?<word>yesterday|today|tonight|earlier\s+(?:this|in\s+the)\s+month|last\s+month|this\s+month|earlier\s+this\s+year|last\s+year)\b", Options | RegexOptions.ExplicitCapture)]
    private static partial Regex Relative();

    public static List<DateHit> Find(string text, int start, int end, DateOnly? published)
    {
        var hits = new List<DateHit>();
        var sentence = text[start..end];
        foreach (Match m in Explicit().Matches(sentence))
        {
            var monthText = m.Groups["month"].Success ? m.Groups["month"].Value : m.Groups["month2"].Success ? m.Groups["month2"].Value : m.Groups["monthonly"].Value;
            if (MonthNumber(monthText) is not { } month)
            {
                continue;
            }

            // "May" alone is a verb more often than a month.
            if (m.Groups["monthonly"].Success && !m.Groups["year"].Success && !Preceded(sentence, m.Index, "in", "since", "until", "by", "of", "from", "end"))
            {
                continue;
            }

            var year = m.Groups["year"].Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture)
                : published is { } p ? (month > p.Month + 1 ? p.Year - 1 : p.Year) : (int?)null;
            if (year is null or < 1000 or > 2999)
            {
                continue;
            }

            var dayText = m.Groups["day"].Success ? m.Groups["day"].Value : m.Groups["day2"].Success ? m.Groups["day2"].Value : null;
            var prep = m.Groups["prep"].Value.ToLowerInvariant();
            var isEnd = prep.Length > 0 && prep is not "from" || m.Groups["end"].Success || prep == "from" && IsFuture(year.Value, month, published);
            string value;
            if (dayText is not null && int.TryParse(dayText, CultureInfo.InvariantCulture, out var day) && day >= 1 && day <= DateTime.DaysInMonth(year.Value, month))
            {
                value = new DateOnly(year.Value, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            else if (m.Groups["end"].Success)
            {
                value = new DateOnly(year.Value, month, DateTime.DaysInMonth(year.Value, month)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            else
            {
                value = $"{year:D4}-{month:D2}";
            }

            var at = m.Groups["prep"].Success ? m.Groups["prep"].Index : FirstNonSpace(sentence, m.Index);
            hits.Add(new DateHit(value, start + at, start + m.Index + m.Length, isEnd));
        }

        if (published is { } pub)
        {
            foreach (Match m in Weekday().Matches(sentence))
            {
                var weekday = Enum.Parse<DayOfWeek>(m.Groups["weekday"].Value, ignoreCase: true);
                var prep = m.Groups["prep"].Value.ToLowerInvariant();
                var isEnd = prep.Length > 0;
                var date = isEnd ? NextOnOrAfter(pub, weekday) : LastOnOrBefore(pub, weekday);
                var at = FirstNonSpace(sentence, m.Index);
                hits.Add(new DateHit(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start + at, start + m.Index + m.Length, isEnd));
            }

            foreach (Match m in Relative().Matches(sentence))
            {
                var word = Regex.Replace(m.Groups["word"].Value.ToLowerInvariant(), @"\s+", " ");
                var value = word switch
                {
                    "yesterday" => pub.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    "today" or "tonight" => pub.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    "last month" => pub.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    "last year" => (pub.Year - 1).ToString(CultureInfo.InvariantCulture),
                    "earlier this year" => pub.Year.ToString(CultureInfo.InvariantCulture),
                    _ => pub.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                };
                hits.Add(new DateHit(value, start + m.Index, start + m.Index + m.Length, false));
            }
        }

        hits.Sort((a, b) => a.Start.CompareTo(b.Start));
        return hits;
    }

    /// <summary>The publication date as a day, when it is one (a timestamp's date counts).</summary>
    public static DateOnly? Day(string? publishedAt) =>
        publishedAt is { Length: >= 10 } && DateOnly.TryParseExact(publishedAt[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static bool IsFuture(int year, int month, DateOnly? published) =>
        published is { } p && (year > p.Year || year == p.Year && month > p.Month);

    private static int FirstNonSpace(string sentence, int at)
    {
        while (at < sentence.Length && char.IsWhiteSpace(sentence[at]))
        {
            at++;
        }

        return at;
    }

    private static bool Preceded(string sentence, int at, params string[] words)
    {
        var before = sentence[..at].TrimEnd();
        return words.Any(w => before.EndsWith(" " + w, StringComparison.OrdinalIgnoreCase) || before.Equals(w, StringComparison.OrdinalIgnoreCase));
    }

    private static DateOnly LastOnOrBefore(DateOnly day, DayOfWeek weekday) => day.AddDays(-(((int)day.DayOfWeek - (int)weekday + 7) % 7));

    private static DateOnly NextOnOrAfter(DateOnly day, DayOfWeek weekday) => day.AddDays(((int)weekday - (int)day.DayOfWeek + 7) % 7);

    private static int? MonthNumber(string text) => text.TrimEnd('.').ToLowerInvariant() switch
    {
        "january" or "jan" => 1, "february" or "feb" => 2, "march" or "mar" => 3, "april" or "apr" => 4, "may" => 5, "june" or "jun" => 6,
        "july" or "jul" => 7, "august" or "aug" => 8, "september" or "sept" or "sep" => 9, "october" or "oct" => 10, "november" or "nov" => 11,
        "december" or "dec" => 12, _ => null,
    };
}
