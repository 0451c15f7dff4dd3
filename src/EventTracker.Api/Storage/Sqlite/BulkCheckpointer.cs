using Dapper;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// Folds a bulk writer's commits from the WAL into the database file on a connection of its own, beside the import,
/// instead of in the committing connection. Left to SQLite, the connection that commits past the WAL's threshold
/// (1 000 pages) checkpoints the whole WAL before its commit returns: at a million events that was 42 s of a 275 s
/// import, each batch's ~100 MB of pages written again at random places of the file and synced, while the import
/// waited. Here the checkpoint of one batch runs while the next is planned and inserted.
/// </summary>
/// <remarks>
/// SQLite starts the WAL from its beginning again only when a write transaction begins after everything in it was
/// checkpointed; as long as a checkpoint runs beside the writer that is never the case, and the WAL grows. So once it
/// holds more than <see cref="RestartFrames"/>, the next batch waits for the checkpoint under way before it begins,
/// and its commit writes the WAL from the start. The import's connection has its automatic checkpoints turned off
/// while it writes, and back on when it is handed back; the last checkpoint is awaited before the import answers.
/// </remarks>
internal sealed class BulkCheckpointer(SqliteConnectionFactory connections) : IAsyncDisposable
{
    /// <summary>How many WAL frames (pages) a batch may find unfolded and still begin without waiting: about 256 MB.</summary>
    public const long RestartFrames = 64 * 1024;

    private readonly Lock _lock = new();
    private Task _checkpoint = Task.CompletedTask;
    private long _framesInWal;

    /// <summary>A batch committed: its pages are folded in after whatever checkpoint is under way.</summary>
    public void Committed()
    {
        lock (_lock)
        {
            var previous = _checkpoint;
            _checkpoint = Task.Run(async () =>
            {
                await previous;
                Checkpoint();
            }, CancellationToken.None);
        }
    }

    /// <summary>
    /// Before a batch begins: when the last checkpoint found more than <see cref="RestartFrames"/> in the WAL, waits for
    /// the one under way, so that this batch's commit writes the WAL from its beginning.
    /// </summary>
    public async Task BeforeBatchAsync()
    {
        Task checkpoint;
        lock (_lock)
        {
            if (Interlocked.Read(ref _framesInWal) <= RestartFrames)
            {
                return;
            }

            checkpoint = _checkpoint;
        }

        await checkpoint;
        Interlocked.Exchange(ref _framesInWal, 0);
    }

    // A checkpoint that fails leaves the pages in the WAL, where readers find them: the import goes on, and the next one folds them in.
    private void Checkpoint()
    {
        try
        {
            using var connection = connections.Open();
            var (_, frames, _) = connection.QuerySingle<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(PASSIVE)");
            if (frames >= 0)
            {
                Interlocked.Exchange(ref _framesInWal, frames);
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task checkpoint;
        lock (_lock)
        {
            checkpoint = _checkpoint;
        }

        await checkpoint;
    }
}
