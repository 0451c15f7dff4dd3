using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using EventTracker.Api.Common;
using EventTracker.Api.Storage.Relational;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>SQLite's side of the shared statements: kept connections, JSON id lists, no row locks (one writer at a time), FTS5 tables kept by hand.</summary>
public sealed class SqliteDialect(SqliteConnectionFactory connections) : IRelationalDialect
{
    private static readonly Dictionary<FullTextTable, IFullTextIndex> Indexes = new()
    {
        [FullTextTable.Organizations] = new Fts5Index("organizations_fts", ["names"]),
        [FullTextTable.Actors] = new Fts5Index("actors_fts", ["names"]),
        [FullTextTable.Sources] = new Fts5Index("sources_fts", ["title", "publisher"]),
    };

    public async Task<DbConnection> OpenAsync(
        CancellationToken cancellationToken, [CallerFilePath] string caller = "", [CallerMemberName] string operation = "") =>
        await connections.OpenAsync(cancellationToken, caller, operation);

    public async Task<DbConnection> OpenForReadingAsync(
        CancellationToken stopWhen, [CallerFilePath] string caller = "", [CallerMemberName] string operation = "") =>
        await connections.OpenForReadingAsync(stopWhen, caller, operation);

    public (IDbConnection Connection, IDbTransaction Transaction) ConnectionOf(IUnitOfWork work)
    {
        var sqlite = SqliteUnitOfWork.Of(work);
        return (sqlite.Connection, sqlite.Transaction);
    }

    public string IdsIn => "IN (SELECT value FROM json_each(@Ids))";

    public object IdsParameter(IReadOnlyCollection<long> ids) => JsonSerializer.Serialize(ids);

    // Dapper writes out a list parameter as one parameter per value.
    public string InList(string parameter) => "IN @" + parameter;

    public string LockForWrite(string tableAlias) => "";

    public string LockForShare(string tableAlias) => "";

    public IFullTextIndex FullText(FullTextTable table) => Indexes[table];

    /// <summary>An FTS5 table whose rowid is the record's id, kept by the store on every write.</summary>
    private sealed class Fts5Index(string table, string[] columns) : IFullTextIndex
    {
        private readonly string _insertSql =
            $"INSERT INTO {table} (rowid, {string.Join(", ", columns)}) VALUES (@Id, {string.Join(", ", columns.Select((_, i) => "@Text" + i))})";

        private readonly string _deleteSql = $"DELETE FROM {table} WHERE rowid = @Id";

        public string Matches(string tableAlias) => $"{tableAlias}.id IN (SELECT rowid FROM {table} WHERE {table} MATCH @Match)";

        public string? Match(SearchText? search) => FullTextQuery.From(search);

        public async Task IndexAsync(IDbConnection connection, IDbTransaction transaction, long id, params string?[] texts)
        {
            await ForgetAsync(connection, transaction, id);
            var parameters = new DynamicParameters(new { Id = id });
            for (var i = 0; i < texts.Length; i++)
            {
                parameters.Add("Text" + i, texts[i]);
            }

            await connection.ExecuteAsync(_insertSql, parameters, transaction);
        }

        public Task ForgetAsync(IDbConnection connection, IDbTransaction transaction, long id) =>
            connection.ExecuteAsync(_deleteSql, new { Id = id }, transaction);
    }
}
