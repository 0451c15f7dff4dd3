namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// The order in which this process's writers take SQLite's one write lock: first come, first served, waiting without
/// holding a thread. Left to SQLite, a writer that finds the lock taken sleeps on a thread and tries again after a
/// growing pause (up to 100 ms), so under eight concurrent writers some lost every retry for over a second while later
/// ones went first. Another process's writer (the import command, a backup) still meets the busy timeout.
/// </summary>
public sealed class WriterTurns : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this process's earlier writers; the turn is given back by disposing the result.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _given;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _given, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
