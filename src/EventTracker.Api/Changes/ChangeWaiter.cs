namespace EventTracker.Api.Changes;

/// <summary>
/// Long polls of the change feed wait here, holding no database connection: while anyone waits, one loop per
/// instance asks the store for the latest position a few times a second (a write on any instance, or by the
/// import command, shows there) and wakes the waiters it has passed.
/// </summary>
public sealed partial class ChangeWaiter(IChangeFeedStore store, ILogger<ChangeWaiter> logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private readonly List<(long After, TaskCompletionSource Woken)> _waiting = [];
    private bool _polling;

    /// <summary>Waits until a change after <paramref name="after"/> is visible (true) or <paramref name="timeout"/> passes (false).</summary>
    public async Task<bool> WaitAsync(long after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = (after, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _waiting.Add(waiter);
            if (!_polling)
            {
                _polling = true;
                _ = Task.Run(PollAsync, CancellationToken.None);
            }
        }

        try
        {
            await waiter.Item2.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            lock (_gate)
            {
                _waiting.Remove(waiter);
            }
        }
    }

    private async Task PollAsync()
    {
        while (true)
        {
            await Task.Delay(PollInterval);
            List<(long After, TaskCompletionSource Woken)> waiting;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _polling = false;
                    return;
                }

                waiting = [.. _waiting];
            }

            try
            {
                var latest = await store.LatestPositionAsync(CancellationToken.None);
                foreach (var (after, woken) in waiting.Where(w => latest > w.After))
                {
                    woken.TrySetResult();
                }
            }
            catch (Exception exception)
            {
                // The store is away for a moment: waiters time out as usual, or are woken once it is back.
                LogPollFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the change feed's latest position failed")]
    private partial void LogPollFailed(Exception exception);
}
