using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using EventTracker.Api.Common;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// What differs between the relational stores for the statements they share (Storage/Relational): how a
/// connection is had, how a list of ids is passed, how a row is locked for the write that read it, and
/// how full-text search is kept and asked. Everything else in those statements is SQL both dialects speak.
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
