using System.Data;
using EventTracker.Api.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>A unit of work on SQLite: one pooled connection and its transaction, which holds the write lock.</summary>
public sealed class SqliteUnitOfWork(
    PooledConnection connection, SqliteTransaction transaction, string now, bool ownsConnection, ChangeLogWriter changeLog) : IUnitOfWork
{
    private const string Savepoint = "unit";

    public PooledConnection Connection { get; } = connection;

    public SqliteTransaction Transaction { get; } = transaction;

    public string Now { get; } = now;

    public ChangeLog Changes { get; } = new();

    /// <summary>The next id bulk inserts give a new row, per table; reserved ids are written in this unit of work or never.</summary>
    internal Dictionary<string, long> NextIds { get; } = new(StringComparer.Ordinal);

    /// <summary>The SQLite unit of work behind an <see cref="IUnitOfWork"/> a feature passed in.</summary>
    public static SqliteUnitOfWork Of(IUnitOfWork work) =>
        work as SqliteUnitOfWork ?? throw new ArgumentException($"A {work.GetType().Name} is not a SQLite unit of work.", nameof(work));

    public void Deconstruct(out IDbConnection connection, out IDbTransaction transaction) =>
        (connection, transaction) = (Connection, Transaction);

    public async Task InSavepointAsync(Func<Task> write)
    {
        Transaction.Save(Savepoint);
        try
        {
            await write();
            Transaction.Release(Savepoint);
        }
        catch (SqliteException)
        {
            Transaction.Rollback(Savepoint);
            Transaction.Release(Savepoint);
            throw;
        }
    }

    /// <summary>Writers take turns on SQLite, so the change feed's positions, taken here, follow the commits.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (!Changes.IsEmpty)
        {
            await changeLog.Documents.WriteAsync(Connection, Transaction, Changes);
        }

        await changeLog.WriteAsync(Connection, Transaction, Changes, Now);
        await Transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        if (ownsConnection)
        {
            await Connection.DisposeAsync();
        }
    }
}
