using Dapper;

namespace EventTracker.Api.Storage.Relational;

public static class RelationalDialectExtensions
{
    /// <summary>The ids a statement with one <c>@Id</c> parameter selects, inside the unit of work.</summary>
    public static async Task<IReadOnlyList<long>> IdsAsync(this IRelationalDialect dialect, IUnitOfWork work, string sql, long id)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        return (await connection.QueryAsync<long>(sql, new { Id = id }, transaction)).ToList();
    }
}
