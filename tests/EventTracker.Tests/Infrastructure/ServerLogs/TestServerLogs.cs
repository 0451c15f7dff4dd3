using System.Text;

namespace EventTracker.Tests.Infrastructure;

/// <summary>
/// The server logs one test can see: those of the apps it was given (class fixtures) and of the apps it made
/// itself, from where each stood when the test began. <see cref="ServerLogTestFramework"/> adds them to the output
/// of a test that fails, so a 500 or a wrong answer comes with what the service said about it.
/// </summary>
public sealed class TestServerLogs
{
    /// <summary>At most this many lines per app: the last ones, nearest the failure.</summary>
    public const int MaxLines = 300;

    private static readonly AsyncLocal<TestServerLogs?> Current = new();

    private readonly List<(ServerLogSink Sink, int From)> _sinks = [];

    /// <summary>Starts watching, for the test about to run on this flow, the sinks of the objects it is given.</summary>
    public static TestServerLogs Begin(IEnumerable<object?> fixtures)
    {
        var logs = new TestServerLogs();
        foreach (var fixture in fixtures)
        {
            if (fixture is EventTrackerApp app)
            {
                logs.Add(app.Logs);
            }
        }

        Current.Value = logs;
        return logs;
    }

    /// <summary>An app made inside a test: its lines belong to that test.</summary>
    public static void Watch(ServerLogSink sink) => Current.Value?.Add(sink);

    /// <summary>What the watched apps logged since the test began; empty when they logged nothing.</summary>
    public string Report()
    {
        var report = new StringBuilder();
        lock (_sinks)
        {
            foreach (var (sink, from) in _sinks)
            {
                var lines = sink.Since(from);
                if (lines.Count == 0)
                {
                    continue;
                }

                report.AppendLine(lines.Count > MaxLines
                    ? $"--- server log: the last {MaxLines} of {lines.Count} lines ---"
                    : $"--- server log: {lines.Count} {(lines.Count == 1 ? "line" : "lines")} ---");
                foreach (var line in lines.Skip(Math.Max(0, lines.Count - MaxLines)))
                {
                    report.AppendLine(line);
                }
            }
        }

        return report.ToString();
    }

    private void Add(ServerLogSink sink)
    {
        lock (_sinks)
        {
            if (_sinks.All(watched => watched.Sink != sink))
            {
                _sinks.Add((sink, sink.Position));
            }
        }
    }
}
