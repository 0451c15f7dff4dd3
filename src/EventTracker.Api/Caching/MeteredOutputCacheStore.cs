using System.Buffers;
using System.IO.Pipelines;
using EventTracker.Api.Observability;
using Microsoft.AspNetCore.OutputCaching;

namespace EventTracker.Api.Caching;

/// <summary>The read cache's store, counting the bytes of answers put into it (<c>eventtracker.read_cache.stored</c>). Registered only while metrics are on.</summary>
public sealed class MeteredOutputCacheStore(IOutputCacheStore inner, EventTrackerMetrics metrics) : IOutputCacheBufferStore
{
    public static void Decorate(IServiceCollection services)
    {
        var original = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IOutputCacheStore));
        if (original is null)
        {
            return;
        }

        services.Remove(original);
        services.AddSingleton<IOutputCacheStore>(provider => new MeteredOutputCacheStore(
            original.ImplementationInstance as IOutputCacheStore ??
            (IOutputCacheStore?)original.ImplementationFactory?.Invoke(provider) ??
            (IOutputCacheStore)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!),
            provider.GetRequiredService<EventTrackerMetrics>()));
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        metrics.CacheStored(value.Length);
        return inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }

    public ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken) =>
        inner is IOutputCacheBufferStore buffers ? buffers.TryGetAsync(key, destination, cancellationToken) : TryGetCopyAsync(key, destination, cancellationToken);

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (inner is IOutputCacheBufferStore buffers)
        {
            metrics.CacheStored(value.Length);
            return buffers.SetAsync(key, value, tags, validFor, cancellationToken);
        }

        return SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
    }

    private async ValueTask<bool> TryGetCopyAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (await inner.GetAsync(key, cancellationToken) is not { } value)
        {
            return false;
        }

        await destination.WriteAsync(value, cancellationToken);
        return true;
    }
}
