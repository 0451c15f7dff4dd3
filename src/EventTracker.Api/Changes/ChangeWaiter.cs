using EventTracker.Api.Observability;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Changes;

/// <summary>
/// Long polls of the change feed wait here, holding no database connection: while anyone waits, one loop per
/// instance asks the store for the latest position a few times a second (a write on any instance, or by the
/// import command, shows there) and wakes the waiters it has passed.
/// </summary>
public sealed partial class ChangeWaiter(
    IChangeFeedStore store, IOptions<LongPollOptions> options, EventTrackerMetrics metrics, ILogger<ChangeWaiter> logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private readonly List<(long After, TaskCompletionSource Woken)> _waiting = [];
    private readonly Dictionary<string, int> _heldPerClient = new(StringComparer.Ordinal);
    private int _held;
    private bool _polling;

    /// <summary>
    /// A place for one client's long poll, or null when this instance already holds its cap of waiters or the client its
    /// own: that poll is answered at once instead of held. Dispose the place when the poll is answered.
    /// </summary>
    public IDisposable? TryHold(string client)
    {
        var limits = options.Value;
        lock (_gate)
        {
            var ofClient = _heldPerClient.GetValueOrDefault(client);
            if (_held >= limits.MaxPerInstance || ofClient >= limits.MaxPerClient)
            {
                metrics.LongPollRefused();
                return null;
            }

            _held++;
            _heldPerClient[client] = ofClient + 1;
        }

        metrics.LongPollHeld();
        return new HeldPlace(this, client);
    }

    private void Release(string client)
    {
        lock (_gate)
        {
            _held--;
            if (--_heldPerClient[client] == 0)
            {
                _heldPerClient.Remove(client);
            }
        }

        metrics.LongPollReleased();    }

    private sealed class HeldPlace(ChangeWaiter waiter, string client) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                waiter.Release(client);
            }
        }
    }

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
                metrics.ChangeFeedPosition(latest);
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

/// <summary>The <c>LongPolls</c> configuration section: how many change-feed long polls may be held at once.</summary>
public sealed class LongPollOptions
{
    public const string Section = "LongPolls";

    /// <summary>Long polls held by one instance at once; more are answered at once with an empty page.</summary>
    public int MaxPerInstance { get; set; } = 1000;

    /// <summary>Long polls held for one client (API key, else address) at once; more are answered at once.</summary>
    public int MaxPerClient { get; set; } = 20;
}
