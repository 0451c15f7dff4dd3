using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// What differs between the relational stores for the statements they share (Storage/Relational): how a
/// connection is had, how a list of ids and a JSON array of rows are passed, how a fixed write runs and a bulk
/// of rows is loaded, how ids are reserved, how a row is locked for the write that read it, how the data
/// version is read and how full-text search is kept and asked. Everything else in those statements is SQL
/// both dialects speak.
/// </summary>
public interface IRelationalDialect
{
    /// <summary>A connection for one operation, which the caller's file and member name in metrics and traces.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken, [CallerFilePath] string caller = "", [CallerMemberName] string operation = "");

    /// <summary>A connection for a read whose statement is stopped when <paramref name="stopWhen"/> is cancelled.</summary>
    Task<DbConnection> OpenForReadingAsync(CancellationToken stopWhen, [CallerFilePath] string caller = "", [CallerMemberName] string operation = "");

    /// <summary>The connection and transaction of a unit of work of this provider.</summary>
    (IDbConnection Connection, IDbTransaction Transaction) ConnectionOf(IUnitOfWork work);

    /// <summary>The condition that follows a column to test it against the ids in <c>@Ids</c>, e.g. <c>= ANY(@Ids)</c>.</summary>
    string IdsIn { get; }

    /// <summary>The value of <c>@Ids</c> for <see cref="IdsIn"/>.</summary>
    object IdsParameter(IReadOnlyCollection<long> ids);

    /// <summary>The condition that follows a column to test it against a list parameter, e.g. <c>IN @Types</c> or <c>= ANY(@Types)</c>.</summary>
    string InList(string parameter);

    /// <summary>
    /// What a select that reads the row (alias <paramref name="tableAlias"/>) a write will change ends with, to hold it
    /// until commit: empty where the store serialises writes anyway.
    /// </summary>
    string LockForWrite(string tableAlias);

    /// <summary>What a select of rows that a write refers to ends with, so that none is deleted before it commits.</summary>
    string LockForShare(string tableAlias);

    /// <summary>Full-text search over one table's names or titles.</summary>
    IFullTextIndex FullText(FullTextTable table);

    /// <summary>Full-text search over events' titles, summaries and quotes.</summary>
    IEventTextIndex EventText { get; }

    /// <summary>Whether several reads of one answer go to the store as one batch (a round trip saved) rather than one after another.</summary>
    bool ReadsInOneBatch { get; }

    /// <summary>
    /// The rows of the JSON array parameter <paramref name="parameter"/> (objects whose properties are named after
    /// <paramref name="columns"/>) as a table <paramref name="rowsAlias"/> with those columns, typed, for a FROM clause.
    /// </summary>
    string JsonRows(string parameter, string rowsAlias, IReadOnlyList<RowColumn> columns);

    /// <summary>Runs a fixed write inside the unit of work; values come in the statement's parameter order.</summary>
    Task ExecuteAsync(IUnitOfWork work, WriteStatement statement, params (string Name, object? Value)[] values);

    /// <summary>Inserts many rows (values in the table's column order) in as few round trips as the store allows.</summary>
    Task BulkInsertAsync(IUnitOfWork work, RowTable table, IEnumerable<object?[]> rows);

    /// <summary>
    /// An id for a new event that the unit of work writes itself; <paramref name="manyToCome"/> when it will ask for
    /// many more (a bulk write), so that the store may hand them out in blocks.
    /// </summary>
    Task<long> ReserveEventIdAsync(IUnitOfWork work, bool manyToCome);

    /// <summary>
    /// The writes before and after an insert of new events' parts that hold off, inside the unit of work only, the part
    /// triggers that serve later changes (<see cref="NewEventParts"/> counts the new events after, in one statement).
    /// </summary>
    (WriteStatement Begin, WriteStatement End) NewEventRows { get; }

    /// <summary>The days from 1970-01-01 to an ISO date column, as an integer.</summary>
    string DaysSince1970(string isoDateColumn);

    /// <summary>
    /// Whether the store merges a UNION ALL of arms that each read an index in the wanted order and stops at the outer
    /// LIMIT (SQLite: no sort at all); otherwise (PostgreSQL appends the arms and sorts them) each arm takes the LIMIT too.
    /// </summary>
    bool MergesOrderedArms { get; }

    /// <summary>The list parameter @Ids as a table <paramref name="tableAlias"/> of (value: the id, position: its place in the list).</summary>
    string IdsWithPosition(string tableAlias);

    /// <summary>A text expression as its UTF-8 bytes, read without a decode and encode on the way.</summary>
    string Utf8Bytes(string textExpression);

    /// <summary>The query of the data version (a number that moves with every committed change).</summary>
    string DataVersionSql { get; }
}

/// <summary>The texts each searchable table is searched by.</summary>
public enum FullTextTable
{
    Organizations,
    Actors,
    Sources,
}

/// <summary>One table's full-text search: how a search is asked and, where the store does not keep it itself, how it is kept.</summary>
public interface IFullTextIndex
{
    /// <summary>A condition on the row (alias <paramref name="tableAlias"/>) that holds when it matches <c>@Match</c>.</summary>
    string Matches(string tableAlias);

    /// <summary>The value of <c>@Match</c> for the search words.</summary>
    string? Match(SearchText? search);

    /// <summary>Indexes (again) the texts of row <paramref name="id"/>.</summary>
    Task IndexAsync(IDbConnection connection, IDbTransaction transaction, long id, params string?[] texts);

    /// <summary>Takes row <paramref name="id"/> out of the index (it was deleted).</summary>
    Task ForgetAsync(IDbConnection connection, IDbTransaction transaction, long id);
}

/// <summary>
/// How events' titles, summaries and quotes are searched: a column of the event's own row that the row's writes set
/// (PostgreSQL's tsvector), or a table of its own written beside the row (SQLite's FTS5).
/// </summary>
public interface IEventTextIndex
{
    /// <summary>Columns of <c>events</c> an insert or update of the row also sets, each preceded by a comma (or empty).</summary>
    string RowColumns { get; }

    /// <summary>The values of <see cref="RowColumns"/> from the event's JSON row <paramref name="rowsAlias"/> (with <see cref="EventTables.Searched"/>).</summary>
    string RowValues(string rowsAlias);

    /// <summary>Writes the index from the events' JSON rows <c>@Rows</c> after their rows are written, or null when the row carries it.</summary>
    WriteStatement? Index { get; }

    /// <summary>Takes event <c>@Id</c> out of the index before it is written again or deleted, or null when the row carries it.</summary>
    WriteStatement? Forget { get; }

    /// <summary>
    /// A condition on event <paramref name="rowsAlias"/> that holds when its title, summary or quotes match <c>@Match</c>;
    /// <paramref name="matchIsCommon"/> when the words match so many events that walking the date index beats looking every match up.
    /// </summary>
    string Matches(string rowsAlias, bool matchIsCommon);

    /// <summary>The value of <c>@Match</c> for <see cref="Matches"/>.</summary>
    string? Match(SearchText? search);

    /// <summary>A condition on event <paramref name="rowsAlias"/> that holds when its title matches <c>@Match</c>.</summary>
    string TitleMatches(string rowsAlias);

    /// <summary>The value of <c>@Match</c> for <see cref="TitleMatches"/>.</summary>
    string? TitleMatch(SearchText? search);
}
