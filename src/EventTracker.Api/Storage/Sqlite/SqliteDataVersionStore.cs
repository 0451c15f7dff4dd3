using Dapper;
using EventTracker.Api.Caching;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>The change counter of migration 0003, moved by triggers on every change.</summary>
public sealed class SqliteDataVersionStore(SqliteConnectionFactory connections) : IDataVersionStore
{
    private const string Sql = "SELECT value FROM data_version WHERE id = 1";

    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
    }
}
