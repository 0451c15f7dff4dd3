using System.Text;
using EventTracker.Api.Actors;
using EventTracker.Api.Events;
using EventTracker.Api.Organizations;
using EventTracker.Api.Sources;
using EventTracker.Api.Values;
using FluentValidation;

namespace EventTracker.Api.Drafts;

public sealed class DraftRequestValidator : AbstractValidator<DraftRequest>
{
    /// <summary>The largest article accepted, in UTF-8 bytes (text or HTML).</summary>
    public const int MaxArticleBytes = 256 * 1024;

    public DraftRequestValidator()
    {
        RuleFor(d => d).Must(d => (d.Text is null) != (d.Html is null))
            .WithName("$").OverridePropertyName("$")
            .WithMessage("Give exactly one of text and html.");
        RuleFor(d => d.Text).Must(WithinSize!).When(d => d.Text is not null)
            .WithMessage($"The article must be at most {MaxArticleBytes} bytes of UTF-8.").MultiLine();
        RuleFor(d => d.Html).Must(WithinSize!).When(d => d.Html is not null)
            .WithMessage($"The page must be at most {MaxArticleBytes} bytes of UTF-8.");
        RuleFor(d => d.Url).Must(url => string.IsNullOrEmpty(url) || UrlNormalizer.TryNormalize(url, out _))
            .WithMessage("url must be an absolute http or https URL.").MaximumLength(SourceValidator.MaxUrlLength);
        RuleFor(d => d.Title).MaximumLength(SourceValidator.MaxTitleLength).SingleLine();
        RuleFor(d => d.PublishedAt).Must(text => text is null || PartialDate.IsDateOrTimestamp(text))
            .WithMessage("publishedAt must be YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp with offset.");
        RuleFor(d => d.Language).Must(language => language is null || language.Length <= 35 && language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            .WithMessage("language must be a BCP 47 language tag such as en.");
    }

    private static bool WithinSize(string text) => text.Length <= MaxArticleBytes && Encoding.UTF8.GetByteCount(text) <= MaxArticleBytes;
}

/// <summary>
/// A draft to commit is checked as the records it becomes: each new organization, actor, source and event by that
/// resource's own validator (its errors keyed under the draft's path, e.g. <c>events[2].participants[0].role</c>),
/// plus what only a draft has: refs that are unique and name something in the draft.
/// </summary>
public sealed class DraftCommitValidator : AbstractValidator<DraftCommitRequest>
{
    public const int MaxRecords = 500;

    public DraftCommitValidator(IValidator<SourceRequest> sources, IValidator<OrganizationRequest> organizations,
        IValidator<ActorRequest> actors, IValidator<EventRequest> events)
    {
        RuleFor(d => d.Source).NotNull().WithMessage("source is required.");
        RuleFor(d => d.Organizations).MaxCount(MaxRecords, "organizations");
        RuleFor(d => d.Actors).MaxCount(MaxRecords, "actors");
        RuleFor(d => d.Events).MaxCount(MaxRecords, "events");
        RuleFor(d => d).CustomAsync(async (draft, context, cancellationToken) =>
        {
            if (!CommonRules.Within(draft.Organizations, MaxRecords) || !CommonRules.Within(draft.Actors, MaxRecords) ||
                !CommonRules.Within(draft.Events, MaxRecords))
            {
                return;
            }

            void Fail(string path, string message) => context.AddFailure(path, message);

            if (draft.Source is { ExistingId: null } source)
            {
                Add(await sources.ValidateAsync(DraftRecords.Source(source), cancellationToken), "source.", Fail);
            }

            var organizationRefs = Refs(draft.Organizations ?? [], o => o?.Ref, "organizations", Fail);
            var actorRefs = Refs(draft.Actors ?? [], a => a?.Ref, "actors", Fail);
            foreach (var shared in organizationRefs.Keys.Intersect(actorRefs.Keys))
            {
                Fail($"actors[{actorRefs[shared]}].ref", $"'{shared}' is an organization's ref too; refs must be unique.");
            }

            var eventRefs = Refs(draft.Events ?? [], e => e?.Ref, "events", Fail);
            for (var i = 0; i < (draft.Organizations?.Count ?? 0); i++)
            {
                if (draft.Organizations![i] is { ExistingId: null } organization)
                {
                    Add(await organizations.ValidateAsync(DraftRecords.Organization(organization), cancellationToken), $"organizations[{i}].", Fail);
                }
            }

            for (var i = 0; i < (draft.Actors?.Count ?? 0); i++)
            {
                if (draft.Actors![i] is not { } actor)
                {
                    continue;
                }

                if (actor.Organization is { } organization && !organizationRefs.ContainsKey(organization))
                {
                    Fail($"actors[{i}].organization", $"'{organization}' is not the ref of an organization of the draft.");
                }
                else if (actor.ExistingId is null)
                {
                    Add(await actors.ValidateAsync(DraftRecords.Actor(actor, _ => 1), cancellationToken), $"actors[{i}].", Fail);
                }
            }

            for (var i = 0; i < (draft.Events?.Count ?? 0); i++)
            {
                if (draft.Events![i] is { } e)
                {
                    await CheckEventAsync(events, e, i, organizationRefs, actorRefs, eventRefs, Fail, cancellationToken);
                }
            }
        });
    }

