using System.Net;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Operations;

/// <summary>
/// The service as a real process with <c>ForwardedHeaders:KnownProxies</c> = 127.0.0.2 and a read budget of
/// <see cref="ReadBudget"/>, behind a real nginx that reaches it from 127.0.0.2. Clients connect from other
/// loopback addresses; each test uses addresses of its own, since budgets are shared state of the class's server.
/// </summary>
public sealed class ProxiedServer : IAsyncLifetime
{
    public const int ReadBudget = 5;

    public RealServer Server { get; } = new(RealServer.TempDatabasePath());

    public NginxProxy Nginx { get; } = new();

    public async Task InitializeAsync()
    {
        if (NginxProxy.Executable is null)
        {
            return; // the tests say they are skipped
        }

        Server.Settings["ForwardedHeaders__KnownProxies__0"] = NginxProxy.ProxyAddress;
        Server.Settings["RateLimits__Enabled"] = "true";
        Server.Settings["RateLimits__Reads__PermitLimit"] = ReadBudget.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Server.Settings["RateLimits__Reads__WindowSeconds"] = "3600";
        // One permit a read, whatever it took: the budget here counts requests (CostBoundsTests weighs them).
        Server.Settings["RateLimits__Reads__CostUnitMilliseconds"] = "0";
        await Server.StartAsync();
        await Nginx.StartAsync(Server.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await Nginx.DisposeAsync();
        await Server.DisposeAsync();
    }
}

[Trait("Store", "sqlite")]
public sealed class ReverseProxyTests(ProxiedServer proxied) : IClassFixture<ProxiedServer>
{
    private const string Reads = "/api/v1/event-types";

    [NginxFact]
    public async Task BehindTheProxyEachClientKeepsItsOwnBudget()
    {
        using var first = NginxProxy.ClientFrom("127.0.0.3", proxied.Nginx.PlainAddress);
        using var second = NginxProxy.ClientFrom("127.0.0.4", proxied.Nginx.PlainAddress);
        for (var i = 0; i < ProxiedServer.ReadBudget; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, Reads));
        }

        await (await first.GetAsync(Reads)).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        // nginx appends the address it saw to whatever X-Forwarded-For the client sent; only that last entry counts.
        var spoofed = await first.SendAsync(Request(Reads, ("X-Forwarded-For", "198.51.100.77")));
        await spoofed.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        // The same nginx, another client: a budget of its own, not nginx's spent one.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, Reads));
    }

    [NginxFact]
    public async Task AClientThatIsNotAKnownProxyCannotChooseItsBucketWithXForwardedFor()
    {
        using var direct = NginxProxy.ClientFrom("127.0.0.5", proxied.Server.BaseAddress);
        for (var i = 0; i < ProxiedServer.ReadBudget; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(direct, Reads, ("X-Forwarded-For", $"198.51.100.{i + 1}")));
        }

        var refused = await direct.SendAsync(Request(Reads, ("X-Forwarded-For", "198.51.100.200")));
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [NginxFact]
    public async Task XForwardedProtoCountsFromTheProxyOnly()
    {
        using var throughTls = NginxProxy.ClientFrom("127.0.0.6", proxied.Nginx.TlsAddress);
        Assert.StartsWith("https://", await ServerUrlAsync(throughTls), StringComparison.Ordinal);

        using var throughPlain = NginxProxy.ClientFrom("127.0.0.6", proxied.Nginx.PlainAddress);
        Assert.StartsWith("http://", await ServerUrlAsync(throughPlain), StringComparison.Ordinal);

        using var direct = NginxProxy.ClientFrom("127.0.0.7", proxied.Server.BaseAddress);
        Assert.StartsWith("http://", await ServerUrlAsync(direct, ("X-Forwarded-Proto", "https")), StringComparison.Ordinal);
    }

    /// <summary>The swagger document names the origin it was fetched from (scheme included) as its server.</summary>
    private async Task<string> ServerUrlAsync(HttpClient client, params (string Name, string Value)[] headers)
    {
        var response = await client.SendAsync(Request("/swagger/v1/swagger.json", headers));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {proxied.Nginx.ErrorLog}");
        return (await response.ReadJsonAsync()).GetProperty("servers")[0].GetProperty("url").GetString()!;
    }

    private async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        var response = await client.SendAsync(Request(path, headers));
        Assert.True(response.StatusCode != HttpStatusCode.BadGateway, "nginx could not reach the service:\n" + proxied.Nginx.ErrorLog);
        return response.StatusCode;
    }

    private static HttpRequestMessage Request(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }
}
