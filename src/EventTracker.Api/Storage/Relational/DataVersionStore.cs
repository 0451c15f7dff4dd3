using Dapper;
using EventTracker.Api.Caching;

namespace EventTracker.Api.Storage.Relational;

/// <summary>The data version: a counter triggers move in the same transaction as every change (migration 0003 of each store).</summary>
public sealed class DataVersionStore(IRelationalDialect dialect) : IDataVersionStore
{
    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(dialect.DataVersionSql, cancellationToken: cancellationToken));
    }
}