    private static async Task CheckEventAsync(IValidator<EventRequest> events, DraftEventRequest e, int i,
        Dictionary<string, int> organizationRefs, Dictionary<string, int> actorRefs, Dictionary<string, int> eventRefs,
        Action<string, string> fail, CancellationToken cancellationToken)
    {
        var refsKnown = true;
        for (var j = 0; j < (e.Participants?.Count ?? 0); j++)
        {
            if (e.Participants![j] is not { } p)
            {
                continue;
            }

            if (p.Organization is { } o && !organizationRefs.ContainsKey(o))
            {
                fail($"events[{i}].participants[{j}].organization", $"'{o}' is not the ref of an organization of the draft.");
                refsKnown = false;
            }

            if (p.Actor is { } a && !actorRefs.ContainsKey(a))
            {
                fail($"events[{i}].participants[{j}].actor", $"'{a}' is not the ref of an actor of the draft.");
                refsKnown = false;
            }
        }

        for (var j = 0; j < (e.Quotes?.Count ?? 0); j++)
        {
            if (e.Quotes![j]?.Speaker is { } speaker && !actorRefs.ContainsKey(speaker))
            {
                fail($"events[{i}].quotes[{j}].speaker", $"'{speaker}' is not the ref of an actor of the draft.");
                refsKnown = false;
            }
        }

        for (var j = 0; j < (e.Relations?.Count ?? 0); j++)
        {
            if (e.Relations![j] is not { } r)
            {
                continue;
            }

            if ((r.Ref is null) == (r.ExistingId is null))
            {
                fail($"events[{i}].relations[{j}]", "Give exactly one of ref and existingId.");
                refsKnown = false;
            }
            else if (r.Ref is { } target && (!eventRefs.TryGetValue(target, out var at) || at == i))
            {
                fail($"events[{i}].relations[{j}].ref", $"'{target}' is not the ref of another event of the draft.");
                refsKnown = false;
            }
        }

        if (e.Existing is { } existing)
        {
            if (existing.Id is not > 0)
            {
                fail($"events[{i}].existing.id", "existing.id must name a stored event.");
            }

            for (var j = 0; j < (e.Quotes?.Count ?? 0); j++)
            {
                var text = e.Quotes![j]?.Text;
                if (string.IsNullOrWhiteSpace(text) || text.Length > EventValidator.MaxQuoteLength)
                {
                    fail($"events[{i}].quotes[{j}].text", $"A quote must be 1 to {EventValidator.MaxQuoteLength} characters.");
                }
            }

            return;
        }

        if (refsKnown)
        {
            var request = DraftRecords.NewEvent(e, 1, _ => 1, _ => 1, _ => 1);
            Add(await events.ValidateAsync(request, cancellationToken), null, (path, message) => fail(DraftRecords.EventPath(i, path), message));
        }
    }

    /// <summary>Each ref's index; a missing or repeated ref is an error.</summary>
    private static Dictionary<string, int> Refs<T>(IReadOnlyList<T> items, Func<T, string?> refOf, string list, Action<string, string> fail)
    {
        var refs = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                fail($"{list}[{i}]", "An item must not be null.");
            }
            else if (string.IsNullOrWhiteSpace(refOf(items[i])))
            {
                fail($"{list}[{i}].ref", "ref is required.");
            }
            else if (!refs.TryAdd(refOf(items[i])!, i))
            {
                fail($"{list}[{i}].ref", $"'{refOf(items[i])}' is used twice; refs must be unique.");
            }
        }

        return refs;
    }

    private static void Add(FluentValidation.Results.ValidationResult result, string? prefix, Action<string, string> fail)
    {
        foreach (var error in result.Errors)
        {
            fail(prefix + Errors.JsonPaths.FromPropertyPath(error.PropertyName), error.ErrorMessage);
        }
    }
}
