using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Operations;

/// <summary>
/// The <c>ForwardedHeaders</c> configuration section: the reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed. None by default: a client's address and scheme are then the
/// connection's own, whatever headers it sends.
/// </summary>
public sealed class ProxyTrustOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>127.0.0.1</c> for nginx on the same host.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>172.28.0.0/16</c> for a compose network.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool TrustsAnyProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

/// <summary>Refuses to start with an address or network that does not parse: a typo must not silently trust nobody (or everybody).</summary>
public sealed class ProxyTrustOptionsValidator : IValidateOptions<ProxyTrustOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyTrustOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i]?.Trim(), out _))
            {
                failures.Add($"{ProxyTrustOptions.Section}:KnownProxies:{i} (\"{options.KnownProxies[i]}\") is not an IP address, e.g. 127.0.0.1.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(options.KnownNetworks[i]?.Trim(), out _))
            {
                failures.Add($"{ProxyTrustOptions.Section}:KnownNetworks:{i} (\"{options.KnownNetworks[i]}\") is not a network in CIDR notation, e.g. 172.28.0.0/16.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class ProxyTrust
{
    /// <summary>
    /// Binds <see cref="ProxyTrustOptions"/> (validated at start) and sets the framework's
    /// <see cref="ForwardedHeadersOptions"/> from it. The framework's defaults (loopback trusted) are
    /// cleared. With no proxy configured the middleware forwards nothing at all: with both lists empty
    /// it would otherwise believe every sender.
    /// </summary>
    public static IServiceCollection AddEventTrackerProxyTrust(this IServiceCollection services)
    {
        services.AddOptions<ProxyTrustOptions>().BindConfiguration(ProxyTrustOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyTrustOptions>, ProxyTrustOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyTrustOptions>>((forwarded, trust) =>
        {
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            var proxies = trust.Value;
            foreach (var proxy in proxies.KnownProxies)
            {
                if (IPAddress.TryParse(proxy?.Trim(), out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }

            foreach (var network in proxies.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network?.Trim(), out var parsed))
                {
                    forwarded.KnownIPNetworks.Add(parsed);
                }
            }

            forwarded.ForwardedHeaders = forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
        });
        return services;
    }
}
