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
    /// <summary>
    /// A provider's store (the unit of work's factory, failures, schema and backup in one) and dialect under the
    /// boundary's interfaces, its database time metered under <paramref name="system"/>, and every shared store over it.
    /// </summary>
    public static IServiceCollection AddRelationalStorage<TStore, TDialect>(this IServiceCollection services, string system)
        where TStore : class, IStorage, IStoreFailures, IStoreSchema, IStoreBackup
        where TDialect : class, IRelationalDialect
    {
        services.AddEventTrackerMetrics();
        services.AddSingleton(provider => new DatabaseOperations(provider.GetRequiredService<EventTrackerMetrics>(), system));
        services.AddSingleton<TStore>();
        services.AddSingleton<IStorage>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<IStoreFailures>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<IStoreSchema>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<IStoreBackup>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<TDialect>();
        services.AddSingleton<IRelationalDialect>(provider => provider.GetRequiredService<TDialect>());
        return services.AddRelationalStores();
    }

    /// <summary>The migration scripts embedded under <paramref name="prefix"/>, in the order they apply.</summary>
    public static IReadOnlyList<string> EmbeddedScriptNames(string prefix) =>
        typeof(RelationalStores).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The stores whose SQL both providers share, over the registered <see cref="IRelationalDialect"/>.</summary>
    private static IServiceCollection AddRelationalStores(this IServiceCollection services)
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
