using System.Net;
using Dapper;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Import;

public sealed class DemoSeededApp : EventTrackerApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("Seed:Demo", "true")];
}

public sealed class DemoSeedTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private async Task<long> OrganizationIdAsync(string name)
    {
        var page = await (await app.CreateClient().GetAsync($"/api/v1/organizations?q={Uri.EscapeDataString(name)}")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().First(i => i.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task TheDemoSetAnswersWhatRussiaAndNatoDidToEachOtherInOctober2021()
    {
        var nato = await OrganizationIdAsync("NATO");
        var russia = await OrganizationIdAsync("Russian Federation");
        var page = await (await app.CreateClient().GetAsync($"/api/v1/timeline?organization={nato}&counterpart={russia}&from=2021-10&to=2021-10")).ReadJsonAsync();
        var items = page.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(
            ["2021-10-06", "2021-10-06", "2021-10-07", "2021-10-07", "2021-10-08", "2021-10-18", "2021-10-18"],
            items.Select(i => i.GetProperty("date").GetString()));
        Assert.Equal(
            ["accreditation_withdrawal", "staff_cap", "retaliation_announced", "dialogue_offer", "retaliation_announced", "mission_closure", "mission_closure"],
            items.Select(i => i.GetProperty("type").GetString()));

        var withdrawal = items[0];
        Assert.Equal(8, withdrawal.GetProperty("quantities")[0].GetProperty("value").GetInt64());
        var cap = items[1].GetProperty("quantities").EnumerateArray().ToDictionary(q => q.GetProperty("kind").GetString()!, q => q.GetProperty("value").GetInt64());
        Assert.Equal(20, cap["staff_before"]);
        Assert.Equal(10, cap["staff_after"]);
        Assert.Equal("2021-11-01", items[5].GetProperty("endDate").GetString());
        Assert.Contains(items[2].GetProperty("participants").EnumerateArray(), p => p.GetProperty("name").GetString() == "Maria Zakharova");
        Assert.Contains(items[4].GetProperty("participants").EnumerateArray(), p => p.GetProperty("name").GetString() == "Dmitry Peskov");
        Assert.Contains(items[5].GetProperty("participants").EnumerateArray(), p => p.GetProperty("name").GetString() == "Sergei Lavrov");
        Assert.All(new[] { items[2], items[4], items[5], items[6] }, answer =>
            Assert.Contains(answer.GetProperty("relations").EnumerateArray(), r =>
                r.GetProperty("type").GetString() == "responds_to" && r.GetProperty("targetEventId").GetInt64() == withdrawal.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task The2018PrecedentIsInTheSet()
    {
        var page = await (await app.CreateClient().GetAsync("/api/v1/timeline?organization=1&from=2018&to=2018&type=accreditation_withdrawal&type=staff_cap")).ReadJsonAsync();
        var quantities = page.GetProperty("items").EnumerateArray()
            .SelectMany(i => i.GetProperty("quantities").EnumerateArray())
            .ToDictionary(q => q.GetProperty("kind").GetString()!, q => q.GetProperty("value").GetInt64());
        Assert.Equal(7, quantities["accreditations_withdrawn"]);
        Assert.Equal(3, quantities["accreditation_requests_denied"]);
        Assert.Equal(30, quantities["staff_before"]);
        Assert.Equal(20, quantities["staff_after"]);
    }

    [Fact]
    public async Task TheArticleSourceHasNoInventedPublisherOrUrl()
    {
        var sources = await (await app.CreateClient().GetAsync("/api/v1/sources")).ReadJsonAsync();
        var article = sources.GetProperty("items").EnumerateArray()
            .Single(source => source.GetProperty("title").GetString()!.StartsWith("Moscow to respond", StringComparison.Ordinal));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, article.GetProperty("url").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, article.GetProperty("publisher").ValueKind);
    }

    [Fact]
    public async Task TheChainOfTheWithdrawalReachesMoscowsAnswers()
    {
        var page = await (await app.CreateClient().GetAsync("/api/v1/timeline?type=accreditation_withdrawal&from=2021")).ReadJsonAsync();
        var withdrawal = page.GetProperty("items")[0].GetProperty("id").GetInt64();
        var chain = await (await app.CreateClient().GetAsync($"/api/v1/events/{withdrawal}/chain")).ReadJsonAsync();
        var lags = chain.GetProperty("edges").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "responds_to" && e.GetProperty("toEventId").GetInt64() == withdrawal)
            .Select(e => e.GetProperty("lagDays").GetInt32()).Order().ToList();
        Assert.Equal([1, 2, 12, 12], lags);
    }

    [Fact]
    public void SeedingRunsOnlyIntoAnEmptyDatabase()
    {
        _ = app.Services;
        using var db = app.OpenDatabase();
        var events = db.ExecuteScalar<long>("SELECT COUNT(*) FROM events");
        using var again = new DemoSeededAppOnSameFile(app.ConnectionString);
        _ = again.Services;
        Assert.Equal(events, db.ExecuteScalar<long>("SELECT COUNT(*) FROM events"));
    }

    private sealed class DemoSeededAppOnSameFile(string connectionString) : EventTrackerApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [new("Seed:Demo", "true"), new("ConnectionStrings:EventTracker", connectionString)];
    }
}

public sealed class NoDemoSeedTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public async Task OutsideDevelopmentTheDatabaseStartsEmpty()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/events");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.ReadJsonAsync()).GetProperty("items").EnumerateArray());
    }
}
