using System.Net;
using System.Net.Http.Json;
using EventTracker.Tests.Infrastructure;
using EventTracker.Tests.Operations;

namespace EventTracker.Tests.Drafts;

/// <summary>Drafting as one types must not spend the write budget: it draws on the read budget; committing is a write.</summary>
public sealed class DraftRateLimitTests(TightBudgetsApp app) : IClassFixture<TightBudgetsApp>
{
    [Fact]
    public async Task DraftsDrawOnTheReadBudgetAndLeaveTheWriteBudgetToCommits()
    {
        var editor = app.CreateClientWithKey(EventTrackerApp.HashedEditorKey);
        var body = new { text = "Estonia on Tuesday ordered a Russian diplomat to leave the country within five days.", publishedAt = "2022-01-11" };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync("/api/v1/drafts", body)).StatusCode);
        }

        // The read budget (3) is spent; the write budget (2) is untouched and takes two commits.
        await (await editor.PostAsJsonAsync("/api/v1/drafts", body)).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await (await editor.GetAsync("/api/v1/event-types")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var bad = new { source = new { title = "" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PostAsJsonAsync("/api/v1/drafts/commit", bad)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PostAsJsonAsync("/api/v1/drafts/commit", bad)).StatusCode);
        await (await editor.PostAsJsonAsync("/api/v1/drafts/commit", bad)).AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }
}
