namespace EventTracker.Api.Storage.Sqlite;

public static class SqliteStorage
{
    /// <summary>Everything the SQLite provider needs: the database file's connections, migrations and upkeep.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Configure(options =>
            options.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName)
                                       ?? DatabaseOptions.DefaultConnectionString);
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<WalCheckpoint>();
        services.AddHostedService(provider => provider.GetRequiredService<WalCheckpoint>());
        return services;
    }
}
