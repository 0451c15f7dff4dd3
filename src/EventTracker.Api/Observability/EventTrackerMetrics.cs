using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EventTracker.Api.Observability;

/// <summary>
/// The service's own meter, <c>EventTracker</c>: every instrument the README's Operating section lists. Instruments
/// cost nothing while nobody listens (neither <c>Observability:MetricsUrl</c> nor <c>OtlpEndpoint</c> set); when
/// someone does, tags are pre-built so that recording allocates nothing.
/// </summary>
public sealed class EventTrackerMetrics
{
    public const string MeterName = "EventTracker";

    private static readonly KeyValuePair<string, object?>[] Reads = [new("policy", "reads")];
    private static readonly KeyValuePair<string, object?>[] Writes = [new("policy", "writes")];
    private static readonly KeyValuePair<string, object?>[] Bulk = [new("policy", "bulk")];
    private static readonly KeyValuePair<string, object?>[] NameChanged = [new("reason", "name_changed")];
    private static readonly KeyValuePair<string, object?>[] Filled = [new("reason", "filled")];
    private static readonly KeyValuePair<string, object?>[] MissingOnRead = [new("reason", "missing_on_read")];
    private static readonly KeyValuePair<string, object?>[] LinesImported = [new("outcome", "imported")];
    private static readonly KeyValuePair<string, object?>[] LinesRejected = [new("outcome", "rejected")];

    private readonly Meter _meter;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _cacheStoredBytes;
    private readonly Counter<long> _dataVersionChanges;
    private readonly Histogram<double> _databaseTime;
    private readonly Counter<long> _rateLimitRejections;
    private readonly UpDownCounter<long> _longPollsHeld;
    private readonly Counter<long> _longPollsRefused;
    private readonly Counter<long> _importLines;
    private readonly Counter<long> _importEvents;
    private readonly Counter<long> _documentsRendered;
    private readonly Counter<long> _draftsMade;
    private readonly Histogram<double> _draftingTime;
    private long _dataVersion = -1;
    private long _changeFeedPosition = -1;

    public EventTrackerMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _cacheHits = _meter.CreateCounter<long>("eventtracker.read_cache.hits", "{request}",
            "Reads answered from the read cache.");
        _cacheMisses = _meter.CreateCounter<long>("eventtracker.read_cache.misses", "{request}",
            "Cacheable reads the read cache did not hold, so they were computed.");
        _cacheStoredBytes = _meter.CreateCounter<long>("eventtracker.read_cache.stored", "By",
            "Bytes of answers put into the read cache.");
        _dataVersionChanges = _meter.CreateCounter<long>("eventtracker.data_version.changes", "{change}",
            "Times this instance saw the data version move (each makes a fresh set of read-cache keys).");
        _meter.CreateObservableGauge("eventtracker.data_version", () => Observed(ref _dataVersion), "{version}",
            "The latest data version this instance read.");
        _databaseTime = _meter.CreateHistogram("eventtracker.db.operation.duration", "s",
            "Time a store operation held its database connection, by store (db.system.name) and operation.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _rateLimitRejections = _meter.CreateCounter<long>("eventtracker.rate_limit.rejections", "{request}",
            "Requests answered 429 because their client's budget (policy: reads, writes or bulk) was spent.");
        _longPollsHeld = _meter.CreateUpDownCounter<long>("eventtracker.long_polls.held", "{request}",
            "Change-feed long polls this instance holds now.");
        _longPollsRefused = _meter.CreateCounter<long>("eventtracker.long_polls.refused", "{request}",
            "Long polls answered at once because the instance or the client held its cap.");
        _meter.CreateObservableGauge("eventtracker.change_feed.position", () => Observed(ref _changeFeedPosition), "{change}",
            "The latest change-feed position this instance has seen.");
        _importLines = _meter.CreateCounter<long>("eventtracker.import.lines", "{line}",
            "NDJSON import lines read, by outcome (imported or rejected).");
        _importEvents = _meter.CreateCounter<long>("eventtracker.import.events", "{event}",
            "Events written by imports (rate() of it is events per second).");
        _documentsRendered = _meter.CreateCounter<long>("eventtracker.documents.rendered", "{document}",
            "Event documents rendered from their tables, by reason: name_changed (a record they show changed), filled (at start), missing_on_read.");
        _draftsMade = _meter.CreateCounter<long>("eventtracker.drafts.made", "{draft}",
            "Drafts made from articles.");
        _draftingTime = _meter.CreateHistogram("eventtracker.drafts.duration", "s",
            "Time taken to make one draft.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    }

    /// <summary>Whether database time is being recorded: callers skip taking timestamps when not.</summary>
    public bool DatabaseTimeEnabled => _databaseTime.Enabled;

    public void CacheHit() => _cacheHits.Add(1);

    public void CacheMiss() => _cacheMisses.Add(1);

    public void CacheStored(long bytes) => _cacheStoredBytes.Add(bytes);

    /// <summary>Notes the data version a read saw; a move forward counts as a change.</summary>
    public void DataVersionRead(long version)
    {
        var last = Interlocked.Read(ref _dataVersion);
        if (version > last && Interlocked.CompareExchange(ref _dataVersion, version, last) == last && last >= 0)
        {
            _dataVersionChanges.Add(1);
        }
    }

    /// <summary>Records the time since <paramref name="startedTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) under pre-built tags.</summary>
    public void DatabaseTime(long startedTimestamp, KeyValuePair<string, object?>[] operationTags) =>
        _databaseTime.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, operationTags.AsSpan());

    public void RateLimitRejected(string policy) =>
        _rateLimitRejections.Add(1, (policy switch { "reads" => Reads, "writes" => Writes, _ => Bulk }).AsSpan());

    public void LongPollHeld() => _longPollsHeld.Add(1);

    public void LongPollReleased() => _longPollsHeld.Add(-1);

    public void LongPollRefused() => _longPollsRefused.Add(1);

    public void ChangeFeedPosition(long position)
    {
        long last;
        while (position > (last = Interlocked.Read(ref _changeFeedPosition)) &&
               Interlocked.CompareExchange(ref _changeFeedPosition, position, last) != last)
        {
        }
    }

    public void ImportLines(long imported, long rejected)
    {
        _importLines.Add(imported, LinesImported.AsSpan());
        _importLines.Add(rejected, LinesRejected.AsSpan());
    }

    public void ImportedEvents(long count) => _importEvents.Add(count);

    public void DocumentsRenderedForChangedNames(int count) => _documentsRendered.Add(count, NameChanged.AsSpan());

    public void DocumentsFilled(int count) => _documentsRendered.Add(count, Filled.AsSpan());

    public void DocumentsRenderedOnRead(int count) => _documentsRendered.Add(count, MissingOnRead.AsSpan());

    /// <summary>One draft made from an article, and how long making it took (for the drafts feature).</summary>
    public void DraftMade(TimeSpan drafting)
    {
        _draftsMade.Add(1);
        _draftingTime.Record(drafting.TotalSeconds);
    }

    private static IEnumerable<Measurement<long>> Observed(ref long value)
    {
        var current = Interlocked.Read(ref value);
        return current < 0 ? [] : [new Measurement<long>(current)];
    }
}
