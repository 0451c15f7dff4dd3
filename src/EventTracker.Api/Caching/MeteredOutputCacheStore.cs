using System.Buffers;
using System.IO.Pipelines;
using EventTracker.Api.Observability;
using Microsoft.AspNetCore.OutputCaching;

namespace EventTracker.Api.Caching;

/// <summary>
/// The read cache's store, counting the bytes of answers put into it (<c>eventtracker.read_cache.stored</c>). Registered
/// only while metrics are on. It offers the buffer interface only where the store underneath does: claiming it over a
/// byte-array store made every hit copy the answer once more (the cached timeline lost a quarter of its throughput).
/// </summary>
public class MeteredOutputCacheStore(IOutputCacheStore inner, EventTrackerMetrics metrics) : IOutputCacheStore
{
    protected EventTrackerMetrics Metrics => metrics;

    public static void Decorate(IServiceCollection services)
    {
        var original = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IOutputCacheStore));
        if (original is null)
        {
            return;
        }

        services.Remove(original);
        services.AddSingleton<IOutputCacheStore>(provider =>
        {
            var inner = original.ImplementationInstance as IOutputCacheStore ??
                        (IOutputCacheStore?)original.ImplementationFactory?.Invoke(provider) ??
                        (IOutputCacheStore)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!);
            var metrics = provider.GetRequiredService<EventTrackerMetrics>();
            return inner is IOutputCacheBufferStore buffers ? new Buffered(buffers, metrics) : new MeteredOutputCacheStore(inner, metrics);
        });
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        metrics.CacheStored(value.Length);
        return inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }

    private sealed class Buffered(IOutputCacheBufferStore inner, EventTrackerMetrics metrics) : MeteredOutputCacheStore(inner, metrics), IOutputCacheBufferStore
    {
        public ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken) =>
            inner.TryGetAsync(key, destination, cancellationToken);

        public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            Metrics.CacheStored(value.Length);
            return inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
    }
}
