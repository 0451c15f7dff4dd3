using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Analyses;

/// <summary>The ledger's rules on data of its own: partial dates and overlap, second reports, sub-organizations.</summary>
public sealed class LedgerRulesTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private static object Measure(string title, string date, long initiator, long target, int expelled, object? relations = null) => new
    {
        type = "expulsion", title, date, status = "completed",
        participants = new[] { new { organizationId = initiator, role = "initiator" }, new { organizationId = target, role = "target" } },
        quantities = new[] { new { kind = "diplomats_expelled", value = expelled, unit = "persons" } },
        relations = relations ?? Array.Empty<object>(),
    };

    [Fact]
    public async Task PartialDatesSecondReportsAndSubOrganizationsFollowTheTimelinesRules()
    {
        var seeder = new Seeder(app.CreateEditorClient());
        var x = await seeder.OrganizationAsync("Ledger state X " + Guid.NewGuid().ToString("N")[..6], "state", "FI");
        var mission = await seeder.OrganizationAsync("Ledger mission of X", "diplomatic_mission", "FI", x);
        var y = await seeder.OrganizationAsync("Ledger state Y " + Guid.NewGuid().ToString("N")[..6], "state", "NO");
        var month = await seeder.EventAsync(Measure("X expels five (May)", "2019-05", x, y, 5));
        await seeder.EventAsync(Measure("X's mission expels three", "2019-06-10", mission, y, 3));
        await seeder.EventAsync(Measure("Second report of May", "2019-05-02", x, y, 5, new[] { new { type = "duplicates", targetEventId = month } }));
        await seeder.EventAsync(Measure("Y answers May", "2019-06-01", y, x, 5, new[] { new { type = "responds_to", targetEventId = month } }));
        var client = app.CreateClient();

        var all = await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}")).ReadJsonAsync();
        var inside = await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&from=2019-05-15&to=2019-06-30")).ReadJsonAsync();
        var overlapping = await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&from=2019-05-15&to=2019-06-30&overlap=true")).ReadJsonAsync();

        Assert.Equal(2, all.GetProperty("aToB").GetProperty("measures").GetInt32());
        Assert.Equal(8, all.GetProperty("aToB").GetProperty("diplomatsExpelled").GetInt64());
        Assert.Equal(3, all.GetProperty("balance").GetProperty("diplomatsExpelled").GetInt64());
        var exchange = Assert.Single(all.GetProperty("exchanges").EnumerateArray());
        Assert.Equal(month, exchange.GetProperty("measure").GetProperty("id").GetInt64());
        Assert.Equal(31, exchange.GetProperty("responses")[0].GetProperty("lagDays").GetInt32());
        Assert.Equal(["Y answers May", "X's mission expels three"],
            all.GetProperty("unanswered").EnumerateArray().Select(m => m.GetProperty("title").GetString()));
        Assert.Equal(1, inside.GetProperty("aToB").GetProperty("measures").GetInt32());
        Assert.Equal(2, overlapping.GetProperty("aToB").GetProperty("measures").GetInt32());
    }
}
