using System.Net;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Caching;

public sealed class ReadCacheOffApp : EventTrackerApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("ReadCache:Enabled", "false")];
}

public sealed class ReadCacheDisabledTests(ReadCacheOffApp app) : IClassFixture<ReadCacheOffApp>
{
    [Fact]
    public async Task WithTheCacheOffEveryAnswerIsComputedButETagsStillWork()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var organization = await seed.OrganizationAsync("Uncached State");
        await seed.SimpleEventAsync("Uncached expulsion", "2021-10-06", organization, "expulsion");
        var client = app.CreateClient();
        var url = $"/api/v1/timeline?organization={organization}";

        var first = await client.GetAsync(url);
        var second = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Age.HasValue);
        Assert.False(second.Headers.Age.HasValue);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(second.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(request)).StatusCode);
    }
}
