using System.Data;
using Dapper;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// The reads and the soft delete that the organizations, actors and sources tables share: one row by id (for GET,
/// or locked for a write), many by id, a page in id order (optionally a full-text match), and the soft delete
/// that also takes the row out of the full-text index. A store gives its SELECT and how its rows become responses,
/// and writes its own inserts and updates.
/// </summary>
/// <param name="dialect">The store's dialect.</param>
/// <param name="table">The table, which is also its full-text index's.</param>
/// <param name="select">The store's <c>SELECT … FROM {table} {qualifier}</c>, joins included, without WHERE.</param>
/// <param name="qualifier">How <paramref name="select"/> names the table's own row (its name, or its alias).</param>
internal abstract class RecordTableStore<TRow, TResponse>(IRelationalDialect dialect, FullTextTable table, string select, string qualifier)
{
    protected IRelationalDialect Dialect { get; } = dialect;

    protected IFullTextIndex Search { get; } = dialect.FullText(table);

    /// <summary>Turns rows into responses, reading what they list (children, affiliations) in a fixed number of queries.</summary>
    protected abstract Task<IReadOnlyList<TResponse>> CompleteAsync(IDbConnection connection, IReadOnlyList<TRow> rows, IDbTransaction? transaction);

    private readonly string _getSql = $"{select} WHERE {qualifier}.id = @Id AND {qualifier}.deleted_at IS NULL";

    private readonly string _getForWriteSql = $"{select} WHERE {qualifier}.id = @Id AND {qualifier}.deleted_at IS NULL {dialect.LockForWrite(qualifier)}";

    private readonly string _findManySql =
        $"{select} WHERE {qualifier}.id {dialect.IdsIn} AND {qualifier}.deleted_at IS NULL ORDER BY {qualifier}.id";

    private readonly string _listSql = $"""
        {select}
        WHERE {qualifier}.deleted_at IS NULL AND {qualifier}.id > @After
        ORDER BY {qualifier}.id
        LIMIT @Take
        """;

    private readonly string _searchSql = $"""
        {select}
        WHERE {qualifier}.deleted_at IS NULL AND {qualifier}.id > @After
          AND {dialect.FullText(table).Matches(qualifier)}
        ORDER BY {qualifier}.id
        LIMIT @Take
        """;

    private readonly string _softDeleteSql = $"""
        UPDATE {TableName(table)} SET deleted_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id AND deleted_at IS NULL
        """;

    public async Task<TResponse?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await Dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TRow>(new CommandDefinition(_getSql, new { Id = id }, cancellationToken: cancellationToken));
        return (await CompleteAsync(connection, rows.AsList(), null)).SingleOrDefault();
    }

    public async Task<TResponse?> FindAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = Dialect.ConnectionOf(work);
        var rows = await connection.QueryAsync<TRow>(_getForWriteSql, new { Id = id }, transaction);
        return (await CompleteAsync(connection, rows.AsList(), transaction)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<TResponse>> FindManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await Dialect.OpenForReadingAsync(cancellationToken);
        var rows = await connection.QueryAsync<TRow>(new CommandDefinition(
            _findManySql, new { Ids = Dialect.IdsParameter(ids) }, cancellationToken: cancellationToken));
        return await CompleteAsync(connection, rows.AsList(), null);
    }

    public async Task<IReadOnlyList<TResponse>> FindManyAsync(IUnitOfWork work, IReadOnlyList<long> ids)
    {
        var (connection, transaction) = Dialect.ConnectionOf(work);
        var rows = await connection.QueryAsync<TRow>(_findManySql, new { Ids = Dialect.IdsParameter(ids) }, transaction);
        return await CompleteAsync(connection, rows.AsList(), transaction);
    }

    public async Task<IReadOnlyList<TResponse>> ListAsync(SearchText? search, long afterId, int take, CancellationToken cancellationToken)
    {
        await using var connection = await Dialect.OpenForReadingAsync(cancellationToken);
        var match = Search.Match(search);
        var rows = await connection.QueryAsync<TRow>(new CommandDefinition(
            match is null ? _listSql : _searchSql, new { After = afterId, Take = take, Match = match }, cancellationToken: cancellationToken));
        return await CompleteAsync(connection, rows.AsList(), null);
    }

    public async Task SoftDeleteAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = Dialect.ConnectionOf(work);
        await connection.ExecuteAsync(_softDeleteSql, new { Id = id, work.Now }, transaction);
        await Search.ForgetAsync(connection, transaction, id);
    }

    private static string TableName(FullTextTable table) => table switch
    {
        FullTextTable.Organizations => "organizations",
        FullTextTable.Actors => "actors",
        FullTextTable.Sources => "sources",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a record table."),
    };
}
