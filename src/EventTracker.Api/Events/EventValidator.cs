using EventTracker.Api.EventTypes;
using EventTracker.Api.Values;
using FluentValidation;

namespace EventTracker.Api.Events;

public sealed class EventValidator : AbstractValidator<EventRequest>
{
    public const int MaxTitleLength = 300;
    public const int MaxSummaryLength = 10_000;
    public const int MaxQuoteLength = 2_000;
    public const int MaxTagLength = 64;
    public const int MaxUnitLength = 64;
    public const int MaxQuantityNoteLength = 1000;
    public const int MaxExternalIdLength = 200;
    /// <summary>The most participants, quantities, citations or relations an event may have (each list apart).</summary>
    public const int MaxChildren = 100;
    public const int MaxTags = 50;
    public static readonly int MaxExternalIds = ExternalIdSystems.All.Count;

    public EventValidator(EventTypeCatalog types)
    {
        RuleFor(e => e.Type).NotEmpty().WithMessage("type is required.")
            .MustAsync(async (type, _) => await types.IsKnownAsync(type!))
            .When(e => !string.IsNullOrEmpty(e.Type), ApplyConditionTo.CurrentValidator)
            .WithMessage("'{PropertyValue}' is not an event type; see GET /api/v1/event-types.");
        RuleFor(e => e.Title).NotEmpty().WithMessage("title is required.").MaximumLength(MaxTitleLength).SingleLine();
        RuleFor(e => e.Summary).MaximumLength(MaxSummaryLength).MultiLine();
        RuleFor(e => e.Date).NotEmpty().WithMessage("date is required.").PartialDate();
        RuleFor(e => e.EndDate).PartialDate();
        RuleFor(e => e.EndDate)
            .Must((e, end) => PartialDate.Parse(end!).Last >= PartialDate.Parse(e.Date!).First)
            .When(e => PartialDate.IsValid(e.Date) && PartialDate.IsValid(e.EndDate))
            .WithMessage("endDate must not be before date.");
        RuleFor(e => e.Location!).SetValidator(new LocationValidator()).When(e => e.Location is not null);

        // A list over its maximum is one error; its items are checked only when it is within it.
        RuleFor(e => e.Participants).MaxCount(MaxChildren, "participants");
        When(e => CommonRules.Within(e.Participants, MaxChildren), () =>
        {
            RuleForEach(e => e.Participants).NotNull().WithMessage("An item must not be null.").SetValidator(new ParticipantValidator());
            RuleFor(e => e.Participants).Custom((participants, context) =>
                ReportRepeats(participants, p => (p.OrganizationId, p.ActorId, p.Role), "participants", "the same participant in the same role", context));
        });

        RuleFor(e => e.Quantities).MaxCount(MaxChildren, "quantities");
        When(e => CommonRules.Within(e.Quantities, MaxChildren), () =>
            RuleForEach(e => e.Quantities).NotNull().WithMessage("An item must not be null.").SetValidator(new QuantityValidator()));

        RuleFor(e => e.Citations).MaxCount(MaxChildren, "citations");
        When(e => CommonRules.Within(e.Citations, MaxChildren), () =>
            RuleForEach(e => e.Citations).NotNull().WithMessage("An item must not be null.").SetValidator(new CitationValidator()));

        RuleFor(e => e.Relations).MaxCount(MaxChildren, "relations");
        When(e => CommonRules.Within(e.Relations, MaxChildren), () =>
        {
            RuleForEach(e => e.Relations).NotNull().WithMessage("An item must not be null.").SetValidator(new RelationValidator());
            RuleFor(e => e.Relations).Custom((relations, context) =>
                ReportRepeats(relations, r => (r.Type, r.TargetEventId), "relations", "the same link", context));
        });

        RuleFor(e => e.Tags).MaxCount(MaxTags, "tags")
            .Must(tags => tags is null || !CommonRules.Within(tags, MaxTags) || tags.Distinct(StringComparer.Ordinal).Count() == tags.Count)
            .WithMessage("Tags must not repeat.");
        When(e => CommonRules.Within(e.Tags, MaxTags), () =>
            RuleForEach(e => e.Tags).NotEmpty().WithMessage("A tag must not be empty.").MaximumLength(MaxTagLength).SingleLine());

        RuleFor(e => e.ExternalIds).Custom((ids, context) =>
        {
            if (!CommonRules.Within(ids, MaxExternalIds))
            {
                // One id per data set: more entries than data sets can only be wrong, and are one error.
                context.AddFailure("externalIds", CommonRules.TooManyItems(ids!.Count, MaxExternalIds, "externalIds (one per data set)"));
                return;
            }

            foreach (var (system, value) in ids ?? new Dictionary<string, string>())
            {
                if (!ExternalIdSystems.All.Contains(system, StringComparer.Ordinal))
                {
                    context.AddFailure($"externalIds.{system}", $"Unknown data set '{system}'; use one of {string.Join(", ", ExternalIdSystems.All)}.");
                }
                else if (string.IsNullOrWhiteSpace(value) || value.Length > MaxExternalIdLength)
                {
                    context.AddFailure($"externalIds.{system}", $"An external id must be 1 to {MaxExternalIdLength} characters.");
                }
                else if (CommonRules.FirstControl(value, multiLine: false) >= 0)
                {
                    context.AddFailure($"externalIds.{system}", CommonRules.ControlMessage(value, multiLine: false));
                }
            }
        });
    }

