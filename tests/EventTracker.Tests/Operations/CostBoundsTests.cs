using System.Net;
using EventTracker.Api.Operations;
using EventTracker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventTracker.Tests.Operations;

public sealed class CostBoundsApp : EventTrackerApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Limits:ReadTimeoutSeconds", "1"),
        new("RateLimits:Reads:PermitLimit", "40"),
        new("RateLimits:Reads:WindowSeconds", "3600"),
        new("RateLimits:Reads:CostUnitMilliseconds", "100"),
        new("LongPolls:MaxPerInstance", "3"),
        new("LongPolls:MaxPerClient", "2"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services) => ProbedEventTrackerApp.ConfigureProbes(services);
}

/// <summary>Reads that would hold the database are stopped, expensive reads count for more, long polls are capped.</summary>
public sealed class CostBoundsTests(CostBoundsApp app) : IClassFixture<CostBoundsApp>
{
    [Fact]
    public async Task AReadThatHoldsTheDatabaseTooLongIsStoppedAndAnswered503WithRetryAfter()
    {
        var started = DateTime.UtcNow;
        var response = await app.CreateClientWithKey(EventTrackerApp.HashedEditorKey).GetAsync("/api/v1/_probe/heavy-read");

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(ReadTimeLimitMiddleware.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.Headers.GetValues("Retry-After").Single());
        Assert.Contains("held the database", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the statement should have been stopped at the limit");

        // The database is free again: the next read is answered at once.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClientWithKey(EventTrackerApp.HashedEditorKey).GetAsync("/api/v1/event-types")).StatusCode);
    }

    [Fact]
    public async Task AClientThatAsksOnlyExpensiveQuestionsGetsFewerOfThemThanOneThatAsksCheapOnes()
    {
        var expensive = app.CreateClientWithKey(EventTrackerApp.ReaderKey);
        var cheap = app.CreateClientWithKey(EventTrackerApp.EditorKey);

        var expensiveAnswered = 0;
        for (var i = 0; i < 20 && (await expensive.GetAsync("/api/v1/_probe/busy?milliseconds=600")).StatusCode == HttpStatusCode.OK; i++)
        {
            expensiveAnswered++;
        }

        var cheapAnswered = 0;
        for (var i = 0; i < 20 && (await cheap.GetAsync("/api/v1/_probe/whoami")).StatusCode == HttpStatusCode.OK; i++)
        {
            cheapAnswered++;
        }

        // 600 ms weighs 1 + 6 permits of the 40: about six such reads spend the budget (fewer when a loaded machine makes
        // them slower); twenty cheap ones fit with room for the odd one that a loaded machine makes cost two.
        Assert.InRange(expensiveAnswered, 3, 7);
        Assert.Equal(20, cheapAnswered);
        await (await expensive.GetAsync("/api/v1/_probe/whoami")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task LongPollsOverTheClientsOrTheInstancesCapAreAnsweredAtOnceEmpty()
    {
        var admin = app.CreateAdminClient();
        var latest = await LatestCursorAsync(admin);
        var url = $"/api/v1/changes?after={Uri.EscapeDataString(latest)}&wait=20";

        var first = admin.GetAsync(url);
        var second = admin.GetAsync(url);
        await Task.Delay(500);
        Assert.False(first.IsCompleted || second.IsCompleted, "two polls of one client are held");

        var third = await TimedAsync(admin, url);
        Assert.True(third.Elapsed < TimeSpan.FromSeconds(5), "a client's third poll is answered at once");
        Assert.Empty(third.Body.GetProperty("items").EnumerateArray());
        Assert.Equal(latest, third.Body.GetProperty("nextCursor").GetString());

        var otherClient = app.CreateClient().GetAsync(url);
        await Task.Delay(500);
        Assert.False(otherClient.IsCompleted, "another client's poll is held: the instance holds three");
        var overInstance = await TimedAsync(app.CreateClientWithKey(EventTrackerApp.HashedEditorKey), url);
        Assert.True(overInstance.Elapsed < TimeSpan.FromSeconds(5), "a fourth poll on the instance is answered at once");

        // A change wakes the held polls; their places are free again afterwards.
        await new Seeder(app.CreateEditorClient()).OrganizationAsync("Long poll wake-up", countryCode: "IS");
        foreach (var held in new[] { first, second, otherClient })
        {
            var answer = await (await held.WaitAsync(TimeSpan.FromSeconds(15))).ReadJsonAsync();
            Assert.NotEmpty(answer.GetProperty("items").EnumerateArray());
        }

        var afterWake = admin.GetAsync($"/api/v1/changes?after={Uri.EscapeDataString(await LatestCursorAsync(admin))}&wait=2");
        await Task.Delay(500);
        Assert.False(afterWake.IsCompleted, "the places were given back: a new poll is held again");
        await afterWake;
    }

    private static async Task<string> LatestCursorAsync(HttpClient client)
    {
        string? cursor = null;
        while (true)
        {
            var page = await (await client.GetAsync("/api/v1/changes?limit=1000" + (cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor)))).ReadJsonAsync();
            cursor = page.GetProperty("nextCursor").GetString()!;
            if (page.GetProperty("items").GetArrayLength() == 0)
            {
                return cursor;
            }
        }
    }

    private static async Task<(TimeSpan Elapsed, System.Text.Json.JsonElement Body)> TimedAsync(HttpClient client, string url)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (System.Diagnostics.Stopwatch.GetElapsedTime(started), await response.ReadJsonAsync());
    }
}
