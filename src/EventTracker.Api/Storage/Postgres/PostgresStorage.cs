using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Dapper;
using EventTracker.Api.Caching;
using EventTracker.Api.Chains;
using EventTracker.Api.Events;
using EventTracker.Api.History;
using EventTracker.Api.Observability;
using EventTracker.Api.Storage.Relational;
using EventTracker.Api.Timeline;
using Npgsql;

namespace EventTracker.Api.Storage.Postgres;

public static class PostgresStorage
{
    /// <summary>Everything the PostgreSQL provider needs: Npgsql's pooled data source, migrations under an advisory lock, the stores.</summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName)
                               ?? throw new InvalidOperationException(
                                   "Storage:Provider is postgres but ConnectionStrings:EventTracker is not set; give an Npgsql connection string, e.g. Host=localhost;Database=eventtracker;Username=eventtracker.");
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Npgsql pools connections itself and prepares the statements used often on each of them.
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxAutoPrepare = Math.Max(new NpgsqlConnectionStringBuilder(connectionString).MaxAutoPrepare, 64),
        };
        services.AddSingleton(_ => NpgsqlDataSource.Create(builder.ConnectionString));
        services.AddSingleton(new PostgresConnectionString(builder.ConnectionString));
        services.AddRelationalStorage<PostgresStore, PostgresDialect>("postgresql");
        services.AddSingleton<ITimelineStore>(provider =>
            new TimelineStore(provider.GetRequiredService<PostgresDialect>(), provider.GetRequiredService<EventReader>(),
                provider.GetRequiredService<EventDocuments>(), provider.GetRequiredService<OrganizationScopes>()));
        services.AddSingleton<IChainStore>(provider =>
            new ChainStore(provider.GetRequiredService<PostgresDialect>(), provider.GetRequiredService<EventReader>(), stepBudget: false));
        return services;
    }
}

/// <summary>The connection string as configured (with its password), for the migrations runner.</summary>
public sealed record PostgresConnectionString(string Value);
