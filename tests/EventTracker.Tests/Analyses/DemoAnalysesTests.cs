using System.Net;
using System.Text.Json;
using EventTracker.Tests.Import;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Analyses;

/// <summary>The analyses on the demo data, with the numbers of the March 2018 and October 2021 exchanges.</summary>
public sealed class DemoAnalysesTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<long> OrganizationAsync(string name)
    {
        var page = await (await _client.GetAsync("/api/v1/organizations?limit=500")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
    }

    private async Task<long> EventAsync(string title)
    {
        var page = await (await _client.GetAsync("/api/v1/timeline?limit=500")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("title").GetString() == title).GetProperty("id").GetInt64();
    }

    private async Task<JsonElement> LedgerAsync(string a, string b, string query = "")
    {
        var response = await _client.GetAsync($"/api/v1/dyads/ledger?a={await OrganizationAsync(a)}&b={await OrganizationAsync(b)}{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task TheUkRussiaLedgerOfMarch2018Is23And23AnsweredInThreeDaysInProportion()
    {
        var ledger = await LedgerAsync("United Kingdom", "Russian Federation", "&from=2018-03&to=2018-03");

        Assert.Equal(23, ledger.GetProperty("aToB").GetProperty("diplomatsExpelled").GetInt64());
        Assert.Equal(23, ledger.GetProperty("bToA").GetProperty("diplomatsExpelled").GetInt64());
        Assert.Equal(0, ledger.GetProperty("balance").GetProperty("diplomatsExpelled").GetInt64());
        Assert.Equal(1, ledger.GetProperty("bToA").GetProperty("measuresByType").GetProperty("mission_closure").GetInt32());
        var exchange = Assert.Single(ledger.GetProperty("exchanges").EnumerateArray());
        Assert.Equal("2018-03-14", exchange.GetProperty("measure").GetProperty("date").GetString());
        Assert.Equal("a_to_b", exchange.GetProperty("measure").GetProperty("direction").GetString());
        var expulsion = exchange.GetProperty("responses").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "expulsion");
        Assert.Equal(3, expulsion.GetProperty("lagDays").GetInt32());
        Assert.Equal(1.0, expulsion.GetProperty("proportionality").GetDouble());
        var lags = ledger.GetProperty("responseLagDays");
        Assert.Equal((2, 3.0, 3, 3), (lags.GetProperty("count").GetInt32(), lags.GetProperty("median").GetDouble(), lags.GetProperty("min").GetInt32(), lags.GetProperty("max").GetInt32()));
    }

    [Fact]
    public async Task SubOrganizationsCountForTheirState()
    {
        // The UK's measure targets Russia's embassy in London; Russia's answers come from its foreign ministry.
        var ledger = await LedgerAsync("United Kingdom", "Russian Federation", "&from=2018-03&to=2018-03");
        var viaEmbassy = await LedgerAsync("United Kingdom", "Embassy of the Russian Federation in London");

        Assert.Equal(1, ledger.GetProperty("aToB").GetProperty("measures").GetInt32());
        Assert.Equal(1, viaEmbassy.GetProperty("aToB").GetProperty("measures").GetInt32());
        Assert.Equal(0, viaEmbassy.GetProperty("bToA").GetProperty("measures").GetInt32());
    }

    [Fact]
    public async Task TheUsRussiaLedgerIs60And60()
    {
        var ledger = await LedgerAsync("United States", "Russian Federation");

        Assert.Equal(60, ledger.GetProperty("aToB").GetProperty("diplomatsExpelled").GetInt64());
        Assert.Equal(60, ledger.GetProperty("bToA").GetProperty("diplomatsExpelled").GetInt64());
        var answers = ledger.GetProperty("exchanges").EnumerateArray()
            .ToDictionary(e => e.GetProperty("measure").GetProperty("type").GetString()!, e => Assert.Single(e.GetProperty("responses").EnumerateArray()));
        Assert.Equal("Russia expels 60 US diplomats", answers["expulsion"].GetProperty("title").GetString());
        Assert.Equal(1.0, answers["expulsion"].GetProperty("proportionality").GetDouble());
        Assert.Equal("Russia closes the US Consulate General in St Petersburg", answers["mission_closure"].GetProperty("title").GetString());
        Assert.Equal(3, answers["mission_closure"].GetProperty("lagDays").GetInt32());
    }

    [Fact]
    public async Task AnAnswerToTheWaveAnswersEachMemberOfItsOwnPair()
    {
        var wave = await EventAsync("Coordinated expulsions of Russian diplomats after the Salisbury attack");
        var ledger = await LedgerAsync("Poland", "Russian Federation");

        var exchange = Assert.Single(ledger.GetProperty("exchanges").EnumerateArray());
        var answer = Assert.Single(exchange.GetProperty("responses").EnumerateArray());
        Assert.Equal(wave, answer.GetProperty("viaWave").GetInt64());
        Assert.Equal((4, 1.0), (answer.GetProperty("lagDays").GetInt32(), answer.GetProperty("proportionality").GetDouble()));
        // Russia's answer to Poland does not answer the United States' member of the same wave.
        var us = await LedgerAsync("United States", "Russian Federation");
        Assert.DoesNotContain(us.GetProperty("exchanges").EnumerateArray().SelectMany(e => e.GetProperty("responses").EnumerateArray()),
            r => r.GetProperty("viaWave").ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task NatosMeasuresOf2018AreUnansweredAndItsStaffCapCountsItsReduction()
    {
        var ledger = await LedgerAsync("NATO", "Russian Federation", "&from=2018&to=2018");

        Assert.Equal(7, ledger.GetProperty("aToB").GetProperty("accreditationsWithdrawn").GetInt64());
        Assert.Equal(10, ledger.GetProperty("aToB").GetProperty("staffReductions").GetInt64());
        Assert.Empty(ledger.GetProperty("exchanges").EnumerateArray());
        Assert.Equal(["accreditation_withdrawal", "staff_cap"],
            ledger.GetProperty("unanswered").EnumerateArray().Select(m => m.GetProperty("type").GetString()).Order());
        Assert.Equal(0, ledger.GetProperty("responseLagDays").GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, ledger.GetProperty("responseLagDays").GetProperty("median").ValueKind);
    }

    [Fact]
    public async Task NatosOctober2021MeasureIsAnsweredByMoscowsClosures()
    {
        var ledger = await LedgerAsync("NATO", "Russian Federation", "&from=2021-10&to=2021-10");

        var withdrawal = ledger.GetProperty("exchanges").EnumerateArray()
            .Single(e => e.GetProperty("measure").GetProperty("type").GetString() == "accreditation_withdrawal");
        Assert.Equal([12, 12], withdrawal.GetProperty("responses").EnumerateArray()
            .Where(r => r.GetProperty("type").GetString() == "mission_closure").Select(r => r.GetProperty("lagDays").GetInt32()));
        Assert.Equal(8, ledger.GetProperty("aToB").GetProperty("accreditationsWithdrawn").GetInt64());
    }

    [Fact]
    public async Task RussiasMissionToNatoShrinksFrom30To20To10AndIsSuspended()
    {
        var mission = await OrganizationAsync("Permanent Mission of the Russian Federation to NATO");

        var staffing = await (await _client.GetAsync($"/api/v1/organizations/{mission}/staffing")).ReadJsonAsync();

        var points = staffing.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(["2018-03-27", "2021-10-06", "2021-10-18"], points.Select(p => p.GetProperty("date").GetString()));
        Assert.Equal((30L, 20L), (points[0].GetProperty("staffBefore").GetInt64(), points[0].GetProperty("staffAfter").GetInt64()));
        Assert.Equal((20L, 10L), (points[1].GetProperty("staffBefore").GetInt64(), points[1].GetProperty("staffAfter").GetInt64()));
        Assert.Equal([false, false, true], points.Select(p => p.GetProperty("suspended").GetBoolean()));
        Assert.Equal("day", points[2].GetProperty("datePrecision").GetString());
    }

    [Fact]
    public async Task TheSalisburyWaveHasFiveMembersThreeStatesAnd68DiplomatsWhicheverEventIsAsked()
    {
        var wave = await EventAsync("Coordinated expulsions of Russian diplomats after the Salisbury attack");
        var member = await EventAsync("Poland expels four Russian diplomats");

        var byWave = await (await _client.GetAsync($"/api/v1/events/{wave}/wave")).ReadJsonAsync();
        var byMember = await (await _client.GetAsync($"/api/v1/events/{member}/wave")).ReadJsonAsync();

        Assert.Equal(byWave.GetRawText(), byMember.GetRawText());
        var totals = byWave.GetProperty("totals");
        Assert.Equal(5, totals.GetProperty("members").GetInt32());
        Assert.Equal(3, totals.GetProperty("initiatingStates").GetInt32());
        Assert.Equal(68, totals.GetProperty("diplomatsExpelled").GetInt64());
        Assert.Equal(7, totals.GetProperty("accreditationsWithdrawn").GetInt64());
        Assert.Equal(["France", "NATO", "Poland", "United States"], totals.GetProperty("initiators").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(["Russia expels four Polish diplomats", "Russia expels four French diplomats"],
            byWave.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("title").GetString()));

        var timeline = await (await _client.GetAsync($"/api/v1/timeline?wave={wave}")).ReadJsonAsync();
        Assert.Equal(6, timeline.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AnEventOutsideAnyWaveAnswers404()
    {
        var alone = await EventAsync("United Kingdom expels 23 Russian diplomats after the Salisbury attack");

        await (await _client.GetAsync($"/api/v1/events/{alone}/wave")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/v1/events/999999/wave")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/v1/organizations/999999/staffing")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("b=2", "a")]
    [InlineData("a=1", "b")]
    [InlineData("a=1&b=1", "b")]
    [InlineData("a=0&b=2", "a")]
    [InlineData("a=1&b=999999", "b")]
    [InlineData("a=1&b=2&from=2021-13", "from")]
    [InlineData("a=1&b=2&from=2021-10&to=2021-09", "to")]
    [InlineData("a=x&b=2", "a")]
    public async Task AnInvalidLedgerQueryIs400NamingTheParameter(string query, string parameter)
    {
        await (await _client.GetAsync("/api/v1/dyads/ledger?" + query)).AssertValidationErrorAsync(parameter);
    }

    [Fact]
    public async Task TheLedgerIsCachedLikeTheTimeline()
    {
        var url = $"/api/v1/dyads/ledger?a={await OrganizationAsync("NATO")}&b={await OrganizationAsync("Russian Federation")}";
        var first = await _client.GetAsync(url);
        var etag = first.Headers.ETag!;

        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);

        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);
    }
}
