using System.Data.Common;
using EventTracker.Api.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>A unit of work on SQLite: one pooled connection and its transaction, which holds the write lock.</summary>
public sealed class SqliteUnitOfWork(
    PooledConnection connection, SqliteTransaction transaction, string now, bool ownsConnection, ChangeLogWriter changeLog)
    : RelationalUnitOfWork(connection, transaction, now, ownsConnection, changeLog)
{
    public PooledConnection Connection { get; } = connection;

    public SqliteTransaction Transaction { get; } = transaction;

    /// <summary>The next id bulk inserts give a new row, per table; reserved ids are written in this unit of work or never.</summary>
    internal Dictionary<string, long> NextIds { get; } = new(StringComparer.Ordinal);

    /// <summary>This process's turn at writing (<see cref="WriterTurns"/>), given back when the unit of work is disposed; none for a bulk writer's units.</summary>
    internal IDisposable? Turn { get; init; }

    /// <summary>Runs once the unit of work has ended (a bulk writer's next checkpoint).</summary>
    internal Action? AfterEnd { get; init; }

    protected override void Ended()
    {
        Turn?.Dispose();
        AfterEnd?.Invoke();
    }

    /// <summary>The SQLite unit of work behind an <see cref="IUnitOfWork"/> a feature passed in.</summary>
    public static SqliteUnitOfWork Of(IUnitOfWork work) =>
        work as SqliteUnitOfWork ?? throw new ArgumentException($"A {work.GetType().Name} is not a SQLite unit of work.", nameof(work));

    protected override bool IsRefusal(DbException exception) => exception is SqliteException;

    /// <summary>Writers take turns on SQLite, so the change feed's positions follow the commits already.</summary>
    protected override Task BeforeChangeFeedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
