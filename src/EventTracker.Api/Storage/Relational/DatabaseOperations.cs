using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using EventTracker.Api.Observability;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Names the store operation that opens a connection (its class and method, from the caller's file and member:
/// <c>TimelineStore.Page</c>) and records how long it held the connection in <c>eventtracker.db.operation.duration</c>.
/// Tags are built once per call site, so recording allocates nothing.
/// </summary>
public sealed class DatabaseOperations(EventTrackerMetrics metrics, string system)
{
    private readonly ConcurrentDictionary<(string File, string Member), KeyValuePair<string, object?>[]> _tags = new(CallSiteComparer.Instance);

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

    /// <summary>
    /// Caller-info strings are literals, the same instance at every call from one site: compared by reference, a lookup
    /// costs no hashing of a file path per database operation.
    /// </summary>
    private sealed class CallSiteComparer : IEqualityComparer<(string File, string Member)>
    {
        public static readonly CallSiteComparer Instance = new();

        public bool Equals((string File, string Member) x, (string File, string Member) y) =>
            ReferenceEquals(x.File, y.File) && ReferenceEquals(x.Member, y.Member);

        public int GetHashCode((string File, string Member) site) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(site.File), RuntimeHelpers.GetHashCode(site.Member));
    }

    /// <summary>The operation's name for metrics and traces.</summary>
    public static string NameOf(string callerFile, string callerMember)
    {
        var type = Path.GetFileNameWithoutExtension(callerFile.Replace('\\', '/'));
        var method = callerMember.EndsWith("Async", StringComparison.Ordinal) ? callerMember[..^"Async".Length] : callerMember;
        return string.IsNullOrEmpty(type) ? method : $"{type}.{method}";
    }
}
