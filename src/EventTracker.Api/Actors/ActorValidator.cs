using EventTracker.Api.Common;
using FluentValidation;

namespace EventTracker.Api.Actors;

public sealed class ActorValidator : AbstractValidator<ActorRequest>
{
    public const int MaxAffiliations = 100;

    public ActorValidator()
    {
        RuleFor(a => a.Name).NotEmpty().WithMessage("name is required.").MaximumLength(CommonRules.MaxNameLength);
        RuleFor(a => a.Aliases).Aliases();
        RuleForEach(a => a.Aliases).Alias();
        RuleFor(a => a.WikidataId).WikidataId();
        RuleFor(a => a.Affiliations).Must(list => list is null || list.Count <= MaxAffiliations)
            .WithMessage($"At most {MaxAffiliations} affiliations.");
        RuleForEach(a => a.Affiliations).SetValidator(new AffiliationValidator());
    }
}

public sealed class AffiliationValidator : AbstractValidator<AffiliationRequest>
{
    public AffiliationValidator()
    {
        RuleFor(a => a.OrganizationId).NotNull().WithMessage("organizationId is required.");
        RuleFor(a => a.Title).MaximumLength(CommonRules.MaxNameLength);
        RuleFor(a => a.From).PartialDate();
        RuleFor(a => a.To).PartialDate();
        RuleFor(a => a.To)
            .Must((affiliation, to) => PartialDate.Parse(to!).Last >= PartialDate.Parse(affiliation.From!).First)
            .When(a => PartialDate.IsValid(a.From) && PartialDate.IsValid(a.To))
            .WithMessage("to must not be before from.");
    }
}
