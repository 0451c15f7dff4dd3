using System.Data.Common;
using EventTracker.Api.Storage.Relational;
using Npgsql;

namespace EventTracker.Api.Storage.Postgres;

/// <summary>A unit of work on PostgreSQL: one connection from Npgsql's pool and its transaction (read committed).</summary>
public sealed class PostgresUnitOfWork(
    NpgsqlConnection connection, NpgsqlTransaction transaction, string now, bool ownsConnection, ChangeLogWriter changeLog)
    : RelationalUnitOfWork(connection, transaction, now, ownsConnection, changeLog)
{
    /// <summary>Held from the moment a write takes its change feed positions until its commit is visible.</summary>
    private const long ChangeFeedLock = 0x4576_656e_7446_6564; // "EventFed"

    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    /// <summary>Event ids this unit of work took from the sequence and has not used yet (bulk import takes them in blocks).</summary>
    internal Queue<long> ReservedEventIds { get; } = new();

    /// <summary>How many event ids the last block took; the next takes twice as many.</summary>
    internal int EventIdBlock { get; set; } = 1;

    /// <summary>The PostgreSQL unit of work behind an <see cref="IUnitOfWork"/> a feature passed in.</summary>
    public static PostgresUnitOfWork Of(IUnitOfWork work) =>
        work as PostgresUnitOfWork ?? throw new ArgumentException($"A {work.GetType().Name} is not a PostgreSQL unit of work.", nameof(work));

    // A failed connection is not a refused statement: there is no savepoint left to roll back to.
    protected override bool IsRefusal(DbException exception) => exception is PostgresException;

    /// <summary>
    /// Transactions here commit in any order, so positions taken earlier could become visible out of order and a
    /// follower could skip one. A write that changed records therefore takes the change feed's lock before it takes
    /// its positions; the lock is released only once the commit is visible. Whoever sees position p thus sees every
    /// position below it too. Only this tail of a write is serialised, not the write (the events' documents are
    /// written before it).
    /// </summary>
    protected override async Task BeforeChangeFeedAsync(CancellationToken cancellationToken)
    {
        await using var lockFeed = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@Lock)", Connection, Transaction);
        lockFeed.Parameters.AddWithValue("Lock", ChangeFeedLock);
        await lockFeed.ExecuteNonQueryAsync(cancellationToken);
    }
}
