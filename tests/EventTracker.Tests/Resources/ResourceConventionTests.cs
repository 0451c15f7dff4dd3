using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Resources;

/// <summary>The conventions every resource shares: paging, ETags, preconditions, history, soft delete, access.</summary>
public sealed class ResourceConventionTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private readonly HttpClient _editor = app.CreateEditorClient();
    private Seeder Seed => new(_editor);

    public static TheoryData<string> Resources => new() { "organizations", "actors", "sources", "events" };

    /// <summary>Creates one valid record of the resource and returns (id, body used).</summary>
    private async Task<(long Id, object Body)> CreateAsync(string resource)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        object body = resource switch
        {
            "organizations" => new { name = "Org " + unique, kind = "other" },
            "actors" => new { name = "Actor " + unique },
            "sources" => new { title = "Source " + unique, url = $"https://example.com/{unique}" },
            "events" => new
            {
                type = "statement", title = "Event " + unique, date = "2021-10-07", status = "completed",
                participants = new[] { new { organizationId = await Seed.OrganizationAsync("P " + unique, "other", null), role = "commentator" } },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(resource)),
        };
        var created = await Seed.PostAsync($"/api/v1/{resource}", body);
        return (created.GetProperty("id").GetInt64(), body);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task PagingVisitsEveryRecordOnceEvenWithInsertsBetweenPages(string resource)
    {
        for (var i = 0; i < 7; i++)
        {
            await CreateAsync(resource);
        }

        var expected = await AllIdsAsync(resource, limit: 500);
        var seen = new List<long>();
        string? cursor = null;
        var inserted = new List<long>();
        do
        {
            var url = $"/api/v1/{resource}?limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await app.CreateClient().GetAsync(url)).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
            inserted.Add((await CreateAsync(resource)).Id);
        }
        while (cursor is not null);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Subset(seen.ToHashSet(), expected.ToHashSet());
        Assert.Equal(seen.Order().ToList(), seen);
    }

    private async Task<List<long>> AllIdsAsync(string resource, int limit)
    {
        var page = await (await app.CreateClient().GetAsync($"/api/v1/{resource}?limit={limit}")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()).ToList();
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task LastPageHasNullNextCursor(string resource)
    {
        await CreateAsync(resource);
        var page = await (await app.CreateClient().GetAsync($"/api/v1/{resource}?limit=500")).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("organizations", "limit=501")]
    [InlineData("actors", "limit=0")]
    [InlineData("sources", "limit=-3")]
    [InlineData("events", "limit=1000")]
    public async Task LimitOutsideOneTo500Is400(string resource, string query) =>
        await (await app.CreateClient().GetAsync($"/api/v1/{resource}?{query}")).AssertValidationErrorAsync("limit");

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task TamperedCursorIs400(string resource)
    {
        await CreateAsync(resource);
        await CreateAsync(resource);
        var page = await (await app.CreateClient().GetAsync($"/api/v1/{resource}?limit=1")).ReadJsonAsync();
        var cursor = page.GetProperty("nextCursor").GetString()!;
        var tampered = (cursor[^3] == 'A' ? 'B' : 'A') + cursor[1..];

        foreach (var bad in new[] { tampered, cursor[..^2], "not-a-cursor", "%%%" })
        {
            var response = await app.CreateClient().GetAsync($"/api/v1/{resource}?limit=1&cursor={Uri.EscapeDataString(bad)}");
            await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task CursorReusedWithAnotherSearchIs400()
    {
        await CreateAsync("organizations");
        await CreateAsync("organizations");
        var page = await (await app.CreateClient().GetAsync("/api/v1/organizations?limit=1")).ReadJsonAsync();
        var cursor = Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!);
        var response = await app.CreateClient().GetAsync($"/api/v1/organizations?limit=1&q=org&cursor={cursor}");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task IfNoneMatchWithTheCurrentETagIs304(string resource)
    {
        var (id, _) = await CreateAsync(resource);
        var first = await app.CreateClient().GetAsync($"/api/v1/{resource}/{id}");
        var etag = first.Headers.ETag!;
        Assert.Equal($"\"{id}-1\"", etag.Tag);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/{resource}/{id}");
        request.Headers.IfNoneMatch.Add(etag);
        var second = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/{resource}/{id}");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{id}-0\""));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(stale)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task PutWithStaleIfMatchIs412AndChangesNothing(string resource)
    {
        var (id, body) = await CreateAsync(resource);
        var current = await _editor.PutAsJsonAsync($"/api/v1/{resource}/{id}", body);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal($"\"{id}-2\"", current.Headers.ETag!.Tag);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/{resource}/{id}") { Content = JsonContent.Create(body) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{id}-1\""));
        var problem = await (await _editor.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal($"\"{id}-2\"", problem.GetProperty("currentETag").GetString());

        var fresh = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/{resource}/{id}") { Content = JsonContent.Create(body) };
        fresh.Headers.IfMatch.Add(current.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, (await _editor.SendAsync(fresh)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task DeleteWithStaleIfMatchIs412(string resource)
    {
        var (id, body) = await CreateAsync(resource);
        await _editor.PutAsJsonAsync($"/api/v1/{resource}/{id}", body);
        var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/{resource}/{id}");
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{id}-1\""));
        await (await _editor.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/v1/{resource}/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task DeleteIsSoftGoneFromListsAndKeptInHistoryNewestFirst(string resource)
    {
        var (id, body) = await CreateAsync(resource);
        await _editor.PutAsJsonAsync($"/api/v1/{resource}/{id}", body);
        Assert.Equal(HttpStatusCode.NoContent, (await _editor.DeleteAsync($"/api/v1/{resource}/{id}")).StatusCode);

        await (await app.CreateClient().GetAsync($"/api/v1/{resource}/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, await AllIdsAsync(resource, 500));
        await (await _editor.DeleteAsync($"/api/v1/{resource}/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var history = await (await app.CreateClient().GetAsync($"/api/v1/{resource}/{id}/history")).ReadJsonAsync();
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["deleted", "updated", "created"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.Equal([3L, 2L, 1L], items.Select(i => i.GetProperty("version").GetInt64()));
        Assert.All(items, item => Assert.Equal("test-editor", item.GetProperty("changedBy").GetString()));
        Assert.All(items, item => Assert.Equal(id, item.GetProperty("snapshot").GetProperty("id").GetInt64()));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task HistoryOfAnUnknownRecordIs404(string resource) =>
        await (await app.CreateClient().GetAsync($"/api/v1/{resource}/777777/history")).AssertProblemAsync(HttpStatusCode.NotFound);

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task WritesWithoutAKeyAre401AndWithAReaderKeyAre403(string resource)
    {
        var (id, body) = await CreateAsync(resource);
        var anonymous = app.CreateClient();
        var reader = app.CreateClientWithKey(EventTrackerApp.ReaderKey);
        await (await anonymous.PostAsJsonAsync($"/api/v1/{resource}", body)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PutAsJsonAsync($"/api/v1/{resource}/{id}", body)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync($"/api/v1/{resource}/{id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await reader.PostAsJsonAsync($"/api/v1/{resource}", body)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.PutAsJsonAsync($"/api/v1/{resource}/{id}", body)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.DeleteAsync($"/api/v1/{resource}/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task UpdateOfAnUnknownRecordIs404(string resource)
    {
        var (_, body) = await CreateAsync(resource);
        await (await _editor.PutAsJsonAsync($"/api/v1/{resource}/888888", body)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task OversizedBodyIs413(string resource)
    {
        var huge = $$"""{"name": "{{new string('x', 1_100_000)}}"}""";
        var response = await _editor.PostAsync($"/api/v1/{resource}", new StringContent(huge, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task MalformedJsonIs400(string resource)
    {
        var response = await _editor.PostAsync($"/api/v1/{resource}", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeletingAnOrganizationUsedByALiveEventIs409NamingTheEvent()
    {
        var org = await Seed.OrganizationAsync("In use", "other", null);
        var eventId = await Seed.SimpleEventAsync("Uses the org", "2021-10-06", org);
        var problem = await (await _editor.DeleteAsync($"/api/v1/organizations/{org}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(eventId, problem.GetProperty("referencingEventIds").EnumerateArray().Select(e => e.GetInt64()));

        Assert.Equal(HttpStatusCode.NoContent, (await _editor.DeleteAsync($"/api/v1/events/{eventId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _editor.DeleteAsync($"/api/v1/organizations/{org}")).StatusCode);
    }

    [Fact]
    public async Task DeletingAnOrganizationWithLiveSubOrganizationsIs409()
    {
        var parent = await Seed.OrganizationAsync("Parent in use");
        var child = await Seed.OrganizationAsync("Child", "ministry", parentId: parent);
        var problem = await (await _editor.DeleteAsync($"/api/v1/organizations/{parent}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(child, problem.GetProperty("childOrganizationIds").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task DeletingAnActorWhoSpeaksInALiveEventIs409()
    {
        var org = await Seed.OrganizationAsync("Speaker org", "other", null);
        var actor = await Seed.ActorAsync("Speaker");
        var source = await Seed.SourceAsync("Speaker source");
        var eventId = await Seed.EventAsync(new
        {
            type = "statement", title = "Quoted", date = "2021-10-08", status = "completed",
            participants = new[] { new { organizationId = org, role = "initiator" } },
            citations = new[] { new { sourceId = source, quote = "there is no cooperation", speakerActorId = actor } },
        });
        var problem = await (await _editor.DeleteAsync($"/api/v1/actors/{actor}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(eventId, problem.GetProperty("referencingEventIds").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task DeletingAnActorWhoParticipatesInALiveEventIs409()
    {
        var actor = await Seed.ActorAsync("Participant");
        var eventId = await Seed.EventAsync(new
        {
            type = "statement", title = "Spoke", date = "2021-10-08", status = "completed",
            participants = new[] { new { actorId = actor, role = "spokesperson" } },
        });
        var problem = await (await _editor.DeleteAsync($"/api/v1/actors/{actor}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(eventId, problem.GetProperty("referencingEventIds").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task DeletingACitedSourceIs409()
    {
        var org = await Seed.OrganizationAsync("Cite org", "other", null);
        var source = await Seed.SourceAsync("Cited");
        var eventId = await Seed.EventAsync(new
        {
            type = "statement", title = "Cites", date = "2021-10-08", status = "completed",
            participants = new[] { new { organizationId = org, role = "initiator" } },
            citations = new[] { new { sourceId = source } },
        });
        var problem = await (await _editor.DeleteAsync($"/api/v1/sources/{source}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(eventId, problem.GetProperty("referencingEventIds").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task DeletingAnEventThatAnotherAnswersIs409()
    {
        var org = await Seed.OrganizationAsync("Chain org", "other", null);
        var original = await Seed.SimpleEventAsync("Original measure", "2021-10-06", org, "staff_cap");
        var answer = await Seed.EventAsync(new
        {
            type = "retaliation_announced", title = "Answer", date = "2021-10-07", status = "announced",
            participants = new[] { new { organizationId = org, role = "initiator" } },
            relations = new[] { new { type = "responds_to", targetEventId = original } },
        });
        var problem = await (await _editor.DeleteAsync($"/api/v1/events/{original}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(answer, problem.GetProperty("referencingEventIds").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task ReferencingADeletedRecordIsAValidationError()
    {
        var org = await Seed.OrganizationAsync("Soon gone", "other", null);
        Assert.Equal(HttpStatusCode.NoContent, (await _editor.DeleteAsync($"/api/v1/organizations/{org}")).StatusCode);
        var response = await _editor.PostAsJsonAsync("/api/v1/events", new
        {
            type = "statement", title = "Late", date = "2021-10-08", status = "completed",
            participants = new[] { new { organizationId = org, role = "initiator" } },
        });
        await response.AssertValidationErrorAsync("participants[0].organizationId");
    }

    [Theory]
    [InlineData("+{id}")]
    [InlineData("0{id}")]
    [InlineData("%20{id}")]
    [InlineData("-{id}")]
    public async Task OnlyTheCanonicalIdNamesARecord(string template)
    {
        var (id, _) = await CreateAsync("organizations");
        var path = "/api/v1/organizations/" + template.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await (await app.CreateClient().GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _editor.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/v1/organizations/{id}")).StatusCode);
    }
}
