using EventTracker.Api.Events;
using EventTracker.Api.EventTypes;
using EventTracker.Api.Paging;
using EventTracker.Api.Values;
using FluentValidation;

namespace EventTracker.Api.Timeline;

public sealed class TimelineFiltersValidator : AbstractValidator<TimelineFilters>
{
    public const int MaxValuesPerFilter = 100;

    public TimelineFiltersValidator(EventTypeCatalog types)
    {
        RuleFor(f => f.Organization).Ids("organization");
        RuleFor(f => f.Actor).Ids("actor");
        RuleFor(f => f.Source).Ids("source");
        RuleFor(f => f.Counterpart).GreaterThan(0).WithMessage("counterpart must be an organization id.");
        RuleFor(f => f.Wave).GreaterThan(0).WithMessage("wave must be an event id.");
        RuleFor(f => f.Counterpart).Null().When(f => f.Organization is not { Length: > 0 })
            .WithMessage("counterpart needs organization: the dyad is organization with counterpart.");
        RuleFor(f => f.Type).MaxValues("type");
        RuleForEach(f => f.Type).MustAsync(async (type, _) => await types.IsKnownAsync(type))
            .WithMessage("'{PropertyValue}' is not an event type; see GET /api/v1/event-types.");
        RuleFor(f => f.Status).MaxValues("status");
        RuleForEach(f => f.Status).Must(status => EnumText.All<EventStatus>().Contains(status))
            .WithMessage("'{PropertyValue}' is not a status: announced, in_effect, completed or cancelled.");
        RuleFor(f => f.Country).MaxValues("country");
        RuleForEach(f => f.Country).Must(CountryCodes.IsAssigned)
            .WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code (e.g. RU).");
        RuleFor(f => f.From).PartialDate();
        RuleFor(f => f.To).PartialDate();
        RuleFor(f => f.To)
            .Must((f, to) => PartialDate.Parse(to!).Last >= PartialDate.Parse(f.From!).First)
            .When(f => PartialDate.IsValid(f.From) && PartialDate.IsValid(f.To))
            .WithMessage("to must not be before from.");
        RuleFor(f => f.Q).MaximumLength(500);
        RuleFor(f => f.Tag).MaxValues("tag");
        RuleForEach(f => f.Tag).NotEmpty().MaximumLength(EventValidator.MaxTagLength);
    }
}

public sealed class TimelinePagingValidator : AbstractValidator<TimelinePaging>
{
    public TimelinePagingValidator()
    {
        RuleFor(p => p.Order).Must(order => order is null or "asc" or "desc").WithMessage("order must be asc or desc.");
        RuleFor(p => p.Limit).InclusiveBetween(1, ListQuery.MaxLimit).WithMessage($"limit must be between 1 and {ListQuery.MaxLimit}.");
    }
}

internal static class FilterRules
{
    public static IRuleBuilderOptions<T, long[]?> Ids<T>(this IRuleBuilder<T, long[]?> rule, string name) =>
        rule.MaxValues(name).Must(ids => ids is null || ids.All(id => id > 0)).WithMessage($"{name} ids must be positive.");

    public static IRuleBuilderOptions<T, TItem[]?> MaxValues<T, TItem>(this IRuleBuilder<T, TItem[]?> rule, string name) =>
        rule.Must(values => values is null || values.Length <= TimelineFiltersValidator.MaxValuesPerFilter)
            .WithMessage($"At most {TimelineFiltersValidator.MaxValuesPerFilter} values of {name}.");
}
