using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Caching;

/// <summary>Wires the read cache: responses of marked endpoints are kept until the data changes.</summary>
public static class ReadCaching
{
    /// <summary>What the endpoint descriptions tell clients.</summary>
    public const string ETagNote =
        "The answer carries an ETag that changes whenever any data changes: send it back in `If-None-Match` to get 304 " +
        "while nothing has. Answers are kept in memory until the data changes; `Cache-Control: no-cache` asks for a fresh one.";

    public static IServiceCollection AddEventTrackerReadCache(this IServiceCollection services)
    {
        services.AddOptions<ReadCacheOptions>().BindConfiguration(ReadCacheOptions.Section);
        services.AddSingleton<DataVersion>();
        services.AddSingleton<DataVersionCachePolicy>();
        services.AddOutputCache(cache =>
            cache.AddPolicy(DataVersionCachePolicy.PolicyName, policy => policy.AddPolicy<DataVersionCachePolicy>(), excludeDefaultPolicy: true));
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<ReadCacheOptions>>((cache, readCache) =>
        {
            cache.SizeLimit = readCache.Value.SizeLimitMegabytes * 1024L * 1024L;
            cache.MaximumBodySize = readCache.Value.MaxResponseKilobytes * 1024L;
        });
        return services;
    }

    /// <summary>
    /// Serves the endpoint's answers from memory until the next change to the data, with an ETag from the
    /// data version (If-None-Match: 304). Add it after the endpoint's validation, which must run first.
    /// </summary>
    public static RouteHandlerBuilder CacheUntilDataChanges(this RouteHandlerBuilder builder) =>
        builder.CacheOutput(DataVersionCachePolicy.PolicyName)
            .AddEndpointFilter<AbandonedReadFilter>()
            .AddEndpointFilter<DataVersionETagFilter>()
            .Produces(StatusCodes.Status304NotModified);
}
