using System.Text.RegularExpressions;
using EventTracker.Api.Values;
using FluentValidation;

namespace EventTracker.Api.Organizations;

public sealed partial class OrganizationValidator : AbstractValidator<OrganizationRequest>
{
    public OrganizationValidator()
    {
        RuleFor(o => o.Name).NotEmpty().WithMessage("name is required.").MaximumLength(CommonRules.MaxNameLength).SingleLine();
        RuleFor(o => o.Kind).NotNull().WithMessage("kind is required.");
        RuleFor(o => o.CountryCode).CountryCode();
        RuleFor(o => o.CountryCode).NotNull().When(o => o.Kind == OrganizationKind.State)
            .WithMessage("A state needs its countryCode.");
        RuleFor(o => o.CountryCode).Null().When(o => o.Kind == OrganizationKind.Alliance)
            .WithMessage("An alliance has no countryCode.");
        RuleFor(o => o.Aliases).Aliases();
        RuleForEach(o => o.Aliases).Alias().When(o => CommonRules.Within(o.Aliases, CommonRules.MaxAliases));
        RuleFor(o => o.WikidataId).WikidataId();
        RuleFor(o => o.CameoCode).Matches(CameoPattern())
            .WithMessage("cameoCode must be a CAMEO actor code: 3 to 15 upper-case letters or digits in groups of three, e.g. RUSGOV.");
    }

    [GeneratedRegex("^(?:[A-Z0-9]{3}){1,5}$")]
    private static partial Regex CameoPattern();
}
