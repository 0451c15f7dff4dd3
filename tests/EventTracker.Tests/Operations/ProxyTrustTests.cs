using System.Net;
using EventTracker.Api.Operations;
using EventTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EventTracker.Tests.Operations;

/// <summary>
/// The in-memory host with every request arriving from 127.0.0.1 (the test host gives none), a small read
/// budget and no <c>ForwardedHeaders</c> configuration.
/// </summary>
public class LoopbackClientApp : EventTrackerApp
{
    public const int ReadBudget = 3;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("RateLimits:Reads:PermitLimit", ReadBudget.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("RateLimits:Reads:WindowSeconds", "3600"),
        new("RateLimits:Reads:CostUnitMilliseconds", "0"),
    ];

    /// <summary>The address every request comes from.</summary>
    protected virtual IPAddress ConnectionAddress => IPAddress.Loopback;

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter>(new FixedConnection(ConnectionAddress));

    private sealed class FixedConnection(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>The same, with 127.0.0.1 configured as a known proxy.</summary>
public sealed class LoopbackProxyApp : LoopbackClientApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [.. base.ExtraSettings(), new("ForwardedHeaders:KnownProxies:0", "127.0.0.1")];
}

/// <summary>
/// A proxy on a trusted IPv4 network seen by a dual-stack listener (<c>http://+:8080</c>, as in the image) as an
/// IPv4-mapped IPv6 address: the network still matches.
/// </summary>
public sealed class MappedNetworkProxyApp : LoopbackClientApp
{
    protected override IPAddress ConnectionAddress => IPAddress.Parse("172.28.0.5").MapToIPv6();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [.. base.ExtraSettings(), new("ForwardedHeaders:KnownNetworks:0", "172.28.0.0/16")];
}

public sealed class MappedNetworkForwardedHeadersTests(MappedNetworkProxyApp app) : IClassFixture<MappedNetworkProxyApp>
{
    [Fact]
    public async Task AProxyOnAKnownNetworkSeenAsIPv4MappedForwardsEachClientToItsOwnBucket()
    {
        var client = app.CreateClient();
        for (var i = 0; i < LoopbackClientApp.ReadBudget; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(UntrustedForwardedHeadersTests.Forwarded("203.0.113.1"))).StatusCode);
        }

        await (await client.SendAsync(UntrustedForwardedHeadersTests.Forwarded("203.0.113.1"))).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(UntrustedForwardedHeadersTests.Forwarded("203.0.113.2"))).StatusCode);
    }
}

public sealed class UntrustedForwardedHeadersTests(LoopbackClientApp app) : IClassFixture<LoopbackClientApp>
{
    [Fact]
    public async Task WithNoProxyConfiguredXForwardedForFromLoopbackDoesNotChangeTheBucket()
    {
        var client = app.CreateClient();
        for (var i = 0; i < LoopbackClientApp.ReadBudget; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Forwarded($"203.0.113.{i + 1}"))).StatusCode);
        }

        await (await client.SendAsync(Forwarded("203.0.113.200"))).AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    internal static HttpRequestMessage Forwarded(string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/event-types");
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }
}

public sealed class TrustedForwardedHeadersTests(LoopbackProxyApp app) : IClassFixture<LoopbackProxyApp>
{
    [Fact]
    public async Task AConfiguredProxyForwardsEachClientToItsOwnBucket()
    {
        var client = app.CreateClient();
        for (var i = 0; i < LoopbackClientApp.ReadBudget; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(UntrustedForwardedHeadersTests.Forwarded("203.0.113.1"))).StatusCode);
        }

        await (await client.SendAsync(UntrustedForwardedHeadersTests.Forwarded("203.0.113.1"))).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(UntrustedForwardedHeadersTests.Forwarded("203.0.113.2"))).StatusCode);
    }
}

public sealed class ProxyTrustValidationTests
{
    [Fact]
    public void AddressesAndCidrNetworksPass()
    {
        var options = new ProxyTrustOptions { KnownProxies = ["127.0.0.1", "::1", "172.28.0.10"], KnownNetworks = ["172.28.0.0/16", "fd00::/8"] };
        Assert.True(new ProxyTrustOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void MalformedAddressesAndNetworksAreNamed()
    {
        var options = new ProxyTrustOptions { KnownProxies = ["127.0.0.1", "nginx"], KnownNetworks = ["172.28.0.0", "172.28.0.0/40"] };
        var result = new ProxyTrustOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("ForwardedHeaders:KnownProxies:1 (\"nginx\") is not an IP address", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ForwardedHeaders:KnownNetworks:0 (\"172.28.0.0\") is not a network in CIDR notation", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ForwardedHeaders:KnownNetworks:1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Store", "sqlite")]
    public async Task AMalformedNetworkStopsTheServiceAtStartWithItsName()
    {
        await using var server = new RealServer(RealServer.TempDatabasePath());
        server.Settings["ForwardedHeaders__KnownNetworks__0"] = "172.28.0.0/99";
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);
        Assert.Contains("ForwardedHeaders:KnownNetworks:0 (\"172.28.0.0/99\") is not a network in CIDR notation", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>deploy/compose.yaml's instances trust the compose network (its subnet fixed), run-local.sh's trust nginx on 127.0.0.1.</summary>
    [Fact]
    public void TheDeployFilesTrustTheirOwnProxy()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "compose.yaml"));
        var trusted = System.Text.RegularExpressions.Regex.Match(compose, @"ForwardedHeaders__KnownNetworks__0: *(\S+)");
        var subnet = System.Text.RegularExpressions.Regex.Match(compose, @"subnet: *(\S+)");
        Assert.True(trusted.Success && subnet.Success, "compose.yaml names no trusted network or no fixed subnet");
        Assert.Equal(subnet.Groups[1].Value, trusted.Groups[1].Value);
        Assert.True(System.Net.IPNetwork.TryParse(trusted.Groups[1].Value, out _));

        var runLocal = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "run-local.sh"));
        Assert.Contains("ForwardedHeaders__KnownProxies__0=127.0.0.1", runLocal, StringComparison.Ordinal);
    }
}
