using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Timeline;

/// <summary>
/// The histogram of an organization or actor counts from the participants' copies of each event's date,
/// type and deleted flag; these prove the copies follow every change to the event.
/// </summary>
public sealed class HistogramCountingTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private async Task<JsonElement> YearAsync(string query)
    {
        var response = await app.CreateClient().GetAsync("/api/v1/timeline/histogram?interval=year&" + query);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static object Event(string title, string type, string date, params object[] participants) =>
        new { type, title, date, status = "completed", participants };

    [Fact]
    public async Task EventWithSeveralParticipantsInScopeCountsOnce()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var state = await seed.OrganizationAsync("Counting State");
        var ministry = await seed.OrganizationAsync("Counting Ministry", "ministry", parentId: state);
        var spokesperson = await seed.ActorAsync("Counting Spokesperson");
        await seed.EventAsync(Event("Both sides of one state", "statement", "2021-10-06",
            new { organizationId = state, role = "initiator" }, new { organizationId = ministry, role = "spokesperson" },
            new { actorId = spokesperson, role = "spokesperson" }, new { actorId = spokesperson, role = "initiator" }));

        var byState = await YearAsync($"organization={state}");
        var byActor = await YearAsync($"actor={spokesperson}");

        Assert.Equal(1, byState.GetProperty("total").GetInt64());
        Assert.Equal(1, byState.GetProperty("buckets")[0].GetProperty("byType").GetProperty("statement").GetInt64());
        Assert.Equal(1, byActor.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task DeletedEventIsNoLongerCounted()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var state = await seed.OrganizationAsync("Deleting State");
        var actor = await seed.ActorAsync("Deleting Minister");
        var kept = await seed.EventAsync(Event("Kept", "expulsion", "2020-03", new { organizationId = state, role = "initiator" }, new { actorId = actor, role = "initiator" }));
        var deleted = await seed.EventAsync(Event("Deleted", "expulsion", "2020-04", new { organizationId = state, role = "initiator" }, new { actorId = actor, role = "initiator" }));
        Assert.Equal(2, (await YearAsync($"organization={state}")).GetProperty("total").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateEditorClient().DeleteAsync($"/api/v1/events/{deleted}")).StatusCode);

        Assert.Equal(1, (await YearAsync($"organization={state}")).GetProperty("total").GetInt64());
        Assert.Equal(1, (await YearAsync($"actor={actor}")).GetProperty("total").GetInt64());
        Assert.Equal(1, (await YearAsync($"organization={state}&type=expulsion")).GetProperty("total").GetInt64());
        var timeline = await (await app.CreateClient().GetAsync($"/api/v1/timeline?organization={state}")).ReadJsonAsync();
        Assert.Equal([kept], timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task ChangedTypeAndDateMoveTheCount()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var state = await seed.OrganizationAsync("Changing State");
        var id = await seed.EventAsync(Event("Changing", "statement", "2019-05-01", new { organizationId = state, role = "initiator" }));

        var update = await app.CreateEditorClient().PutAsJsonAsync($"/api/v1/events/{id}",
            Event("Changing", "expulsion", "2022-02-02", new { organizationId = state, role = "initiator" }));
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        var body = await YearAsync($"organization={state}");
        var bucket = Assert.Single(body.GetProperty("buckets").EnumerateArray());
        Assert.Equal("2022", bucket.GetProperty("label").GetString());
        Assert.Equal(1, bucket.GetProperty("byType").GetProperty("expulsion").GetInt64());
        Assert.Equal(0, (await YearAsync($"organization={state}&type=statement")).GetProperty("total").GetInt64());
        Assert.Equal(1, (await YearAsync($"organization={state}&type=expulsion")).GetProperty("total").GetInt64());
    }
}
