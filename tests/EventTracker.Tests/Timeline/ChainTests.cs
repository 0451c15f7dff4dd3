using System.Net;
using System.Net.Http.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Timeline;

public sealed class ChainTests(TimelineDataSet data) : IClassFixture<TimelineDataSet>
{
    [Fact]
    public async Task ChainFollowsRelationsBothWaysInDateOrderWithLagsAndActors()
    {
        foreach (var start in new[] { data.Withdrawal, data.MonthStatement, data.Suspension })
        {
            var chain = await (await data.CreateClient().GetAsync($"/api/v1/events/{start}/chain")).ReadJsonAsync();
            var steps = chain.GetProperty("steps").EnumerateArray().ToList();
            Assert.Equal([data.MonthStatement, data.Withdrawal, data.Retaliation, data.Suspension],
                steps.Select(s => s.GetProperty("event").GetProperty("id").GetInt64()));
            Assert.False(chain.GetProperty("truncated").GetBoolean());

            var edges = chain.GetProperty("edges").EnumerateArray()
                .ToDictionary(e => (e.GetProperty("fromEventId").GetInt64(), e.GetProperty("toEventId").GetInt64()));
            Assert.Equal(3, edges.Count);
            Assert.Equal(1, edges[(data.Retaliation, data.Withdrawal)].GetProperty("lagDays").GetInt32());
            Assert.Equal("responds_to", edges[(data.Retaliation, data.Withdrawal)].GetProperty("type").GetString());
            Assert.Equal(12, edges[(data.Suspension, data.Withdrawal)].GetProperty("lagDays").GetInt32());
            // A statement dated only 2021-10 follows up one of 2021-10-07: anywhere from 6 days before to 24 after.
            var monthEdge = edges[(data.MonthStatement, data.Retaliation)];
            Assert.Equal(System.Text.Json.JsonValueKind.Null, monthEdge.GetProperty("lagDays").ValueKind);
            Assert.Equal(-6, monthEdge.GetProperty("lagDaysMin").GetInt32());
            Assert.Equal(24, monthEdge.GetProperty("lagDaysMax").GetInt32());
            Assert.Equal(1, edges[(data.Retaliation, data.Withdrawal)].GetProperty("lagDaysMin").GetInt32());
            Assert.Equal(1, edges[(data.Retaliation, data.Withdrawal)].GetProperty("lagDaysMax").GetInt32());

            var suspension = steps.Single(s => s.GetProperty("event").GetProperty("id").GetInt64() == data.Suspension);
            Assert.Equal(["Russian Federation"], suspension.GetProperty("actedBy").EnumerateArray().Select(a => a.GetString()));
        }
    }

    [Fact]
    public async Task UnrelatedEventIsAChainOfOne()
    {
        var chain = await (await data.CreateClient().GetAsync($"/api/v1/events/{data.UsExpulsion}/chain")).ReadJsonAsync();
        Assert.Single(chain.GetProperty("steps").EnumerateArray());
        Assert.Empty(chain.GetProperty("edges").EnumerateArray());
    }

    [Fact]
    public async Task CyclesEndAndBranchesAreAllFollowed()
    {
        var seed = new Seeder(data.CreateEditorClient());
        var org = await seed.OrganizationAsync("Cycle org", "other", null);
        var a = await seed.SimpleEventAsync("Cycle A", "2022-01-01", org);
        var b = await seed.EventAsync(new
        {
            type = "statement", title = "Cycle B", date = "2022-01-05", status = "completed",
            participants = new[] { new { organizationId = org, role = "initiator" } },
            relations = new[] { new { type = "responds_to", targetEventId = a } },
        });
        var c = await seed.EventAsync(new
        {
            type = "statement", title = "Branch C", date = "2022-01-03", status = "completed",
            participants = new[] { new { organizationId = org, role = "initiator" } },
            relations = new[] { new { type = "responds_to", targetEventId = a } },
        });
        var editor = data.CreateEditorClient();
        var update = await editor.PutAsJsonAsync($"/api/v1/events/{a}", new
        {
            type = "statement", title = "Cycle A", date = "2022-01-01", status = "completed",
            participants = new[] { new { organizationId = org, role = "initiator" } },
            relations = new[] { new { type = "follows_up", targetEventId = b } },
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        var chain = await (await data.CreateClient().GetAsync($"/api/v1/events/{b}/chain")).ReadJsonAsync();
        Assert.Equal([a, c, b], chain.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("event").GetProperty("id").GetInt64()));
        Assert.Equal(3, chain.GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task ChainOfAnUnknownEventIs404() =>
        await (await data.CreateClient().GetAsync("/api/v1/events/999999/chain")).AssertProblemAsync(HttpStatusCode.NotFound);
}
