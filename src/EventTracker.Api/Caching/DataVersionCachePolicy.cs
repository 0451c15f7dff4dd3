using System.Globalization;
using EventTracker.Api.Observability;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace EventTracker.Api.Caching;

/// <summary>
/// Caches whole 200 responses of read endpoints, keyed by path, every query parameter, the Origin header
/// (CORS headers differ per origin) and the database's <see cref="DataVersion"/>. Any committed change
/// moves the version, so a cached response is never older than the data: there is nothing to expire or
/// evict by hand. A client with an API key that sends <c>Cache-Control: no-cache</c> gets a freshly computed response.
/// </summary>
public sealed class DataVersionCachePolicy(DataVersion dataVersion, IOptions<ReadCacheOptions> options, EventTrackerMetrics metrics) : IOutputCachePolicy
{
    public const string PolicyName = "UntilDataChanges";
    private const string VersionKey = "data-version";

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = options.Value.Enabled && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
        context.EnableOutputCaching = cacheable;
        if (!cacheable)
        {
            return;
        }

        // Identical requests arriving together share one computation ("locking"), except for a client with an API
        // key that asks for a fresh answer: it gets its own, computed for it. An anonymous client's no-cache is not
        // honoured: it would let anyone make every request a recomputation (a cached answer is never stale anyway).
        var fresh = AsksForFreshResponse(request) && context.HttpContext.User.Identity?.IsAuthenticated == true;
        context.AllowCacheLookup = !fresh;
        context.AllowCacheStorage = true;
        context.AllowLocking = !fresh;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(options.Value.KeepSeconds);
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = HeaderNames.Origin;
        var version = await dataVersion.ReadAsync(cancellation);
        context.HttpContext.Items[DataVersion.ItemKey] = version;
        context.CacheVaryByRules.VaryByValues[VersionKey] = version.ToString(CultureInfo.InvariantCulture);
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.CacheHit();
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.CacheMiss();
        // A request whose client went away may have skipped writing its body (the JSON writer stops on
        // RequestAborted): kept, that empty 200 would be served to everyone until the data changed.
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie) ||
            context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    private static bool AsksForFreshResponse(HttpRequest request) =>
        request.Headers.CacheControl.Any(value => value?.Contains("no-cache", StringComparison.OrdinalIgnoreCase) == true) ||
        request.Headers.Pragma.Any(value => value?.Contains("no-cache", StringComparison.OrdinalIgnoreCase) == true);
}
