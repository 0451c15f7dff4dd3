using Dapper;
using System.Net;
using System.Net.Http.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Caching;

public sealed class ReadCacheApp : EventTrackerApp
{
    public const string OriginA = "https://a.example";
    public const string OriginB = "https://b.example";

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Cors:AllowedOrigins:0", OriginA),
        new("Cors:AllowedOrigins:1", OriginB),
    ];
}

public sealed class ReadCacheTests(ReadCacheApp app) : IClassFixture<ReadCacheApp>
{
    private async Task<(long Organization, long Event)> SeedAsync(string name)
    {
        var seed = new Seeder(app.CreateEditorClient());
        var organization = await seed.OrganizationAsync(name);
        var id = await seed.SimpleEventAsync($"{name} expels two diplomats", "2021-10-06", organization, "expulsion");
        return (organization, id);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure?.Invoke(request);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async Task<string[]> TitlesAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("title").GetString()!).ToArray();

    [Fact]
    public async Task RepeatedTimelineRequestIsServedFromMemoryWithTheSameBody()
    {
        var (organization, _) = await SeedAsync("Cache Repeat");
        var client = app.CreateClient();
        var url = $"/api/v1/timeline?organization={organization}";

        var first = await GetAsync(client, url);
        var second = await GetAsync(client, url);

        Assert.False(first.Headers.Age.HasValue);
        Assert.True(second.Headers.Age.HasValue, "the second identical request should be a cache hit (Age header)");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WriteThroughTheApiIsVisibleToTheVeryNextRead()
    {
        var (organization, _) = await SeedAsync("Cache Write");
        var client = app.CreateClient();
        var url = $"/api/v1/timeline?organization={organization}";
        await GetAsync(client, url);
        await GetAsync(client, url);

        await new Seeder(app.CreateEditorClient()).SimpleEventAsync("Cache Write recalls its ambassador", "2021-10-07", organization);

        var after = await GetAsync(client, url);
        Assert.False(after.Headers.Age.HasValue);
        Assert.Equal(["Cache Write expels two diplomats", "Cache Write recalls its ambassador"], await TitlesAsync(after));
    }

    [Fact]
    public async Task ChangeMadeByAnotherProcessIsVisibleToTheVeryNextRead()
    {
        var (organization, id) = await SeedAsync("Cache Outside");
        var client = app.CreateClient();
        var timeline = $"/api/v1/timeline?organization={organization}";
        var chain = $"/api/v1/events/{id}/chain";
        await GetAsync(client, timeline);
        await GetAsync(client, chain);

        // As the import command or a maintenance script would: straight into the file, not through the service.
        using (var database = app.OpenDatabase())
        {
            Assert.Equal(1, database.Execute("UPDATE organizations SET name = 'Cache Renamed' WHERE id = @Id", new { Id = organization }));
        }

        var participant = (await (await GetAsync(client, timeline)).ReadJsonAsync())
            .GetProperty("items")[0].GetProperty("participants")[0].GetProperty("name").GetString();
        Assert.Equal("Cache Renamed", participant);
        var actedBy = (await (await GetAsync(client, chain)).ReadJsonAsync())
            .GetProperty("steps")[0].GetProperty("actedBy")[0].GetString();
        Assert.Equal("Cache Renamed", actedBy);
    }

    [Fact]
    public async Task DeletedEventLeavesTheCachedTimelineAndHistogram()
    {
        var (organization, id) = await SeedAsync("Cache Delete");
        var client = app.CreateClient();
        var histogram = $"/api/v1/timeline/histogram?organization={organization}&interval=year";
        Assert.Equal(1, (await (await GetAsync(client, histogram)).ReadJsonAsync()).GetProperty("total").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateEditorClient().DeleteAsync($"/api/v1/events/{id}")).StatusCode);

        Assert.Equal(0, (await (await GetAsync(client, histogram)).ReadJsonAsync()).GetProperty("total").GetInt64());
        Assert.Empty(await TitlesAsync(await GetAsync(client, $"/api/v1/timeline?organization={organization}")));
    }

