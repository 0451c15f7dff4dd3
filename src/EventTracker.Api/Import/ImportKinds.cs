using System.Text.Json.Nodes;
using EventTracker.Api.Actors;
using EventTracker.Api.Events;
using EventTracker.Api.EventTypes;
using EventTracker.Api.Organizations;
using EventTracker.Api.Records;
using EventTracker.Api.Sources;
using FluentValidation;

namespace EventTracker.Api.Import;

/// <summary>The four kinds a line may hold, keyed by the line's <c>kind</c>: each with the store, checks and validator of its API.</summary>
public sealed class ImportKinds(
    IOrganizationStore organizations, IValidator<OrganizationRequest> organizationValidator,
    IActorStore actors, IValidator<ActorRequest> actorValidator,
    ISourceStore sources, IValidator<SourceRequest> sourceValidator,
    IEventStore events, IValidator<EventRequest> eventValidator, EventTypeCatalog eventTypes)
{
    /// <summary>Fresh kinds for one import: they hold what its batches defer.</summary>
    internal IReadOnlyDictionary<string, ImportKind> ForOneImport()
    {
        var eventDates = new ImportedEventDates(events);
        return new Dictionary<string, ImportKind>(StringComparer.Ordinal)
        {
            ["organization"] = new ImportKind<OrganizationRequest, OrganizationResponse>(
                RecordKind.Organization, OrganizationsApi.Resource, organizations, OrganizationsApi.HierarchyCheck(organizations), organizationValidator,
                ImportCanonical.ToRequest, ImportCanonical.Canonical,
                async (body, references) =>
                {
                    // The line's "kind" is the record kind, so an organization's own kind is "organizationKind".
                    if (body.TryGetPropertyValue("organizationKind", out var organizationKind))
                    {
                        body.Remove("organizationKind");
                        body["kind"] = organizationKind;
                    }

                    await references.ResolveAsync(body, "", "parentExternalId", "parentId", RecordKind.Organization);
                }),

            ["actor"] = new ImportKind<ActorRequest, ActorResponse>(
                RecordKind.Actor, ActorsApi.Resource, actors, null, actorValidator,
                ImportCanonical.ToRequest, ImportCanonical.Canonical,
                (body, references) => references.EachAsync(body, "affiliations", ActorValidator.MaxAffiliations, (affiliation, path) =>
                    references.ResolveAsync(affiliation, path, "organizationExternalId", "organizationId", RecordKind.Organization))),

            ["source"] = new ImportKind<SourceRequest, SourceResponse>(
                RecordKind.Source, SourcesApi.Resource, sources, SourcesApi.UniqueUrlCheck(sources), sourceValidator,
                ImportCanonical.ToRequest, ImportCanonical.Canonical,
                (_, _) => Task.CompletedTask),

            ["event"] = new ImportKind<EventRequest, EventResponse>(
                RecordKind.Event, EventsApi.Resource, events, EventsApi.RelationCheck(eventDates.DatesAsync), eventValidator,
                ImportCanonical.ToRequest, ImportCanonical.Canonical,
                RewriteEventReferencesAsync, eventDates.Written, eventDates.Clear,
                request => EventRequestCheck.CertainlyValidAsync(request, eventTypes)),
        };
    }

    private static async Task RewriteEventReferencesAsync(JsonObject body, ReferenceRewriter references)
    {
        await references.EachAsync(body, "participants", EventValidator.MaxChildren, async (participant, path) =>
        {
            await references.ResolveAsync(participant, path, "organizationExternalId", "organizationId", RecordKind.Organization);
            await references.ResolveAsync(participant, path, "actorExternalId", "actorId", RecordKind.Actor);
        });
        await references.EachAsync(body, "citations", EventValidator.MaxChildren, async (citation, path) =>
        {
            await references.ResolveAsync(citation, path, "sourceExternalId", "sourceId", RecordKind.Source);
            await references.ResolveAsync(citation, path, "speakerActorExternalId", "speakerActorId", RecordKind.Actor);
        });
        await references.EachAsync(body, "relations", EventValidator.MaxChildren, (relation, path) =>
            references.ResolveAsync(relation, path, "targetEventExternalId", "targetEventId", RecordKind.Event));
    }
}
