using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Changes;

/// <summary>GET /api/v1/changes, on the store the run is for.</summary>
public sealed class ChangeFeedTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private readonly HttpClient _reader = app.CreateClientWithKey(EventTrackerApp.ReaderKey);
    private readonly HttpClient _editor = app.CreateEditorClient();

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    private static (string Kind, long Id, string Action) Summary(JsonElement item) =>
        (item.GetProperty("kind").GetString()!, item.GetProperty("id").GetInt64(), item.GetProperty("action").GetString()!);

    [Fact]
    public async Task EveryKindAndActionAppearsInCommitOrderAndADeleteCarriesNoRecord()
    {
        var feed = new FeedFollower(_reader, await FeedFollower.EndAsync(_reader));
        var seeder = new Seeder(_editor);
        var organization = await seeder.OrganizationAsync(Unique("Feed org"), "other", null);
        var actor = await seeder.ActorAsync(Unique("Feed actor"));
        var source = await seeder.SourceAsync(Unique("Feed source"));
        var @event = await seeder.SimpleEventAsync(Unique("Feed event"), "2021-10-06", organization);
        (await _editor.PutAsJsonAsync($"/api/v1/actors/{actor}", new { name = Unique("Renamed actor") })).EnsureSuccessStatusCode();
        (await _editor.PutAsJsonAsync($"/api/v1/sources/{source}", new { title = Unique("Retitled source") })).EnsureSuccessStatusCode();
        (await _editor.DeleteAsync($"/api/v1/events/{@event}")).EnsureSuccessStatusCode();
        (await _editor.PutAsJsonAsync($"/api/v1/organizations/{organization}", new { name = Unique("Renamed org"), kind = "other" })).EnsureSuccessStatusCode();
        (await _editor.DeleteAsync($"/api/v1/organizations/{organization}")).EnsureSuccessStatusCode();
        (await _editor.DeleteAsync($"/api/v1/actors/{actor}")).EnsureSuccessStatusCode();

        await feed.CatchUpAsync();

        Assert.Equal(
        [
            ("organization", organization, "created"), ("actor", actor, "created"), ("source", source, "created"), ("event", @event, "created"),
            ("actor", actor, "updated"), ("source", source, "updated"), ("event", @event, "deleted"),
            ("organization", organization, "updated"), ("organization", organization, "deleted"), ("actor", actor, "deleted"),
        ], feed.Items.Select(Summary));
        Assert.All(feed.Items.Where(item => item.GetProperty("action").GetString() == "deleted"),
            item => Assert.Equal(JsonValueKind.Null, item.GetProperty("record").ValueKind));
        Assert.Equal([1L, 1, 1, 1, 2, 2, 2, 2, 3, 3], feed.Items.Select(item => item.GetProperty("version").GetInt64()));
        Assert.All(feed.Items, item => Assert.True(item.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5)));
        var sourceItem = feed.Items.Single(item => Summary(item) == ("source", source, "updated"));
        Assert.Equal(await _reader.GetStringAsync($"/api/v1/sources/{source}"), sourceItem.GetProperty("record").GetRawText());
    }

    [Fact]
    public async Task AnEventIsServedExactlyAsGetReturnsIt()
    {
        var feed = new FeedFollower(_reader, await FeedFollower.EndAsync(_reader));
        var organization = await new Seeder(_editor).OrganizationAsync(Unique("Served org"));
        var @event = await new Seeder(_editor).SimpleEventAsync(Unique("Served event"), "2021-10", organization, "expulsion");

        await feed.CatchUpAsync();

        Assert.Equal(await _reader.GetStringAsync($"/api/v1/events/{@event}"), feed.Replica[("event", @event)]);
        Assert.Equal(await _reader.GetStringAsync($"/api/v1/organizations/{organization}"), feed.Replica[("organization", organization)]);
    }

    [Fact]
    public async Task AKindFilterServesOnlyThoseKindsAndItsCursorCarriesOn()
    {
        var start = await FeedFollower.EndAsync(_reader);
        var seeder = new Seeder(_editor);
        var organization = await seeder.OrganizationAsync(Unique("Filtered org"), "other", null);
        var first = await seeder.SimpleEventAsync(Unique("Filtered event"), "2021-10-06", organization);
        await seeder.ActorAsync(Unique("Filtered actor"));

        var events = new FeedFollower(_reader, start);
        await events.CatchUpAsync("&kind=event");
        Assert.Equal([("event", first, "created")], events.Items.Select(Summary));

        var second = await seeder.SimpleEventAsync(Unique("Later event"), "2021-10-07", organization);
        await events.CatchUpAsync("&kind=event");
        Assert.Equal([first, second], events.Items.Select(item => item.GetProperty("id").GetInt64()));

        var two = new FeedFollower(_reader, start);
        await two.CatchUpAsync("&kind=organization&kind=actor");
        Assert.Equal(["organization", "actor"], two.Items.Select(item => item.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task RenamingAnOrganizationIsFollowedByAnUpdateOfEveryRecordThatShowsItsName()
    {
        var seeder = new Seeder(_editor);
        var state = await seeder.OrganizationAsync(Unique("Old name"));
        var ministry = await seeder.OrganizationAsync(Unique("Ministry"), "ministry", "RU", state);
        var spokesperson = (await seeder.PostAsync("/api/v1/actors",
            new { name = Unique("Spokesperson"), affiliations = new[] { new { organizationId = state, title = "spokesperson" } } })).GetProperty("id").GetInt64();
        var @event = await seeder.SimpleEventAsync(Unique("Shows the state"), "2021-10-06", state);
        var feed = new FeedFollower(_reader, await FeedFollower.EndAsync(_reader));
        foreach (var (kind, id) in new[] { ("organization", state), ("organization", ministry), ("actor", spokesperson), ("event", @event) })
        {
            feed.Replica[(kind, id)] = await _reader.GetStringAsync($"/api/v1/{FeedFollower.PathOf(kind)}/{id}");
        }

        (await _editor.PutAsJsonAsync($"/api/v1/organizations/{state}", new { name = Unique("New name"), kind = "state", countryCode = "RU" })).EnsureSuccessStatusCode();
        await feed.CatchUpAsync();

        Assert.Equal(("organization", state, "updated"), Summary(feed.Items[0]));
        Assert.Equal(
            new[] { ("actor", spokesperson, "updated"), ("event", @event, "updated"), ("organization", ministry, "updated") }.Order(),
            feed.Items.Skip(1).Select(Summary).Order());
        foreach (var ((kind, id), json) in feed.Replica)
        {
            Assert.Equal(await _reader.GetStringAsync($"/api/v1/{FeedFollower.PathOf(kind)}/{id}"), json);
        }
    }

    [Fact]
    public async Task AnOrganizationMovedToAnotherParentUpdatesBothParents()
    {
        var seeder = new Seeder(_editor);
        var oldParent = await seeder.OrganizationAsync(Unique("Old parent"));
        var newParent = await seeder.OrganizationAsync(Unique("New parent"));
        var child = await seeder.OrganizationAsync(Unique("Moving child"), "ministry", "RU", oldParent);
        var feed = new FeedFollower(_reader, await FeedFollower.EndAsync(_reader));

        (await _editor.PutAsJsonAsync($"/api/v1/organizations/{child}", new { name = Unique("Moved child"), kind = "ministry", countryCode = "RU", parentId = newParent }))
            .EnsureSuccessStatusCode();
        await feed.CatchUpAsync();

        Assert.Equal(new[] { child, newParent, oldParent }.Order(), feed.Items.Select(item => item.GetProperty("id").GetInt64()).Order());
        Assert.Equal(await _reader.GetStringAsync($"/api/v1/organizations/{oldParent}"), feed.Replica[("organization", oldParent)]);
    }

    [Fact]
    public async Task ALongPollReturnsAsSoonAsAChangeLands()
    {
        var feed = new FeedFollower(_reader, await FeedFollower.EndAsync(_reader));
        var clock = Stopwatch.StartNew();
        var polling = feed.PollAsync(wait: 20);
        await Task.Delay(500);
        Assert.False(polling.IsCompleted);

        var organization = await new Seeder(_editor).OrganizationAsync(Unique("Awaited org"), "other", null);

        Assert.Equal(1, await polling);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"answered after {clock.Elapsed}");
        Assert.Equal(("organization", organization, "created"), Summary(feed.Items[0]));
    }

    [Fact]
    public async Task ALongPollWithNothingNewAnswersEmptyAfterItsWait()
    {
        var end = await FeedFollower.EndAsync(_reader);
        var feed = new FeedFollower(_reader, end);
        var clock = Stopwatch.StartNew();

        Assert.Equal(0, await feed.PollAsync(wait: 1, kinds: "&kind=source"));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"answered after {clock.Elapsed}");
        Assert.Equal(0, await feed.PollAsync());
    }

    [Theory]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("wait=26", "wait")]
    [InlineData("wait=-1", "wait")]
    [InlineData("kind=treaty", "kind[0]")]
    public async Task InvalidParametersAreRefusedWith400(string query, string field)
    {
        var response = await _reader.GetAsync("/api/v1/changes?" + query);

        await response.AssertValidationErrorAsync(field);
    }

    [Fact]
    public async Task ATamperedCursorOrATimelineCursorIsRefused()
    {
        await new Seeder(_editor).OrganizationAsync(Unique("Cursor org"), "other", null);
        await new Seeder(_editor).OrganizationAsync(Unique("Second cursor org"), "other", null);
        var page = await (await _reader.GetAsync("/api/v1/changes?limit=1")).ReadJsonAsync();
        var cursor = page.GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? 'B' : 'A') + cursor[^1];
        var timeline = await (await _reader.GetAsync("/api/v1/organizations?limit=1")).ReadJsonAsync();

        await (await _reader.GetAsync("/api/v1/changes?after=" + Uri.EscapeDataString(tampered))).AssertValidationErrorAsync("after");
        await (await _reader.GetAsync("/api/v1/changes?after=" + Uri.EscapeDataString(timeline.GetProperty("nextCursor").GetString()!)))
            .AssertValidationErrorAsync("after");
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync("/api/v1/changes?after=" + Uri.EscapeDataString(cursor))).StatusCode);
    }

    [Fact]
    public async Task TheFeedIsOpenLikeOtherReadsAndNotCached()
    {
        var anonymous = app.CreateClient();
        var end = await FeedFollower.EndAsync(anonymous);
        await new Seeder(_editor).OrganizationAsync(Unique("Open org"), "other", null);

        var response = await anonymous.GetAsync("/api/v1/changes?after=" + Uri.EscapeDataString(end));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await response.ReadJsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task AnExportSaysTheFeedPositionItCorrespondsTo()
    {
        var seeder = new Seeder(_editor);
        var organization = await seeder.OrganizationAsync(Unique("Exported org"), "other", null);
        var before = await seeder.SimpleEventAsync(Unique("Exported"), "2021-10-06", organization);

        var export = await _reader.GetAsync($"/api/v1/events/export?format=ndjson&organization={organization}");
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var cursor = Assert.Single(export.Headers.GetValues("Changes-Cursor"));
        var after = await seeder.SimpleEventAsync(Unique("Not exported"), "2021-10-07", organization);

        Assert.Equal(before, JsonDocument.Parse(Assert.Single(lines)).RootElement.GetProperty("id").GetInt64());
        var feed = new FeedFollower(_reader, cursor);
        await feed.CatchUpAsync();
        Assert.Equal([("event", after, "created")], feed.Items.Select(Summary));
    }

    [Fact]
    public async Task SixteenConcurrentWritersAndAFollowerEndWithTheSameDataAndNoChangeSeenTwice()
    {
        var editors = Enumerable.Range(0, 16).Select(_ => app.CreateEditorClient()).ToList();

        await ReplicaScenario.RunAsync(editors, _reader, TimeSpan.FromSeconds(4));
    }
}
