using System.Data;
using Npgsql;

namespace EventTracker.Api.Storage.Postgres;

/// <summary>A unit of work on PostgreSQL: one connection from Npgsql's pool and its transaction (read committed).</summary>
public sealed class PostgresUnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, string now, bool ownsConnection) : IUnitOfWork
{
    private int _savepoints;

    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    public string Now { get; } = now;

    /// <summary>Event ids this unit of work took from the sequence and has not used yet (bulk import takes them in blocks).</summary>
    internal Queue<long> ReservedEventIds { get; } = new();

    /// <summary>How many event ids the last block took; the next takes twice as many.</summary>
    internal int EventIdBlock { get; set; } = 1;

    /// <summary>The PostgreSQL unit of work behind an <see cref="IUnitOfWork"/> a feature passed in.</summary>
    public static PostgresUnitOfWork Of(IUnitOfWork work) =>
        work as PostgresUnitOfWork ?? throw new ArgumentException($"A {work.GetType().Name} is not a PostgreSQL unit of work.", nameof(work));

    public void Deconstruct(out IDbConnection connection, out IDbTransaction transaction) =>
        (connection, transaction) = (Connection, Transaction);

    public async Task InSavepointAsync(Func<Task> write)
    {
        var name = "unit" + ++_savepoints;
        await Transaction.SaveAsync(name);
        try
        {
            await write();
            await Transaction.ReleaseAsync(name);
        }
        catch (PostgresException)
        {
            await Transaction.RollbackAsync(name);
            throw;
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        if (ownsConnection)
        {
            await Connection.DisposeAsync();
        }
    }
}