    [Fact]
    public async Task NoCacheFromAnAnonymousClientIsServedFromTheCache()
    {
        var (organization, _) = await SeedAsync("Cache Anonymous Fresh");
        var client = app.CreateClient();
        var url = $"/api/v1/timeline?organization={organization}";
        var first = await GetAsync(client, url);

        var noCache = await GetAsync(client, url, request => request.Headers.CacheControl = new() { NoCache = true });
        var pragma = await GetAsync(client, url, request => request.Headers.Pragma.ParseAdd("no-cache"));

        Assert.True(noCache.Headers.Age.HasValue, "an anonymous no-cache must not force a recomputation");
        Assert.True(pragma.Headers.Age.HasValue, "an anonymous Pragma: no-cache must not force a recomputation");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await noCache.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NoCacheRequestHeaderFromAClientWithAKeyGetsAFreshlyComputedResponse()
    {
        var (organization, _) = await SeedAsync("Cache Fresh");
        var client = app.CreateClientWithKey(EventTrackerApp.ReaderKey);
        var url = $"/api/v1/timeline?organization={organization}";
        await GetAsync(client, url);

        var fresh = await GetAsync(client, url, request => request.Headers.CacheControl = new() { NoCache = true });
        var pragma = await GetAsync(client, url, request => request.Headers.Pragma.ParseAdd("no-cache"));

        Assert.False(fresh.Headers.Age.HasValue);
        Assert.False(pragma.Headers.Age.HasValue);
    }

    [Fact]
    public async Task EachQueryIsKeptApart()
    {
        var (organization, _) = await SeedAsync("Cache Apart");
        await new Seeder(app.CreateEditorClient()).SimpleEventAsync("Cache Apart second", "2021-11-01", organization);
        var client = app.CreateClient();

        await GetAsync(client, $"/api/v1/timeline?organization={organization}&limit=1");
        var two = await GetAsync(client, $"/api/v1/timeline?organization={organization}&limit=2");
        var descending = await GetAsync(client, $"/api/v1/timeline?organization={organization}&limit=2&order=desc");

        Assert.Equal(["Cache Apart expels two diplomats", "Cache Apart second"], await TitlesAsync(two));
        Assert.Equal(["Cache Apart second", "Cache Apart expels two diplomats"], await TitlesAsync(descending));
    }

    [Fact]
    public async Task ErrorResponsesAreNeverKept()
    {
        var client = app.CreateClient();
        var first = await client.GetAsync("/api/v1/timeline?from=not-a-date");
        var second = await client.GetAsync("/api/v1/timeline?from=not-a-date");
        var missing = await client.GetAsync("/api/v1/events/999999/chain");
        var missingAgain = await client.GetAsync("/api/v1/events/999999/chain");

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingAgain.StatusCode);
        Assert.False(second.Headers.Age.HasValue);
        Assert.False(missingAgain.Headers.Age.HasValue);
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task EachOriginGetsItsOwnCorsHeaders()
    {
        var (organization, _) = await SeedAsync("Cache Origin");
        var client = app.CreateClient();
        var url = $"/api/v1/timeline?organization={organization}";

        foreach (var origin in new[] { ReadCacheApp.OriginA, ReadCacheApp.OriginB, ReadCacheApp.OriginA, ReadCacheApp.OriginB })
        {
            var response = await GetAsync(client, url, request => request.Headers.Add("Origin", origin));
            Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        }

        var withoutOrigin = await GetAsync(client, url);
        Assert.False(withoutOrigin.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task NewRelationIsVisibleInTheCachedChain()
    {
        var (organization, id) = await SeedAsync("Cache Chain");
        var client = app.CreateClient();
        var chain = $"/api/v1/events/{id}/chain";
        Assert.Single((await (await GetAsync(client, chain)).ReadJsonAsync()).GetProperty("steps").EnumerateArray());

        var response = await app.CreateEditorClient().PostAsJsonAsync("/api/v1/events", new
        {
            type = "retaliation_announced", title = "Cache Chain answer", date = "2021-10-08", status = "announced",
            participants = new[] { new { organizationId = organization, role = "initiator" } },
            relations = new[] { new { type = "responds_to", targetEventId = id } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        Assert.Equal(2, (await (await GetAsync(client, chain)).ReadJsonAsync()).GetProperty("steps").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/v1/timeline?organization={0}")]
    [InlineData("/api/v1/timeline/histogram?organization={0}&interval=month")]
    [InlineData("/api/v1/events/{1}/chain")]
    public async Task ETagFromTheDataVersionAnswers304UntilSomethingChanges(string template)
    {
        var (organization, id) = await SeedAsync("Cache ETag " + template.Length);
        var client = app.CreateClient();
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, organization, id);
        var first = await GetAsync(client, url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        foreach (var fresh in new[] { false, true })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.IfNoneMatch.Add(etag);
            if (fresh)
            {
                request.Headers.CacheControl = new() { NoCache = true };
            }

            var notModified = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(etag, notModified.Headers.ETag);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }

        await new Seeder(app.CreateEditorClient()).OrganizationAsync("Cache ETag unrelated change " + template.Length);

        using var afterChange = new HttpRequestMessage(HttpMethod.Get, url);
        afterChange.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(afterChange);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task ErrorAnswersCarryNoETag()
    {
        var client = app.CreateClient();
        Assert.Null((await client.GetAsync("/api/v1/timeline?from=not-a-date")).Headers.ETag);
        Assert.Null((await client.GetAsync("/api/v1/events/999999/chain")).Headers.ETag);
    }

    [Fact]
    public async Task InvalidRequestIs400EvenWithACurrentETag()
    {
        var client = app.CreateClient();
        var etag = (await GetAsync(client, "/api/v1/timeline")).Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timeline?limit=0");
        request.Headers.IfNoneMatch.Add(etag);

        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
