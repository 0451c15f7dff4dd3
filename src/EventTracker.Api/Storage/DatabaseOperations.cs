using System.Collections.Concurrent;
using System.Diagnostics;
using EventTracker.Api.Observability;

namespace EventTracker.Api.Storage;

/// <summary>
/// Names the store operation that opens a connection (its class and method, from the caller's file and member:
/// <c>TimelineStore.Page</c>) and records how long it held the connection in <c>eventtracker.db.operation.duration</c>.
/// Tags are built once per call site, so recording allocates nothing.
/// </summary>
public sealed class DatabaseOperations(EventTrackerMetrics metrics, string system)
{
    private readonly ConcurrentDictionary<(string File, string Member), KeyValuePair<string, object?>[]> _tags = new();

    /// <summary>A timestamp to hand back to <see cref="Done"/>, or 0 while database time is not recorded.</summary>
    public long Start() => metrics.DatabaseTimeEnabled ? Stopwatch.GetTimestamp() : 0;

    public void Done(long started, KeyValuePair<string, object?>[] tags)
    {
        if (started != 0)
        {
            metrics.DatabaseTime(started, tags);
        }
    }

    /// <summary>The tags of the operation at a call site: <c>db.system.name</c> and <c>operation</c>.</summary>
    public KeyValuePair<string, object?>[] TagsOf(string callerFile, string callerMember) =>
        _tags.GetOrAdd((callerFile, callerMember), static (site, system) =>
            [new("db.system.name", system), new("operation", NameOf(site.File, site.Member))], system);

    /// <summary>The operation's name for metrics and traces.</summary>
    public static string NameOf(string callerFile, string callerMember)
    {
        var type = Path.GetFileNameWithoutExtension(callerFile.Replace('\\', '/'));
        var method = callerMember.EndsWith("Async", StringComparison.Ordinal) ? callerMember[..^"Async".Length] : callerMember;
        return string.IsNullOrEmpty(type) ? method : $"{type}.{method}";
    }
}
