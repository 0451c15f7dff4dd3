using Dapper;
using EventTracker.Api.Storage.Relational;
using EventTracker.Api.Values;
using Microsoft.Data.Sqlite;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>Units of work, failures, schema and backup of the SQLite store.</summary>
public sealed class SqliteStore(SqliteConnectionFactory connections, DatabaseMigrator migrator, TimeProvider clock, ChangeLogWriter changeLog, WriterTurns turns)
    : IStorage, IStoreFailures, IStoreSchema, IStoreBackup
{
    /// <summary>
    /// SQLite's page cache for a bulk writer's connection while it runs (the default is 8 MB), freed when it
    /// ends. A large import updates index pages all over the file; keeping them in memory was ~10 % faster
    /// at 100 000 events. More did not pay at a million events (512 MB: 2 512 events/s, 128 MB: 2 545).
    /// </summary>
    public const int BulkCacheMegabytes = 128;

    public async Task<IUnitOfWork> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var turn = await turns.TakeAsync(cancellationToken);
        PooledConnection? connection = null;
        try
        {
            connection = await connections.OpenAsync(cancellationToken);
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            return new SqliteUnitOfWork(connection, transaction, clock.Now(), ownsConnection: true, changeLog) { Turn = turn };
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            turn.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A bulk writer's connection reads through its page cache alone (no memory map: the pages it maps stay in the
    /// importing process's resident memory, 700 MB of it at a million events, and a writer gains nothing from them)
    /// and leaves its checkpoints to a <see cref="BulkCheckpointer"/>. Handed back, it is set up as before.
    /// </summary>
    public async Task<IBulkWriter> OpenBulkWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken);
        var defaultCache = connection.ExecuteScalar<long>("PRAGMA cache_size");
        connection.Execute(BulkWriterSetup.Pragmas(-BulkCacheMegabytes * 1024, memoryMapBytes: 0, autoCheckpointPages: 0));
        return new BulkWriter(connection, defaultCache, new BulkCheckpointer(connections), clock, changeLog);
    }

    private sealed class BulkWriter(
        PooledConnection connection, long defaultCache, BulkCheckpointer checkpointer, TimeProvider clock, ChangeLogWriter changeLog) : IBulkWriter
    {
        public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken)
        {
            await checkpointer.BeforeBatchAsync();
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            return new SqliteUnitOfWork(connection, transaction, clock.Now(), ownsConnection: false, changeLog) { AfterEnd = checkpointer.Committed };
        }

        public async ValueTask DisposeAsync()
        {
            // The connection goes back to the pool set up as the others: its cache shrinks back, the memory is freed.
            try
            {
                connection.Execute(BulkWriterSetup.Pragmas(
                    defaultCache, SqliteConnectionFactory.MemoryMapBytes, BulkWriterSetup.DefaultAutoCheckpointPages));
            }
            finally
            {
                await checkpointer.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }

    public bool IsInterruption(Exception exception) => exception is SqliteException sqlite && sqlite.IsInterruption();

    public bool IsRefusedWrite(Exception exception) => exception is SqliteException sqlite && !sqlite.IsInterruption();

    public bool IsUnavailable(Exception exception) => exception is SqliteException;

    public void Migrate() => migrator.Migrate();

    public async Task<(int Shipped, bool UpToDate)> StateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (DatabaseMigrator.EmbeddedScriptNames().Count, migrator.IsUpToDate());
    }

    public async Task<string?> BackupAsync(string target, CancellationToken cancellationToken)
    {
        if (File.Exists(target))
        {
            return $"{target} exists; VACUUM INTO writes only to a new file.";
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("VACUUM INTO @Target", new { Target = target }, cancellationToken: cancellationToken));
        return null;
    }
}
