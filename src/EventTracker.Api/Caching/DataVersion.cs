using Dapper;
using EventTracker.Api.Storage.Sqlite;

namespace EventTracker.Api.Caching;

/// <summary>
/// The database's change counter (migration 0003): triggers move it forward in the same transaction as
/// every change to organizations, actors, sources and events, so a new value means new data.
/// </summary>
public sealed class DataVersion(SqliteConnectionFactory connections)
{
    /// <summary>Where a request keeps the version it read, so that it is read once per request.</summary>
    public const string ItemKey = "EventTracker.DataVersion";

    private const string Sql = "SELECT value FROM data_version WHERE id = 1";

    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
    }
}
