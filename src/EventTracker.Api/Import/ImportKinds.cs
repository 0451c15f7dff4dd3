using EventTracker.Api.Actors;
using EventTracker.Api.Events;
using EventTracker.Api.EventTypes;
using EventTracker.Api.Organizations;
using EventTracker.Api.Records;
using EventTracker.Api.Sources;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Import;

/// <summary>The four kinds a line may hold, keyed by the line's <c>kind</c>: each with the store, checks and validator of its API.</summary>
public sealed class ImportKinds(
    IOrganizationStore organizations, IValidator<OrganizationRequest> organizationValidator,
    IActorStore actors, IValidator<ActorRequest> actorValidator,
    ISourceStore sources, IValidator<SourceRequest> sourceValidator,
    IEventStore events, IValidator<EventRequest> eventValidator, EventTypeCatalog eventTypes,
    IOptions<JsonOptions> json)
{
    private static readonly LineShape Organization = new(
        "organization", typeof(OrganizationRequest), [new("parentExternalId", "parentId", RecordKind.Organization)], [], OwnKindField: "organizationKind");

    private static readonly LineShape Actor = new("actor", typeof(ActorRequest), [],
    [
        new("affiliations", ActorValidator.MaxAffiliations, typeof(AffiliationRequest), [new("organizationExternalId", "organizationId", RecordKind.Organization)]),
    ]);

    private static readonly LineShape Source = new("source", typeof(SourceRequest), [], []);

    private static readonly LineShape Event = new("event", typeof(EventRequest), [],
    [
        new("participants", EventValidator.MaxChildren, typeof(ParticipantRequest),
            [new("organizationExternalId", "organizationId", RecordKind.Organization), new("actorExternalId", "actorId", RecordKind.Actor)]),
        new("citations", EventValidator.MaxChildren, typeof(CitationRequest),
            [new("sourceExternalId", "sourceId", RecordKind.Source), new("speakerActorExternalId", "speakerActorId", RecordKind.Actor)]),
        new("relations", EventValidator.MaxChildren, typeof(RelationRequest), [new("targetEventExternalId", "targetEventId", RecordKind.Event)]),
    ]);

    private readonly Lazy<TypedLineReader> _reader = new(() => new TypedLineReader(json.Value.SerializerOptions, [Organization, Actor, Source, Event]));

    /// <summary>Reads lines straight into their requests; shared by all imports (it holds no line between two reads).</summary>
    internal TypedLineReader Reader => _reader.Value;

    /// <summary>Fresh kinds for one import: they hold what its batches defer.</summary>
    internal IReadOnlyDictionary<string, ImportKind> ForOneImport()
    {
        var eventDates = new ImportedEventDates(events);
        return new Dictionary<string, ImportKind>(StringComparer.Ordinal)
        {
            ["organization"] = new ImportKind<OrganizationRequest, OrganizationResponse>(
                RecordKind.Organization, OrganizationsApi.Resource, organizations, OrganizationsApi.HierarchyCheck(organizations), organizationValidator,
                ImportCanonical.ToRequest, ImportCanonical.Canonical, Organization.RewriteAsync),

            ["actor"] = new ImportKind<ActorRequest, ActorResponse>(
                RecordKind.Actor, ActorsApi.Resource, actors, null, actorValidator,
                ImportCanonical.ToRequest, ImportCanonical.Canonical, Actor.RewriteAsync),

            ["source"] = new ImportKind<SourceRequest, SourceResponse>(
                RecordKind.Source, SourcesApi.Resource, sources, SourcesApi.UniqueUrlCheck(sources), sourceValidator,
                ImportCanonical.ToRequest, ImportCanonical.Canonical, Source.RewriteAsync),

            ["event"] = new ImportKind<EventRequest, EventResponse>(
                RecordKind.Event, EventsApi.Resource, events, EventsApi.RelationCheck(eventDates.DatesAsync), eventValidator,
                ImportCanonical.ToRequest, ImportCanonical.Canonical,
                Event.RewriteAsync, eventDates.Written, eventDates.Clear,
                request => EventRequestCheck.CertainlyValidAsync(request, eventTypes)),
        };
    }
}
