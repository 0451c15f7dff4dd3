using FluentValidation;

namespace EventTracker.Api.Paging;

public sealed class ListQueryValidator : AbstractValidator<ListQuery>
{
    public ListQueryValidator()
    {
        RuleFor(query => query.Limit)
            .InclusiveBetween(1, ListQuery.MaxLimit)
            .WithMessage($"limit must be between 1 and {ListQuery.MaxLimit}.");
        RuleFor(query => query.Q).MaximumLength(500);
    }
}
