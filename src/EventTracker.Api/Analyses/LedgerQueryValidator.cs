using EventTracker.Api.Paging;
using EventTracker.Api.Values;
using FluentValidation;

namespace EventTracker.Api.Analyses;

public sealed class LedgerQueryValidator : AbstractValidator<LedgerQuery>
{
    public LedgerQueryValidator()
    {
        RuleFor(q => q.A).NotNull().WithMessage("a is required: an organization id.")
            .GreaterThan(0).WithMessage("a must be an organization id.");
        RuleFor(q => q.B).NotNull().WithMessage("b is required: an organization id.")
            .GreaterThan(0).WithMessage("b must be an organization id.")
            .NotEqual(q => q.A).When(q => q.A is not null).WithMessage("b must be another organization than a.");
        RuleFor(q => q.From).PartialDate();
        RuleFor(q => q.To).PartialDate();
        RuleFor(q => q.To)
            .Must((q, to) => PartialDate.Parse(to!).Last >= PartialDate.Parse(q.From!).First)
            .When(q => PartialDate.IsValid(q.From) && PartialDate.IsValid(q.To))
            .WithMessage("to must not be before from.");
        RuleFor(q => q.Limit).InclusiveBetween(1, ListQuery.MaxLimit).WithMessage($"limit must be between 1 and {ListQuery.MaxLimit}.");
    }
}
