using System.Globalization;
using System.Text.RegularExpressions;
using EventTracker.Api.Events;

namespace EventTracker.Api.Drafts;

/// <summary>A number the text states, what it counts, and where.</summary>
public readonly record struct QuantityHit(QuantityKind Kind, long Value, string Unit, int Start, int End);

/// <summary>Numbers in digits or words with what they count: people, days, offices, or a mission's size "from 20 to 10".</summary>
public static partial class Quantities
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const string Number = @"(\d{1,3}(?:,\d{3})*|\d+|a\s+dozen|two\s+dozen|three\s+dozen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|one\s+hundred|hundreds?|a|an)";

    [GeneratedRegex(@"\bfrom\s+" + Number + @"(?:\s+(?:people|persons|diplomats|staff|members|employees|posts|officials|personnel))?\s+(?:down\s+)?to\s+" + Number + @"\b", Options)]
    private static partial Regex FromTo();

    [GeneratedRegex(@"\b(?:all\s+)?" + Number + @"\s+(?:(?:more|other|further|additional|of\s+its|of\s+their|of\s+the|[A-Z][a-z]+|russian|american|british|senior|junior|accredited|foreign|embassy|consular|its|their|the)\s+){0,3}(diplomats?|envoys?|embassy\s+staff|staff(?:ers)?|members|employees|officials|officers|personnel|people|persons|individuals|workers|attach[eé]s|spies|agents|intelligence\s+officers|representatives|journalists|consuls?)\b", Options)]
    private static partial Regex People();

    [GeneratedRegex(@"\b(?:within|in|given|giving|gave|has|have|had|get|gets|for|of)\s+(?:only\s+|just\s+)?" + Number + @"\s+(days?|weeks?|hours|months?)\b|\b" + Number + @"[\s-](days?|weeks?|hours)\s+(?:to\s+leave|deadline|notice|ultimatum)", Options)]
    private static partial Regex Deadline();

    [GeneratedRegex(@"\b" + Number + @"\s+(?:(?:of\s+its|of\s+their|its|their|the|[A-Z][a-z]+|diplomatic|honorary)\s+){0,2}(consulates?(?:\s+general)?|missions|offices|embassies|consulates-general)\b", Options)]
    private static partial Regex Offices();

    [GeneratedRegex(@"\b(?:cap(?:ped)?|limit(?:ed)?|ceiling|maximum|reduced|cut|lowered|halved)\s+(?:\w+\s+){0,6}?(at|to|of)\s+(?:no\s+more\s+than\s+|just\s+|only\s+)?" + Number + @"\b", Options)]
    private static partial Regex CapTo();

    public static List<QuantityHit> Find(string text, int start, int end, string type)
    {
        var hits = new List<QuantityHit>();
        var sentence = text[start..end];
        if (type == "staff_cap")
        {
            foreach (Match m in FromTo().Matches(sentence))
            {
                if (Parse(m.Groups[1].Value) is { } before && Parse(m.Groups[2].Value) is { } after && before > after)
                {
                    hits.Add(new QuantityHit(QuantityKind.StaffBefore, before, "persons", start + m.Groups[1].Index, start + m.Groups[1].Index + m.Groups[1].Length));
                    hits.Add(new QuantityHit(QuantityKind.StaffAfter, after, "persons", start + m.Groups[2].Index, start + m.Groups[2].Index + m.Groups[2].Length));
                }
            }

            if (hits.Count == 0)
            {
                foreach (Match m in CapTo().Matches(sentence))
                {
                    if (Parse(m.Groups[2].Value) is { } cap && cap > 1)
                    {
                        // "capped at 32", "a ceiling of 32": a cap; "reduced to 455": the size after.
                        var capKind = m.Groups[1].Value.Equals("to", StringComparison.OrdinalIgnoreCase) ? QuantityKind.StaffAfter : QuantityKind.StaffCap;
                        hits.Add(new QuantityHit(capKind, cap, "persons", start + m.Groups[2].Index, start + m.Groups[2].Index + m.Groups[2].Length));
                    }
                }
            }
        }

        var peopleKind = type switch
        {
            "expulsion" => QuantityKind.DiplomatsExpelled,
            "accreditation_withdrawal" => QuantityKind.AccreditationsWithdrawn,
            "sanction" => QuantityKind.PersonsSanctioned,
            _ => (QuantityKind?)null,
        };
        if (peopleKind is { } kind)
        {
            foreach (Match m in People().Matches(sentence))
            {
                if (Parse(m.Groups[1].Value) is { } value && !m.Groups[1].Value.Equals("a", StringComparison.OrdinalIgnoreCase) &&
                    !m.Groups[1].Value.Equals("an", StringComparison.OrdinalIgnoreCase) && !IsYear(value, m.Groups[1].Value) && !InsideFromTo(sentence, m.Index))
                {
                    hits.Add(new QuantityHit(kind, value, "persons", start + m.Groups[1].Index, start + m.Index + m.Length));
                }
            }
        }

        if (type is "expulsion" or "mission_closure" or "accreditation_withdrawal" or "staff_cap" or "ambassador_recall")
        {
            foreach (Match m in Deadline().Matches(sentence))
            {
                var (numberGroup, unitGroup) = m.Groups[1].Success ? (m.Groups[1], m.Groups[2]) : (m.Groups[3], m.Groups[4]);
                if (Parse(numberGroup.Value) is { } value && DaysIn(unitGroup.Value, value) is { } days)
                {
                    hits.Add(new QuantityHit(QuantityKind.DeadlineDays, days, "days", start + numberGroup.Index, start + unitGroup.Index + unitGroup.Length));
                }
            }
        }

        if (type == "mission_closure")
        {
            foreach (Match m in Offices().Matches(sentence))
            {
                if (Parse(m.Groups[1].Value) is { } value && value is > 0 and < 500)
                {
                    hits.Add(new QuantityHit(QuantityKind.MissionsClosed, value, "offices", start + m.Groups[1].Index, start + m.Index + m.Length));
                }
            }
        }

        return hits;
    }

    private static bool InsideFromTo(string sentence, int at)
    {
        var before = sentence.AsSpan(Math.Max(0, at - 6), Math.Min(6, at));
        return before.EndsWith("from ", StringComparison.OrdinalIgnoreCase) || before.EndsWith(" to ", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsYear(long value, string written) => value is >= 1900 and <= 2100 && written.Length == 4;

    private static long? DaysIn(string unit, long value) => unit.ToLowerInvariant() switch
    {
        "day" or "days" => value,
        "week" or "weeks" => value * 7,
        "hours" when value % 24 == 0 => value / 24,
        "month" or "months" => value * 30,
        _ => null,
    };

    private static readonly Dictionary<string, long> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16,
        ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["hundred"] = 100,
    };

    public static long? Parse(string written)
    {
        var text = Regex.Replace(written.Trim(), @"\s+", " ");
        if (long.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            return digits;
        }

        var lower = text.ToLowerInvariant();
        switch (lower)
        {
            case "a dozen":
                return 12;
            case "two dozen":
                return 24;
            case "three dozen":
                return 36;
            case "a hundred" or "one hundred":
                return 100;
            case "hundreds":
                return null;
        }

        var parts = lower.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        long total = 0;
        foreach (var part in parts)
        {
            if (!Words.TryGetValue(part, out var value))
            {
                return null;
            }

            total += value;
        }

        return total;
    }
}
