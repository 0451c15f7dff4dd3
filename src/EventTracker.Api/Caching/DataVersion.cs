using EventTracker.Api.Observability;

namespace EventTracker.Api.Caching;

/// <summary>Reads the store's change counter.</summary>
public interface IDataVersionStore
{
    Task<long> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The store's change counter: it moves forward in the same transaction as every change to
/// organizations, actors, sources and events, so a new value means new data.
/// </summary>
public sealed class DataVersion(IDataVersionStore store, EventTrackerMetrics metrics)
{
    /// <summary>Where a request keeps the version it read, so that it is read once per request.</summary>
    public const string ItemKey = "EventTracker.DataVersion";

    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        var version = await store.ReadAsync(cancellationToken);
        metrics.DataVersionRead(version);
        return version;
    }

    /// <summary>The version this request read already (cached reads read it first), if any.</summary>
    public static long? ReadBy(HttpContext http) => http.Items.TryGetValue(ItemKey, out var version) && version is long known ? known : null;
}
