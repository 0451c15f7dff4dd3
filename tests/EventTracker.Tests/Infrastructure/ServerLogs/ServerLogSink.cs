using Microsoft.Extensions.Logging;

namespace EventTracker.Tests.Infrastructure;

/// <summary>Keeps every line the service logs, in order, to prove what is and is not logged and to show a failing test's server side.</summary>
public sealed class ServerLogSink : ILoggerProvider
{
    private readonly List<string> _lines = [];

    /// <summary>A snapshot of every line so far.</summary>
    public IReadOnlyCollection<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>How many lines there are now: where a test's own lines will begin.</summary>
    public int Position
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>The lines logged since <paramref name="position"/>.</summary>
    public IReadOnlyList<string> Since(int position)
    {
        lock (_lines)
        {
            return _lines.Skip(position).ToArray();
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    private sealed class Logger(string category, ServerLogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(";", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
                : "";
            sink.Add($"{logLevel} {category}: {formatter(state, exception)} [{structured}] {exception}");
        }
    }
}
