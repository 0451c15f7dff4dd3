using System.Net;
using EventTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EventTracker.Tests.Operations;

public sealed class HardenedApp : EventTrackerApp
{
    public const string AllowedOrigin = "https://researcher.example";

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Cors:AllowedOrigins:0", AllowedOrigin),
        new("Limits:RequestTimeoutSeconds", "0.5"),
        new("Swagger:Enabled", "false"),
    ];

    protected override void ConfigureTestServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        ProbedEventTrackerApp.ConfigureProbes(services);
}

public sealed class HttpHardeningTests(HardenedApp app) : IClassFixture<HardenedApp>
{
    [Fact]
    public async Task PreflightFromAnAllowedOriginIsAnswered()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/events/1");
        request.Headers.Add("Origin", HardenedApp.AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key, if-match, content-type");
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HardenedApp.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("PUT", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorsExposesETagLocationAndRetryAfterToAllowedOrigins()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/event-types");
        request.Headers.Add("Origin", HardenedApp.AllowedOrigin);
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HardenedApp.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").Single();
        Assert.All(new[] { "ETag", "Location", "Retry-After" }, header => Assert.Contains(header, exposed, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task OtherOriginsGetNoCorsHeaders()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/event-types");
        request.Headers.Add("Origin", "https://elsewhere.example");
        var response = await app.CreateClient().SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task OverlongQueryStringIs414()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/timeline?q=" + new string('a', 5000));
        await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task TooManyOrTooLargeHeadersAre431()
    {
        var many = new HttpRequestMessage(HttpMethod.Get, "/api/v1/event-types");
        for (var i = 0; i < 120; i++)
        {
            many.Headers.Add($"X-Filler-{i}", "x");
        }

        await (await app.CreateClient().SendAsync(many)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);

        var large = new HttpRequestMessage(HttpMethod.Get, "/api/v1/event-types");
        large.Headers.Add("X-Large", new string('x', 40_000));
        await (await app.CreateClient().SendAsync(large)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task AQueryThatRunsTooLongIs503()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/_probe/slow");
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task EveryAnswerCarriesTheSecurityHeaders()
    {
        foreach (var path in new[] { "/api/v1/event-types", "/api/v1/no-such-route", "/health/live" })
        {
            var response = await app.CreateClient().GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HstsIsSentOverHttpsOnly()
    {
        var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://eventtracker.example") });
        Assert.Contains("max-age=", (await https.GetAsync("/health/live")).Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.False((await app.CreateClient().GetAsync("/health/live")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task SwaggerUiCanBeSwitchedOff()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/swagger/v1/swagger.json")).StatusCode);
    }
}

public sealed class DefaultCorsTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public async Task NoOriginIsAllowedByDefault()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/event-types");
        request.Headers.Add("Origin", HardenedApp.AllowedOrigin);
        Assert.False((await app.CreateClient().SendAsync(request)).Headers.Contains("Access-Control-Allow-Origin"));
    }
}
