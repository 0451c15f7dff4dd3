using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Dapper;
using EventTracker.Api.Storage.Relational;
using EventTracker.Api.Values;
using Npgsql;
using NpgsqlTypes;

namespace EventTracker.Api.Storage.Postgres;

/// <summary>
/// PostgreSQL's side of the shared statements: Npgsql's pool, id lists as arrays, JSON rows read with
/// <c>jsonb_to_recordset</c>, bulk rows by binary COPY, ids from the identity sequence, rows locked by the write
/// that read them (several writers commit at once here), and tsvector columns.
/// </summary>
public sealed partial class PostgresDialect(NpgsqlDataSource dataSource, DatabaseOperations operations) : IRelationalDialect
{
    private const int EventIdBlock = 1000;

    private const string NextEventIdsSql = "SELECT nextval(pg_get_serial_sequence('events', 'id')) FROM generate_series(1, @Count) ORDER BY 1";

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

    public string IdsWithPosition(string tableAlias) => $"unnest(@Ids) WITH ORDINALITY AS {tableAlias} (value, position)";

    // Npgsql passes a list as one array parameter.
    public string InList(string parameter) => $"= ANY(@{parameter})";

    public string LockForWrite(string tableAlias) => "FOR UPDATE OF " + tableAlias;

    public string LockForShare(string tableAlias) => "FOR SHARE OF " + tableAlias;

    public IFullTextIndex FullText(FullTextTable table) => SearchColumn;

    public IEventTextIndex EventText { get; } = new EventSearchColumn();

    // The reads of one answer in one round trip.
    public bool ReadsInOneBatch => true;

    public string DaysSince1970(string isoDateColumn) => $"({isoDateColumn}::date - DATE '1970-01-01')";

    // PostgreSQL appends the arms of a UNION ALL and sorts them: each arm takes the LIMIT too.
    public bool MergesOrderedArms => false;

    public string Utf8Bytes(string textExpression) => $"convert_to({textExpression}, 'UTF8')";

    /// <summary>The sum of the spread counter of migration 0003: writers on different connections never wait on one row.</summary>
    public string DataVersionSql => "SELECT sum(value)::bigint FROM data_version";

    public string JsonRows(string parameter, string rowsAlias, IReadOnlyList<RowColumn> columns) =>
        $"jsonb_to_recordset({parameter}::jsonb) AS {rowsAlias}({string.Join(", ", columns.Select(c => c.Name + " " + SqlType(c.Type)))})";

    public async Task ExecuteAsync(IUnitOfWork work, WriteStatement statement, params (string Name, object? Value)[] values)
    {
        statement.CheckValues(values);
        var postgres = PostgresUnitOfWork.Of(work);
        await using var command = new NpgsqlCommand(statement.Sql, postgres.Connection, postgres.Transaction);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name[1..], value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async Task BulkInsertAsync(IUnitOfWork work, RowTable table, IEnumerable<object?[]> rows)
    {
        var postgres = PostgresUnitOfWork.Of(work);
        await using var importer = await postgres.Connection.BeginBinaryImportAsync($"COPY {table.Name} ({table.ColumnList()}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            for (var i = 0; i < row.Length; i++)
            {
                await (row[i] is null ? importer.WriteNullAsync() : importer.WriteAsync(row[i], CopyType(table.Columns[i].Type)));
            }
        }

        await importer.CompleteAsync();
    }

    /// <summary>
    /// A transaction-local setting holds the part triggers off (migration 0012), which a rollback to a savepoint takes
    /// back too; the writer takes the counts' lock first, as the trigger would (migration 0010).
    /// </summary>
    public (WriteStatement Begin, WriteStatement End) NewEventRows { get; } = (
        new WriteStatement("SELECT set_config('eventtracker.new_event_rows', 'on', true), pg_advisory_xact_lock(5001810357618257011)"),
        new WriteStatement("SELECT set_config('eventtracker.new_event_rows', 'off', true)"));

    /// <summary>
    /// A bulk write takes ids in blocks, one round trip each, that double from 2 up to <see cref="EventIdBlock"/> as it
    /// keeps asking: an import of a few events takes a few ids, a large one a thousand at a time. Ids it does not use
    /// are gaps, as any rolled-back insert leaves in a sequence.
    /// </summary>
    public async Task<long> ReserveEventIdAsync(IUnitOfWork work, bool manyToCome)
    {
        var postgres = PostgresUnitOfWork.Of(work);
        if (!manyToCome)
        {
            return await postgres.Connection.ExecuteScalarAsync<long>(NextEventIdsSql, new { Count = 1 }, postgres.Transaction);
        }

        if (postgres.ReservedEventIds.Count == 0)
        {
            postgres.EventIdBlock = Math.Min(EventIdBlock, postgres.EventIdBlock * 2);
            foreach (var id in await postgres.Connection.QueryAsync<long>(NextEventIdsSql, new { Count = postgres.EventIdBlock }, postgres.Transaction))
            {
                postgres.ReservedEventIds.Enqueue(id);
            }
        }

        return postgres.ReservedEventIds.Dequeue();
    }

    private static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Whole => "bigint",
        ColumnType.Real => "double precision",
        ColumnType.Text => "text",
        _ => throw new UnreachableException($"No PostgreSQL type for {type}."),
    };

    private static NpgsqlDbType CopyType(ColumnType type) => type switch
    {
        ColumnType.Whole => NpgsqlDbType.Bigint,
        ColumnType.Real => NpgsqlDbType.Double,
        ColumnType.Text => NpgsqlDbType.Text,
        _ => throw new UnreachableException($"No PostgreSQL type for {type}."),
    };

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
/// Events' <c>search</c> tsvector (title, summary and quotes), set by the row's own insert and update from its JSON row,
/// and the generated <c>title_search</c> for searches of titles.
/// </summary>
internal sealed class EventSearchColumn : IEventTextIndex
{
    public string RowColumns => ", search";

    public string RowValues(string rowsAlias) =>
        $", to_tsvector('simple', {rowsAlias}.title || ' ' || coalesce({rowsAlias}.summary, '') || ' ' || coalesce({rowsAlias}.quotes, ''))";

    public WriteStatement? Index => null;

    public WriteStatement? Forget => null;

    public string Matches(string rowsAlias, bool matchIsCommon) => $"{rowsAlias}.search @@ to_tsquery('simple', @Match)";

    public string? Match(SearchText? search) => TsQuery.From(search);

    public string TitleMatches(string rowsAlias) => $"{rowsAlias}.title_search @@ to_tsquery('simple', @Match)";

    public string? TitleMatch(SearchText? search) => TsQuery.From(search);
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
