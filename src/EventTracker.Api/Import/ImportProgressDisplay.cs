using System.Diagnostics;
using System.Globalization;

namespace EventTracker.Api.Import;

/// <summary>
/// The <c>import</c> command's progress on standard error (standard output carries only the report): on a terminal a bar
/// redrawn in place, otherwise — a log file, a pipe, CI — a plain line every <see cref="PlainInterval"/>. The share done
/// is the file's bytes read against its size (lines have no count until the end); the estimate to the end assumes the
/// rest goes at the pace so far.
/// </summary>
public sealed class ImportProgressDisplay : IAsyncDisposable
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(250);
    private const int BarWidth = 30;

    private readonly ImportProgress _progress;
    private readonly Func<long> _bytesRead;
    private readonly long _totalBytes;
    private readonly TextWriter _output;
    private readonly bool _terminal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ImportProgressDisplay(ImportProgress progress, Func<long> bytesRead, long totalBytes, TextWriter output, bool terminal, TimeSpan? interval = null)
    {
        _progress = progress;
        _bytesRead = bytesRead;
        _totalBytes = totalBytes;
        _output = output;
        _terminal = terminal;
        _loop = LoopAsync(interval ?? (terminal ? TerminalInterval : PlainInterval));
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Show(done: false);
            }
        }
        catch (OperationCanceledException)
        {
            // The import ended; DisposeAsync shows the last state.
        }
    }

    private void Show(bool done)
    {
        var elapsed = _clock.Elapsed;
        var bytes = done ? _totalBytes : Math.Min(_bytesRead(), _totalBytes);
        var share = _totalBytes == 0 ? 1.0 : (double)bytes / _totalBytes;
        var eventsPerSecond = elapsed.TotalSeconds > 0 ? _progress.EventsWritten / elapsed.TotalSeconds : 0;
        var left = share > 0 && !done ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - share) / share) : TimeSpan.Zero;
        var lines = _progress.LinesRead;
        var end = done
            ? string.Create(CultureInfo.InvariantCulture, $"done, {_progress.Failed} failed")
            : $"about {Clock(left)} left";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{share * 100,3:F0}% {lines:N0} lines, {eventsPerSecond:N0} events/s, {Clock(elapsed)} elapsed, {end}");
        if (_terminal)
        {
            var filled = (int)Math.Round(share * BarWidth);
            _output.Write($"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {text}\u001b[K");
            if (done)
            {
                _output.WriteLine();
            }
        }
        else
        {
            _output.WriteLine("import: " + text);
        }

        _output.Flush();
    }

    private static string Clock(TimeSpan time) =>
        time.TotalHours >= 1 ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : time.ToString(@"mm\:ss", CultureInfo.InvariantCulture);

    /// <summary>Stops the updates and shows the final state.</summary>
    public async Task FinishAsync()
    {
        await StopAsync();
        Show(done: true);
    }

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _loop;
        }
    }

    /// <summary>Stops the updates; after a failure the bar is left as it was, on a line of its own.</summary>
    public async ValueTask DisposeAsync()
    {
        var finished = _stop.IsCancellationRequested;
        await StopAsync();
        if (!finished && _terminal)
        {
            _output.WriteLine();
        }

        _stop.Dispose();
    }
}
