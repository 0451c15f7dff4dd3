using System.Text.RegularExpressions;
using EventTracker.Api.Values;
using FluentValidation;

namespace EventTracker.Api.Sources;

public sealed partial class SourceValidator : AbstractValidator<SourceRequest>
{
    public const int MaxUrlLength = 2048;
    public const int MaxTitleLength = 500;
    public const int MaxExcerptLength = 10_000;

    public SourceValidator()
    {
        RuleFor(s => s.Url).Cascade(CascadeMode.Stop).MaximumLength(MaxUrlLength).SingleLine()
            .Must(url => string.IsNullOrEmpty(url) || UrlNormalizer.TryNormalize(url, out _))
            .WithMessage("url must be an absolute http or https URL, or empty for a print or offline source.");
        RuleFor(s => s.Title).NotEmpty().WithMessage("title is required.").MaximumLength(MaxTitleLength).SingleLine();
        RuleFor(s => s.Publisher).MaximumLength(CommonRules.MaxNameLength).SingleLine();
        RuleFor(s => s.PublishedAt)
            .Must(text => text is null || PartialDate.IsDateOrTimestamp(text))
            .WithMessage("publishedAt must be YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp with offset (2021-10-08T14:30:00Z), in the years " + PartialDate.MinYear + " to " + PartialDate.MaxYear + ".");
        RuleFor(s => s.Language).Matches(LanguageTag())
            .WithMessage("language must be a BCP 47 language tag such as en, ru, fa or pt-BR.");
        RuleFor(s => s.Excerpt).MaximumLength(MaxExcerptLength).MultiLine();
    }

    // BCP 47 langtag: a 2-3 letter language (5-8 letter subtags are reserved and unregistered),
    // optional extended language, script, region, variants, extensions and private use.
    [GeneratedRegex(@"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?$")]
    private static partial Regex LanguageTag();
}
