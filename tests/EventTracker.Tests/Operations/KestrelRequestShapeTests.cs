using System.Net;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Operations;

/// <summary>The service as a real process: Kestrel's own limits, which the in-memory test host does not have.</summary>
public sealed class KestrelServer : IAsyncLifetime
{
    public RealServer Server { get; } = new(RealServer.TempDatabasePath());

    public Task InitializeAsync() => Server.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

/// <summary>Over the configured limits (4 096 query characters, 100 headers, 32 KiB of headers), the service answers, not Kestrel.</summary>
[Trait("Store", "sqlite")]
public sealed class KestrelRequestShapeTests(KestrelServer kestrel) : IClassFixture<KestrelServer>
{
    [Theory]
    [InlineData(9 * 1024)]
    [InlineData(30 * 1024)]
    public async Task AnOverlongQueryStringIs414AsProblemJson(int length)
    {
        using var client = kestrel.Server.CreateClient();
        var problem = await (await client.GetAsync("/api/v1/timeline?q=" + new string('a', length))).AssertProblemAsync(HttpStatusCode.RequestUriTooLong);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task TooManyHeadersAre431AsProblemJson()
    {
        using var client = kestrel.Server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/event-types");
        for (var i = 0; i < 120; i++)
        {
            request.Headers.Add($"X-Filler-{i}", "x");
        }

        var problem = await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task OversizedHeadersAre431AsProblemJson()
    {
        using var client = kestrel.Server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/event-types");
        request.Headers.Add("X-Large", new string('x', 40_000));
        var problem = await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task AQueryStringJustUnderTheLimitIsServed()
    {
        using var client = kestrel.Server.CreateClient();
        // Past the length check to the operation's own: it answers that it takes no 'pad', not 414.
        await (await client.GetAsync("/api/v1/event-types?pad=" + new string('a', 4000))).AssertValidationErrorAsync("pad");
    }

    [Fact]
    public async Task AnAbsurdRequestLineIsStillRefusedByKestrel()
    {
        using var client = kestrel.Server.CreateClient();
        Assert.Equal(HttpStatusCode.RequestUriTooLong, (await client.GetAsync("/api/v1/event-types?q=" + new string('a', 200 * 1024))).StatusCode);
    }
}
