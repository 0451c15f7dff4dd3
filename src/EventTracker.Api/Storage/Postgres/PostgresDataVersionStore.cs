using Dapper;
using EventTracker.Api.Caching;
using EventTracker.Api.Storage.Relational;
using Npgsql;

namespace EventTracker.Api.Storage.Postgres;

/// <summary>
/// The sum of the spread counter of migration 0003: triggers bump one of its rows in the same transaction as
/// every change, so a read that starts after a commit (in any instance) sees a new version, and writers on
/// different connections never wait on one row.
/// </summary>
public sealed class PostgresDataVersionStore(NpgsqlDataSource dataSource, DatabaseOperations operations) : IDataVersionStore
{
    private const string Sql = "SELECT sum(value)::bigint FROM data_version";

    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenTimedAsync(operations, cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
    }
}
