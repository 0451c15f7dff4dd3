using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using EventTracker.Api.Actors;
using EventTracker.Api.Caching;
using EventTracker.Api.Chains;
using EventTracker.Api.Common;
using EventTracker.Api.Events;
using EventTracker.Api.EventTypes;
using EventTracker.Api.History;
using EventTracker.Api.Import;
using EventTracker.Api.Observability;
using EventTracker.Api.Organizations;
using EventTracker.Api.Sources;
using EventTracker.Api.Storage.Relational;
using EventTracker.Api.Timeline;

namespace EventTracker.Api.Storage.Sqlite;

public static class SqliteStorage
{
    /// <summary>Everything the SQLite provider needs: the database file's connections, migrations and upkeep.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Configure(options =>
            options.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName)
                                       ?? DatabaseOptions.DefaultConnectionString);
        services.AddEventTrackerMetrics();
        services.AddSingleton(provider => new DatabaseOperations(provider.GetRequiredService<EventTrackerMetrics>(), "sqlite"));
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<SqliteStore>();
        services.AddSingleton<IStorage>(provider => provider.GetRequiredService<SqliteStore>());
        services.AddSingleton<IStoreFailures>(provider => provider.GetRequiredService<SqliteStore>());
        services.AddSingleton<IStoreSchema>(provider => provider.GetRequiredService<SqliteStore>());
        services.AddSingleton<IStoreBackup>(provider => provider.GetRequiredService<SqliteStore>());

        services.AddSingleton<SqliteDialect>();
        services.AddSingleton<IRelationalDialect>(provider => provider.GetRequiredService<SqliteDialect>());
        services.AddSingleton(provider => new EventDocuments(
            provider.GetRequiredService<SqliteDialect>(), SqliteEvents.Reader, "json_each(@Rows) AS r",
            provider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions, "d.document", provider.GetRequiredService<EventTrackerMetrics>()));
        services.AddSingleton(provider => new ChangeLogWriter(
            provider.GetRequiredService<SqliteDialect>(), "json_each(@Rows) AS r", provider.GetRequiredService<EventDocuments>()));
        services.AddHostedService<EventDocumentFiller>();
        services.AddHostedService<ForgottenDocumentRefiller>();
        services.AddRelationalStores();
        services.AddSingleton<IEventStore, SqliteEventStore>();
        services.AddSingleton<IHistoryStore, SqliteHistoryStore>();
        services.AddSingleton<ITimelineStore, SqliteTimelineStore>();
        services.AddSingleton<IChainStore>(provider => new ChainStore(provider.GetRequiredService<SqliteDialect>(), SqliteEvents.Reader, stepBudget: true));
        services.AddSingleton<IDataVersionStore, SqliteDataVersionStore>();

        services.AddSingleton<WalCheckpoint>();
        services.AddHostedService(provider => provider.GetRequiredService<WalCheckpoint>());
        return services;
    }
}
