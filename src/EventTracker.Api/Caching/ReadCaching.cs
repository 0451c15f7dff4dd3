using Microsoft.AspNetCore.OutputCaching;

namespace EventTracker.Api.Caching;

/// <summary>Wires the read cache: responses of marked endpoints are kept until the data changes.</summary>
public static class ReadCaching
{
    public static IServiceCollection AddEventTrackerReadCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReadCacheOptions>().BindConfiguration(ReadCacheOptions.Section);
        var options = configuration.GetSection(ReadCacheOptions.Section).Get<ReadCacheOptions>() ?? new ReadCacheOptions();
        services.AddSingleton<DataVersion>();
        services.AddSingleton<DataVersionCachePolicy>();
        services.AddOutputCache(cache =>
        {
            cache.SizeLimit = options.SizeLimitMegabytes * 1024L * 1024L;
            cache.MaximumBodySize = options.MaxResponseKilobytes * 1024L;
            cache.AddPolicy(DataVersionCachePolicy.PolicyName, policy => policy.AddPolicy<DataVersionCachePolicy>(), excludeDefaultPolicy: true);
        });
        return services;
    }

    /// <summary>Serves the endpoint's responses from memory until the next change to the data.</summary>
    public static TBuilder CacheUntilDataChanges<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.CacheOutput(DataVersionCachePolicy.PolicyName);
}
