using EventTracker.Api.Values;
using FluentValidation;

namespace EventTracker.Api.Actors;

public sealed class ActorValidator : AbstractValidator<ActorRequest>
{
    public const int MaxAffiliations = 100;

    public ActorValidator()
    {
        RuleFor(a => a.Name).NotEmpty().WithMessage("name is required.").MaximumLength(CommonRules.MaxNameLength).SingleLine();
        RuleFor(a => a.Aliases).Aliases();
        RuleForEach(a => a.Aliases).Alias().When(a => CommonRules.Within(a.Aliases, CommonRules.MaxAliases));
        RuleFor(a => a.WikidataId).WikidataId();
        RuleFor(a => a.Affiliations).MaxCount(MaxAffiliations, "affiliations");
        When(a => CommonRules.Within(a.Affiliations, MaxAffiliations), () =>
            RuleForEach(a => a.Affiliations).SetValidator(new AffiliationValidator()));
    }
}

public sealed class AffiliationValidator : AbstractValidator<AffiliationRequest>
{
    public AffiliationValidator()
    {
        RuleFor(a => a.OrganizationId).NotNull().WithMessage("organizationId is required.");
        RuleFor(a => a.Title).MaximumLength(CommonRules.MaxNameLength).SingleLine();
        RuleFor(a => a.From).PartialDate();
        RuleFor(a => a.To).PartialDate();
        RuleFor(a => a.To)
            .Must((affiliation, to) => PartialDate.Parse(to!).Last >= PartialDate.Parse(affiliation.From!).First)
            .When(a => PartialDate.IsValid(a.From) && PartialDate.IsValid(a.To))
            .WithMessage("to must not be before from.");
    }
}