    private static void ReportRepeats<TItem, TKey>(
        IReadOnlyList<TItem>? items, Func<TItem, TKey> key, string path, string what, ValidationContext<EventRequest> context)
        where TKey : notnull
    {
        var seen = new Dictionary<TKey, int>();
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i] is null)
            {
                continue;
            }

            if (!seen.TryAdd(key(items[i]), i))
            {
                context.AddFailure($"{path}[{i}]", $"Repeats {path}[{seen[key(items[i])]}]: {what} twice.");
            }
        }
    }
}

public sealed class LocationValidator : AbstractValidator<LocationRequest>
{
    public LocationValidator()
    {
        RuleFor(l => l.Name).MaximumLength(CommonRules.MaxNameLength).SingleLine();
        RuleFor(l => l.CountryCode).CountryCode();
        RuleFor(l => l.Latitude).InclusiveBetween(-90, 90);
        RuleFor(l => l.Longitude).InclusiveBetween(-180, 180);
        RuleFor(l => l.Latitude).NotNull().When(l => l.Longitude is not null).WithMessage("Give latitude with longitude.");
        RuleFor(l => l.Longitude).NotNull().When(l => l.Latitude is not null).WithMessage("Give longitude with latitude.");
    }
}

public sealed class ParticipantValidator : AbstractValidator<ParticipantRequest>
{
    public ParticipantValidator()
    {
        RuleFor(p => p.OrganizationId)
            .Must((p, organizationId) => (organizationId is null) != (p.ActorId is null))
            .WithMessage("Give exactly one of organizationId and actorId.");
        RuleFor(p => p.Role).NotNull()
            .WithMessage("role is required: initiator, target, spokesperson, affected, mediator or commentator.");
    }
}

public sealed class QuantityValidator : AbstractValidator<QuantityRequest>
{
    public QuantityValidator()
    {
        RuleFor(q => q.Kind).NotNull().WithMessage("kind is required; see the QuantityKind values.");
        RuleFor(q => q.Value).NotNull().WithMessage("value is required.")
            .GreaterThanOrEqualTo(0).WithMessage("value must be 0 or more.");
        RuleFor(q => q.Unit).MaximumLength(EventValidator.MaxUnitLength).SingleLine();
        RuleFor(q => q.Note).MaximumLength(EventValidator.MaxQuantityNoteLength).MultiLine();
    }
}

public sealed class CitationValidator : AbstractValidator<CitationRequest>
{
    public CitationValidator()
    {
        RuleFor(c => c.SourceId).NotNull().WithMessage("sourceId is required.");
        RuleFor(c => c.Quote).MaximumLength(EventValidator.MaxQuoteLength).MultiLine();
    }
}

public sealed class RelationValidator : AbstractValidator<RelationRequest>
{
    public RelationValidator()
    {
        RuleFor(r => r.Type).NotNull().WithMessage("type is required: responds_to, follows_up, part_of or duplicates.");
        RuleFor(r => r.TargetEventId).NotNull().WithMessage("targetEventId is required.");
    }
}
