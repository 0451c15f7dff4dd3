using System.Net;
using System.Net.Http.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Operations;

public sealed class TightBudgetsApp : EventTrackerApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("RateLimits:Reads:PermitLimit", "3"),
        // One permit a request here, whatever it took (CostBoundsTests weighs reads by their time).
        new("RateLimits:Reads:CostUnitMilliseconds", "0"),
        new("RateLimits:Writes:PermitLimit", "2"),
        new("RateLimits:Bulk:PermitLimit", "1"),
        new("RateLimits:Reads:WindowSeconds", "3600"),
        new("RateLimits:Writes:WindowSeconds", "3600"),
        new("RateLimits:Bulk:WindowSeconds", "3600"),
    ];
}

/// <summary>One test walks through the budgets in order: they are shared state of the class's app.</summary>
public sealed class RateLimitTests(TightBudgetsApp app) : IClassFixture<TightBudgetsApp>
{
    [Fact]
    public async Task BudgetsArePerClientAndPerKindOfRequestAndAnswer429WithRetryAfter()
    {
        var anonymous = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/event-types")).StatusCode);
        }

        var refused = await anonymous.GetAsync("/api/v1/event-types");
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        // Health checks are never limited; another key has a budget of its own.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        var editor = app.CreateEditorClient();
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/api/v1/event-types")).StatusCode);

        // Writes draw on their own budget, per key.
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync("/api/v1/organizations", new { name = "One", kind = "other" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync("/api/v1/organizations", new { name = "Two", kind = "other" })).StatusCode);
        await (await editor.PostAsJsonAsync("/api/v1/organizations", new { name = "Three", kind = "other" })).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/api/v1/organizations")).StatusCode);

        // Export and import share the bulk budget.
        var admin = app.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/events/export")).StatusCode);
        await (await admin.GetAsync("/api/v1/events/export?format=ndjson")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await (await admin.PostAsync("/api/v1/import", new NdjsonContent([]))).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/events")).StatusCode);
    }
}
