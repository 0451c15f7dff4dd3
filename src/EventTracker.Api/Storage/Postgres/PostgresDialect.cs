using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using EventTracker.Api.Common;
using EventTracker.Api.Storage.Relational;
using Npgsql;

namespace EventTracker.Api.Storage.Postgres;

/// <summary>
/// PostgreSQL's side of the shared statements: Npgsql's pool, id lists as arrays, rows locked by the write
/// that read them (several writers commit at once here), and tsvector columns kept by the database itself.
/// </summary>
public sealed class PostgresDialect(NpgsqlDataSource dataSource, DatabaseOperations operations) : IRelationalDialect
{
    private static readonly IFullTextIndex SearchColumn = new GeneratedTsVector();

    public async Task<DbConnection> OpenAsync(
        CancellationToken cancellationToken, [CallerFilePath] string caller = "", [CallerMemberName] string operation = "") =>
        await dataSource.OpenTimedAsync(operations, cancellationToken, caller, operation);

    // Npgsql cancels a running statement on the server when the token passed with it is cancelled.
    public async Task<DbConnection> OpenForReadingAsync(
        CancellationToken stopWhen, [CallerFilePath] string caller = "", [CallerMemberName] string operation = "") =>
        await dataSource.OpenTimedAsync(operations, stopWhen, caller, operation);

    public (IDbConnection Connection, IDbTransaction Transaction) ConnectionOf(IUnitOfWork work)
    {
        var postgres = PostgresUnitOfWork.Of(work);
        return (postgres.Connection, postgres.Transaction);
    }

    public string IdsIn => "= ANY(@Ids)";

    public object IdsParameter(IReadOnlyCollection<long> ids) => ids.ToArray();

    // Npgsql passes a list as one array parameter.
    public string InList(string parameter) => $"= ANY(@{parameter})";

    public string LockForWrite(string tableAlias) => "FOR UPDATE OF " + tableAlias;

    public string LockForShare(string tableAlias) => "FOR SHARE OF " + tableAlias;

    public IFullTextIndex FullText(FullTextTable table) => SearchColumn;

    /// <summary>
    /// The row's <c>search</c> tsvector ('simple' configuration, GIN-indexed), a generated column kept by PostgreSQL from
    /// the same texts SQLite's FTS5 tables get (migration 0004). A deleted row keeps it: every search also asks for live rows.
    /// </summary>
    private sealed class GeneratedTsVector : IFullTextIndex
    {
        public string Matches(string tableAlias) => $"{tableAlias}.search @@ to_tsquery('simple', @Match)";

        public string? Match(SearchText? search) => TsQuery.From(search);

        public Task IndexAsync(IDbConnection connection, IDbTransaction transaction, long id, params string?[] texts) => Task.CompletedTask;

        public Task ForgetAsync(IDbConnection connection, IDbTransaction transaction, long id) => Task.CompletedTask;
    }
}

/// <summary>
/// Search words as a tsquery: each word quoted (so tsquery operators in it are literal text) and matched as
/// a prefix (<c>:*</c>); all words must match (<c>&amp;</c>).
/// </summary>
public static class TsQuery
{
    public static string? From(SearchText? search) =>
        search is null
            ? null
            : string.Join(" & ", search.Words.Select(word =>
                "'" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "':*"));
}
