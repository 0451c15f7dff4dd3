using System.Data;
using System.Data.Common;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// A unit of work on a relational store: one connection and its transaction. Its commit is where every write ends:
/// the events' stored documents are brought in step, the change feed gets its rows, then the transaction commits.
/// A provider adds what only it has (how its writes are ordered for the change feed, how it hands out ids).
/// </summary>
public abstract class RelationalUnitOfWork(DbConnection connection, DbTransaction transaction, string now, bool ownsConnection, ChangeLogWriter changeLog)
    : IUnitOfWork
{
    private int _savepoints;

    public string Now { get; } = now;

    public ChangeLog Changes { get; } = new();

    public EventDocumentWrites Documents { get; } = new();

    public void Deconstruct(out IDbConnection connection, out IDbTransaction transaction) =>
        (connection, transaction) = (ConnectionOf, TransactionOf);

    private DbConnection ConnectionOf => connection;

    private DbTransaction TransactionOf => transaction;

    public async Task InSavepointAsync(Func<Task> write)
    {
        var name = "unit" + ++_savepoints;
        await transaction.SaveAsync(name);
        try
        {
            await write();
            await transaction.ReleaseAsync(name);
        }
        catch (DbException exception) when (IsRefusal(exception))
        {
            await transaction.RollbackAsync(name);
            await transaction.ReleaseAsync(name);
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (!Changes.IsEmpty)
        {
            await changeLog.Documents.WriteAsync(connection, transaction, Documents, Changes);
            await BeforeChangeFeedAsync(cancellationToken);
            await changeLog.WriteAsync(connection, transaction, Changes, Now);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
            if (ownsConnection)
            {
                await connection.DisposeAsync();
            }
        }
        finally
        {
            Ended();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Runs once the transaction and connection are given back (a provider's own bookkeeping of writers).</summary>
    protected virtual void Ended()
    {
    }

    /// <summary>Whether the store refused a statement (its changes undone up to the savepoint), rather than failed the connection.</summary>
    protected abstract bool IsRefusal(DbException exception);

    /// <summary>
    /// Runs just before the change feed's positions are taken; they must become visible in the order they are taken
    /// (design: a follower never skips a position).
    /// </summary>
    protected abstract Task BeforeChangeFeedAsync(CancellationToken cancellationToken);
}
