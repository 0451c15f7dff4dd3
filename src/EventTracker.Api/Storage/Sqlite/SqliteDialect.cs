using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using EventTracker.Api.Storage.Relational;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// SQLite's side of the shared statements: kept connections and prepared writes, JSON id lists and rows read with
/// <c>json_each</c>, ids after the highest (one writer at a time, so no row locks either), FTS5 tables kept by hand.
/// </summary>
public sealed class SqliteDialect(SqliteConnectionFactory connections) : IRelationalDialect
{
    /// <summary>
    /// The id after the highest: a unit of work holds the database's write lock, so no other writer can take
    /// it, and soft deletes keep every row, so ids are never reused.
    /// </summary>
    private static readonly KeptStatement FirstFreeEventId = new("SELECT COALESCE(MAX(id), 0) + 1 FROM events");

    private readonly ConcurrentDictionary<WriteStatement, KeptStatement> _kept = new();
    private readonly ConcurrentDictionary<RowTable, WriteStatement> _rowInserts = new();

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

    public string IdsWithPosition(string tableAlias) => $"(SELECT value, key AS position FROM json_each(@Ids)) {tableAlias}";

    // Dapper writes out a list parameter as one parameter per value.
    public string InList(string parameter) => "IN @" + parameter;

    public string LockForWrite(string tableAlias) => "";

    public string LockForShare(string tableAlias) => "";

    public IFullTextIndex FullText(FullTextTable table) => Indexes[table];

    public IEventTextIndex EventText { get; } = new Fts5EventIndex();

    // In process, a statement after another costs no round trip; each is kept prepared on its connection.
    public bool ReadsInOneBatch => false;

    public string DaysSince1970(string isoDateColumn) => $"unixepoch({isoDateColumn}) / 86400";

    public bool MergesOrderedArms => true;

    // Microsoft.Data.Sqlite reads a text column as its UTF-8 bytes when asked for bytes.
    public string Utf8Bytes(string textExpression) => textExpression;

    public string DataVersionSql => "SELECT value FROM data_version WHERE id = 1";

    public string JsonRows(string parameter, string rowsAlias, IReadOnlyList<RowColumn> columns) =>
        $"(SELECT {string.Join(", ", columns.Select(c => $"value ->> '{c.Name}' AS {c.Name}"))} FROM json_each({parameter})) AS {rowsAlias}";

    public Task ExecuteAsync(IUnitOfWork work, WriteStatement statement, params (string Name, object? Value)[] values)
    {
        var (connection, transaction) = SqliteUnitOfWork.Of(work);
        _kept.GetOrAdd(statement, s => new KeptStatement(s)).Execute(connection, transaction, values);
        return Task.CompletedTask;
    }

    // One kept statement, run per row: in-process SQLite, a row costs microseconds either way.
    public async Task BulkInsertAsync(IUnitOfWork work, RowTable table, IEnumerable<object?[]> rows)
    {
        var insert = _rowInserts.GetOrAdd(table, t => new WriteStatement(
            $"INSERT INTO {t.Name} ({t.ColumnList()}) VALUES ({string.Join(", ", t.Columns.Select(c => "@" + c.Name))})"));
        var names = table.Columns.Select(c => "@" + c.Name).ToArray();
        foreach (var row in rows)
        {
            await ExecuteAsync(work, insert, names.Zip(row, (name, value) => (name, value)).ToArray());
        }
    }

    /// <summary>
    /// A row of <c>new_event_rows</c> holds the part triggers off (migration 0012), written and removed inside the
    /// writer's transaction: no other connection sees it, and a rollback removes it.
    /// </summary>
    public (WriteStatement Begin, WriteStatement End) NewEventRows { get; } = (
        new WriteStatement("INSERT INTO new_event_rows (id) VALUES (1)"),
        new WriteStatement("DELETE FROM new_event_rows"));

    public Task<long> ReserveEventIdAsync(IUnitOfWork work, bool manyToCome)
    {
        var sqlite = SqliteUnitOfWork.Of(work);
        if (!sqlite.NextIds.TryGetValue("events", out var id))
        {
            id = (long)FirstFreeEventId.ExecuteScalar(sqlite.Connection, sqlite.Transaction)!;
        }

        sqlite.NextIds["events"] = id + 1;
        return Task.FromResult(id);
    }

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

    /// <summary>Events' FTS5 table (title, summary, quotes) whose rowid is the event's id, written beside the event's row.</summary>
    private sealed class Fts5EventIndex : IEventTextIndex
    {
        public string RowColumns => "";

        public string RowValues(string rowsAlias) => "";

        public WriteStatement? Index { get; } = new($"""
            INSERT INTO events_fts (rowid, title, summary, quotes)
            SELECT value ->> 'id', value ->> 'title', value ->> 'summary', value ->> 'quotes' FROM json_each(@Rows);
            {DatedSearch.IndexSql}
            """);

        public WriteStatement? Forget { get; } = new($"DELETE FROM events_fts WHERE rowid = @Id; {DatedSearch.ForgetSql}");

        // A "+" keeps SQLite from driving the page by the matches' ids when they are many.
        public string Matches(string rowsAlias, bool matchIsCommon) =>
            (matchIsCommon ? "+" : "") + $"{rowsAlias}.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH @Match)";

        public string? Match(SearchText? search) => FullTextQuery.From(search);

        public string TitleMatches(string rowsAlias) => $"{rowsAlias}.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH @Match)";

        public string? TitleMatch(SearchText? search) => FullTextQuery.From(search) is { } match ? $"title : ({match})" : null;
    }
}
