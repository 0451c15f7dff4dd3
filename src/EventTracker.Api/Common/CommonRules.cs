using System.Text.RegularExpressions;
using FluentValidation;

namespace EventTracker.Api.Common;

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
        rule.Must(text => text is null || Common.PartialDate.IsValid(text))
            .WithMessage("'{PropertyValue}' is not " + Common.PartialDate.FormatDescription + ".");

    public static void Aliases<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(aliases => aliases is null || aliases.Count <= MaxAliases)
            .WithMessage($"At most {MaxAliases} aliases.")
            .Must(aliases => aliases is null || aliases.Distinct(StringComparer.Ordinal).Count() == aliases.Count)
            .WithMessage("Aliases must not repeat.");

    public static IRuleBuilderOptions<T, string> Alias<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("An alias must not be empty.")
            .MaximumLength(MaxNameLength);

    [GeneratedRegex("^Q[1-9][0-9]{0,11}$")]
    private static partial Regex WikidataPattern();
}
