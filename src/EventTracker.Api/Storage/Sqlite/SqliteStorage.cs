using EventTracker.Api.Actors;
using EventTracker.Api.Caching;
using EventTracker.Api.Chains;
using EventTracker.Api.Events;
using EventTracker.Api.EventTypes;
using EventTracker.Api.History;
using EventTracker.Api.Import;
using EventTracker.Api.Observability;
using EventTracker.Api.Organizations;
using EventTracker.Api.Sources;
using EventTracker.Api.Storage.Relational;
using EventTracker.Api.Timeline;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Storage.Sqlite;

public static class SqliteStorage
{
    /// <summary>Everything the SQLite provider needs: the database file's connections, migrations and upkeep.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration)
    {
        _ = SqliteLibrary.ThreadingMode;
        services.AddOptions<DatabaseOptions>().Configure(options =>
            options.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName)
                                       ?? DatabaseOptions.DefaultConnectionString);
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<WriterTurns>();
        services.AddRelationalStorage<SqliteStore, SqliteDialect>("sqlite");
        services.AddSingleton<ITimelineStore, SqliteTimelineStore>();
        services.AddSingleton<IChainStore>(provider =>
            new ChainStore(provider.GetRequiredService<SqliteDialect>(), provider.GetRequiredService<EventReader>(), stepBudget: true));

        services.AddSingleton<WalCheckpoint>();
        services.AddHostedService(provider => provider.GetRequiredService<WalCheckpoint>());
        return services;
    }
}
