using System.Collections.Concurrent;

namespace EventTracker.Api.Timeline;

/// <summary>
/// Organization scopes (organizations with everything under them) resolved once per data version and reused by every
/// read at that version: most requests name one of a few hundred states, whose scope only a write can change, and
/// every write moves the version. A read that does not know its version resolves afresh.
/// </summary>
public sealed class OrganizationScopes
{
    /// <summary>Beyond this many scopes at one version, further ones are resolved but not kept.</summary>
    public const int MaxScopesPerVersion = 4096;

    private Generation _current = new(long.MinValue);

    private sealed class Generation(long version)
    {
        public long Version { get; } = version;

        public ConcurrentDictionary<string, IReadOnlyList<long>> Scopes { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The scope of <paramref name="roots"/> at <paramref name="dataVersion"/>, resolved by <paramref name="resolve"/> the first time.</summary>
    public async Task<IReadOnlyList<long>> GetOrResolveAsync(
        long? dataVersion, IReadOnlyList<long> roots, bool withChildren, Func<Task<IReadOnlyList<long>>> resolve)
    {
        if (dataVersion is not { } version)
        {
            return await resolve();
        }

        var generation = Volatile.Read(ref _current);
        if (generation.Version != version)
        {
            if (version < generation.Version)
            {
                return await resolve(); // a read that started before the latest write: never mixed with newer scopes
            }

            var newer = new Generation(version);
            generation = Interlocked.CompareExchange(ref _current, newer, generation) == generation ? newer : Volatile.Read(ref _current);
            if (generation.Version != version)
            {
                return await resolve();
            }
        }

        var key = (withChildren ? "+" : "") + string.Join(',', roots.Order());
        if (generation.Scopes.TryGetValue(key, out var scope))
        {
            return scope;
        }

        scope = await resolve();
        if (generation.Scopes.Count < MaxScopesPerVersion)
        {
            generation.Scopes.TryAdd(key, scope);
        }

        return scope;
    }
}
