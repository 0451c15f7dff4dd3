using EventTracker.Api.Storage.Postgres;
using EventTracker.Api.Storage.Sqlite;

namespace EventTracker.Api.Storage;

public static class StorageSetup
{
    /// <summary>Registers the provider named by <c>Storage:Provider</c>; any other name stops the service at start.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>()?.Provider ?? StorageOptions.Sqlite;
        return provider.Trim().ToLowerInvariant() switch
        {
            StorageOptions.Sqlite => services.AddSqliteStorage(configuration),
            StorageOptions.Postgres => services.AddPostgresStorage(configuration),
            _ => throw new InvalidOperationException(
                $"Storage:Provider is '{provider}', which is not a storage provider; use one of: {string.Join(", ", StorageOptions.KnownProviders)}."),
        };
    }
}
