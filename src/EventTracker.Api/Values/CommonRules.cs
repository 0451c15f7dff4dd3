using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;

namespace EventTracker.Api.Values;

/// <summary>Field rules more than one resource uses, worded once.</summary>
public static partial class CommonRules
{
    public const int MaxNameLength = 300;
    public const int MaxAliases = 100;

    public static IRuleBuilderOptions<T, string?> WikidataId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches(WikidataPattern()).WithMessage("wikidataId must be a Wikidata item id such as Q7184.");

    public static IRuleBuilderOptions<T, string?> CountryCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => code is null || CountryCodes.IsAssigned(code))
            .WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. RU).");

    public static IRuleBuilderOptions<T, string?> PartialDate<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || Values.PartialDate.IsValid(text))
            .WithMessage("'{PropertyValue}' is not " + Values.PartialDate.FormatDescription + ".");

    /// <summary>
    /// A list over its maximum size is one error, whatever its length. Rules over its items run only on a list
    /// within it (see <see cref="Within{TItem}"/>), so a huge list never answers an error per item.
    /// </summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> MaxCount<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule, int max, string name) =>
        rule.Must(list => Within(list, max)).WithMessage((_, list) => TooManyItems(list!.Count, max, name));

    /// <summary>Whether a list is within its maximum size, so that its items are checked one by one.</summary>
    public static bool Within<TItem>(IReadOnlyCollection<TItem>? list, int max) => list is null || list.Count <= max;

    /// <summary>The one error for a list over its maximum size.</summary>
    public static string TooManyItems(int count, int max, string name) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} items: at most {max} {name}.";

    public static void Aliases<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.MaxCount(MaxAliases, "aliases")
            .Must(aliases => aliases is null || !Within(aliases, MaxAliases) || aliases.Distinct(StringComparer.Ordinal).Count() == aliases.Count)
            .WithMessage("Aliases must not repeat.");

    public static IRuleBuilderOptions<T, string> Alias<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("An alias must not be empty.")
            .MaximumLength(MaxNameLength)
            .SingleLine();

    /// <summary>
    /// Single-line text (names, titles, aliases, URLs, publishers, places, tags, units, ids): no control character at
    /// all, C0 (U+0000–U+001F, so no tab or line break), DEL (U+007F) or C1 (U+0080–U+009F).
    /// </summary>
    public static IRuleBuilderOptions<T, TText> SingleLine<T, TText>(this IRuleBuilder<T, TText> rule) where TText : IEnumerable<char>? =>
        rule.Must(text => text is not string s || FirstControl(s, multiLine: false) < 0)
            .WithMessage((_, text) => ControlMessage((string)(object)text!, multiLine: false));

    /// <summary>Multi-line text (summaries, excerpts, quotes, notes): tab, line feed and carriage return, but no other control character.</summary>
    public static IRuleBuilderOptions<T, TText> MultiLine<T, TText>(this IRuleBuilder<T, TText> rule) where TText : IEnumerable<char>? =>
        rule.Must(text => text is not string s || FirstControl(s, multiLine: true) < 0)
            .WithMessage((_, text) => ControlMessage((string)(object)text!, multiLine: true));

    /// <summary>The position of the first control character a field of that kind refuses, or -1.</summary>
    public static int FirstControl(string text, bool multiLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(multiLine && c is '\t' or '\n' or '\r'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>What is wrong with a text that holds a control character, naming the first one.</summary>
    public static string ControlMessage(string text, bool multiLine)
    {
        var at = FirstControl(text, multiLine);
        var which = $"U+{(int)text[at]:X4} at position {at.ToString(CultureInfo.InvariantCulture)}";
        return multiLine
            ? $"Control characters other than tab and line breaks are not allowed ({which})."
            : $"This field is one line of text: control characters, tabs and line breaks are not allowed ({which}).";
    }

    [GeneratedRegex("^Q[1-9][0-9]{0,11}$")]
    private static partial Regex WikidataPattern();
}
