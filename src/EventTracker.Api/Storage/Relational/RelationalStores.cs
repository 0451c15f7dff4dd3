using EventTracker.Api.Actors;
using EventTracker.Api.Analyses;
using EventTracker.Api.Caching;
using EventTracker.Api.Changes;
using EventTracker.Api.Events;
using EventTracker.Api.EventTypes;
using EventTracker.Api.History;
using EventTracker.Api.Import;
using EventTracker.Api.Observability;
using EventTracker.Api.Organizations;
using EventTracker.Api.Paging;
using EventTracker.Api.Records;
using EventTracker.Api.Sources;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Storage.Relational;

public static class RelationalStores
{
    /// <summary>The stores whose SQL both providers share; each provider registers its <see cref="IRelationalDialect"/> first.</summary>
    public static IServiceCollection AddRelationalStores(this IServiceCollection services)
    {
        services.AddSingleton(provider => new EventReader(provider.GetRequiredService<IRelationalDialect>()));
        services.AddSingleton(provider => new EventDocuments(
            provider.GetRequiredService<IRelationalDialect>(), provider.GetRequiredService<EventReader>(),
            provider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions, provider.GetRequiredService<EventTrackerMetrics>()));
        services.AddSingleton<ChangeLogWriter>();
        services.AddHostedService<EventDocumentFiller>();
        services.AddHostedService<ForgottenDocumentRefiller>();
        services.AddSingleton<IEventStore, EventStore>();
        services.AddSingleton<IHistoryStore, HistoryStore>();
        services.AddSingleton<IDataVersionStore, DataVersionStore>();
        services.AddSingleton<IOrganizationStore, OrganizationStore>();
        services.AddSingleton<IActorStore, ActorStore>();
        services.AddSingleton<ISourceStore, SourceStore>();
        services.AddSingleton<IEventTypeStore, EventTypeStore>();
        services.AddSingleton<IRecordExistence, RecordExistence>();
        services.AddSingleton<IImportStore, ImportStore>();
        services.AddSingleton<IChangeFeedStore, ChangeFeedStore>();
        services.AddSingleton<IAnalysisStore, AnalysisStore>();
        services.AddSingleton<ILedgerStore, LedgerStore>();
        services.AddSingleton<Drafts.IDraftStore, DraftStore>();
        services.AddSingleton<ICursorKeyStore, CursorKeyStore>();
        return services;
    }
}
