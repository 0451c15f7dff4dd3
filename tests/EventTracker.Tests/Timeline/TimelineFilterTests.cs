using System.Net;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Timeline;

public sealed class TimelineFilterTests(TimelineDataSet data) : IClassFixture<TimelineDataSet>
{
    private async Task<List<long>> IdsAsync(string query)
    {
        var response = await data.CreateClient().GetAsync("/api/v1/timeline?limit=500&" + query);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()).ToList();
    }

    [Fact]
    public async Task WithoutFiltersEveryEventComesInDateOrderStartOfSpanFirst() =>
        Assert.Equal(
            [data.Salisbury, data.UsExpulsion, data.UsStatement, data.MonthStatement, data.Withdrawal, data.Retaliation, data.Suspension],
            await IdsAsync(""));

    [Fact]
    public async Task DescendingOrderReversesTheTimeline() =>
        Assert.Equal(
            [data.Suspension, data.Retaliation, data.Withdrawal, data.MonthStatement, data.UsStatement, data.UsExpulsion, data.Salisbury],
            await IdsAsync("order=desc"));

    [Fact]
    public async Task OrganizationMatchesItsOwnEvents() =>
        Assert.Equal([data.Salisbury, data.Withdrawal, data.Suspension], await IdsAsync($"organization={data.Nato}"));

    [Fact]
    public async Task OrganizationIncludesSubOrganizationsRecursively() =>
        Assert.Equal(
            [data.Salisbury, data.UsExpulsion, data.MonthStatement, data.Withdrawal, data.Retaliation, data.Suspension],
            await IdsAsync($"organization={data.Russia}"));

    [Fact]
    public async Task IncludeSubOrganizationsFalseMatchesOnlyTheOrganizationItself() =>
        Assert.Equal([data.UsExpulsion, data.MonthStatement, data.Suspension],
            await IdsAsync($"organization={data.Russia}&includeSubOrganizations=false"));

    [Fact]
    public async Task RepeatedOrganizationMatchesAnyWithEachOnesSubOrganizations() =>
        Assert.Equal([data.Salisbury, data.UsExpulsion, data.UsStatement, data.Withdrawal, data.Retaliation],
            await IdsAsync($"organization={data.UnitedStates}&organization={data.Ministry}"));

    [Fact]
    public async Task CounterpartGivesTheDyad() =>
        Assert.Equal([data.Salisbury, data.Withdrawal, data.Suspension], await IdsAsync($"organization={data.Nato}&counterpart={data.Russia}"));

    [Fact]
    public async Task CounterpartWithoutSubOrganizationsNarrowsTheDyad() =>
        Assert.Equal([data.Suspension], await IdsAsync($"organization={data.Nato}&counterpart={data.Russia}&includeSubOrganizations=false"));

    [Fact]
    public async Task CounterpartWithoutOrganizationIs400() =>
        await (await data.CreateClient().GetAsync($"/api/v1/timeline?counterpart={data.Russia}")).AssertValidationErrorAsync("counterpart");

    [Fact]
    public async Task ActorMatchesEventsThePersonTakesPartIn() =>
        Assert.Equal([data.Retaliation], await IdsAsync($"actor={data.Zakharova}"));

    [Fact]
    public async Task RepeatedTypeMatchesAny() =>
        Assert.Equal([data.UsStatement, data.MonthStatement, data.Suspension], await IdsAsync("type=statement&type=mission_closure"));

    [Fact]
    public async Task UnknownTypeIs400() =>
        await (await data.CreateClient().GetAsync("/api/v1/timeline?type=invasion")).AssertValidationErrorAsync("type[0]");

    [Fact]
    public async Task StatusFilters() =>
        Assert.Equal([data.Retaliation, data.Suspension], await IdsAsync("status=announced"));

    [Fact]
    public async Task UnknownStatusIs400() =>
        await (await data.CreateClient().GetAsync("/api/v1/timeline?status=rumoured")).AssertValidationErrorAsync("status[0]");

    [Fact]
    public async Task CountryMatchesParticipantsOrganizationsIncludingTheirParentsCountry() =>
        Assert.Equal(
            [data.Salisbury, data.UsExpulsion, data.MonthStatement, data.Withdrawal, data.Retaliation, data.Suspension],
            await IdsAsync("country=RU"));

    [Fact]
    public async Task CountryMatchesTheLocation() =>
        Assert.Equal([data.Withdrawal], await IdsAsync("country=BE"));

    [Fact]
    public async Task CountryMatchesParticipantsOrLocation() =>
        Assert.Equal([data.UsExpulsion, data.UsStatement], await IdsAsync("country=US"));

    [Fact]
    public async Task CountryOutsideIsoIs400() =>
        await (await data.CreateClient().GetAsync("/api/v1/timeline?country=SU")).AssertValidationErrorAsync("country[0]");

    [Fact]
    public async Task MonthRangeHoldsTheMonthDatedEventWithoutOverlap() =>
        Assert.Equal([data.MonthStatement, data.Withdrawal, data.Retaliation, data.Suspension], await IdsAsync("from=2021-10&to=2021-10"));

    [Fact]
    public async Task RangeInsideAMonthExcludesMonthAndYearDatedEventsWithoutOverlap() =>
        Assert.Equal([data.Suspension], await IdsAsync("from=2021-10-15&to=2021-10-20"));

    [Fact]
    public async Task RangeInsideAMonthIncludesMonthAndYearDatedEventsWithOverlap() =>
        Assert.Equal([data.UsStatement, data.MonthStatement, data.Suspension], await IdsAsync("from=2021-10-15&to=2021-10-20&overlap=true"));

    [Fact]
    public async Task FromTheSecondDayOfTheMonthExcludesTheMonthDatedEvent() =>
        Assert.Equal([data.Withdrawal, data.Retaliation, data.Suspension], await IdsAsync("from=2021-10-02&to=2021-12"));

    [Fact]
    public async Task ToTheLastDayOfTheMonthIncludesTheMonthDatedEvent() =>
        Assert.Contains(data.MonthStatement, await IdsAsync("from=2021-10-01&to=2021-10-31"));

    [Fact]
    public async Task ToTheDayBeforeTheMonthEndsExcludesTheMonthDatedEvent() =>
        Assert.DoesNotContain(data.MonthStatement, await IdsAsync("from=2021-10-01&to=2021-10-30"));

    [Fact]
    public async Task YearRangeHoldsTheYearDatedEvent() =>
        Assert.Equal([data.UsStatement, data.MonthStatement, data.Withdrawal, data.Retaliation, data.Suspension], await IdsAsync("from=2021&to=2021"));

    [Fact]
    public async Task ToBeforeFromIs400() =>
        await (await data.CreateClient().GetAsync("/api/v1/timeline?from=2021-10&to=2021-09")).AssertValidationErrorAsync("to");

    [Fact]
    public async Task MalformedFromIs400() =>
        await (await data.CreateClient().GetAsync("/api/v1/timeline?from=October")).AssertValidationErrorAsync("from");

    [Fact]
    public async Task FullTextSearchFindsQuotesTitlesAndSummaries()
    {
        Assert.Equal([data.Withdrawal], await IdsAsync("q=intelligence%20officers"));
        Assert.Equal([data.Retaliation], await IdsAsync("q=tit-for-tat"));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(a b)")]
    [InlineData("title:nato")]
    [InlineData("a AND OR NOT")]
    [InlineData("*")]
    [InlineData("^nato")]
    [InlineData("{title}: x")]
    public async Task FullTextSyntaxCharactersNeverCauseAnError(string q)
    {
        var response = await data.CreateClient().GetAsync($"/api/v1/timeline?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SourceMatchesCitingEvents() => Assert.Equal([data.Withdrawal], await IdsAsync($"source={data.Report}"));

    [Fact]
    public async Task TagMatchesTaggedEvents() => Assert.Equal([data.Salisbury], await IdsAsync("tag=salisbury"));

    [Fact]
    public async Task AnOrganizationsRangeHoldsOnlyEventsWhoseWholeDateLiesInItWithoutOverlap()
    {
        // Read from the participant index alone: the end of each event's date is the participant row's copy.
        Assert.Empty(await IdsAsync($"organization={data.UnitedStates}&from=2021-01&to=2021-06"));
        Assert.Equal([data.UsStatement], await IdsAsync($"organization={data.UnitedStates}&from=2021-01&to=2021-06&overlap=true"));
        Assert.Equal([data.UsStatement], await IdsAsync($"organization={data.UnitedStates}&from=2021&to=2021"));
    }

    [Fact]
    public async Task FiltersCombine()
    {
        Assert.Equal([data.Withdrawal], await IdsAsync($"organization={data.Nato}&type=accreditation_withdrawal&from=2021&to=2021"));
        Assert.Equal([data.Suspension], await IdsAsync($"organization={data.Nato}&counterpart={data.Russia}&status=announced&from=2021-10&to=2021-10"));
        Assert.Equal([data.Retaliation], await IdsAsync($"organization={data.Russia}&actor={data.Zakharova}&country=RU&q=measures"));
        Assert.Empty(await IdsAsync($"organization={data.Nato}&tag=salisbury&from=2019"));
        Assert.Equal([data.Suspension, data.Withdrawal], await IdsAsync($"organization={data.Nato}&from=2021&order=desc"));
    }

    [Fact]
    public async Task ItemsEmbedEverythingNeededToDrawThem()
    {
        var body = await (await data.CreateClient().GetAsync($"/api/v1/timeline?source={data.Report}")).ReadJsonAsync();
        var item = body.GetProperty("items")[0];
        Assert.Equal("NATO", item.GetProperty("participants")[0].GetProperty("name").GetString());
        Assert.Equal("initiator", item.GetProperty("participants")[0].GetProperty("role").GetString());
        Assert.Equal("organization", item.GetProperty("participants")[0].GetProperty("kind").GetString());
        var citation = item.GetProperty("citations")[0];
        Assert.Equal("NATO expels eight Russian officials", citation.GetProperty("sourceTitle").GetString());
        Assert.Equal("https://example.org/report", citation.GetProperty("sourceUrl").GetString());

        var retaliation = (await (await data.CreateClient().GetAsync($"/api/v1/timeline?actor={data.Zakharova}")).ReadJsonAsync()).GetProperty("items")[0];
        var relation = retaliation.GetProperty("relations")[0];
        Assert.Equal(data.Withdrawal, relation.GetProperty("targetEventId").GetInt64());
        Assert.Equal("2021-10-06", relation.GetProperty("targetDate").GetString());
        Assert.Equal("Maria Zakharova", retaliation.GetProperty("participants")[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task CursorReusedWithDifferentFiltersIs400()
    {
        var page = await (await data.CreateClient().GetAsync("/api/v1/timeline?limit=2")).ReadJsonAsync();
        var cursor = Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!);
        await (await data.CreateClient().GetAsync($"/api/v1/timeline?limit=2&type=statement&cursor={cursor}")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await data.CreateClient().GetAsync($"/api/v1/timeline?limit=2&order=desc&cursor={cursor}")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await data.CreateClient().GetAsync($"/api/v1/timeline?limit=3&cursor={cursor}")).StatusCode);
    }

    [Fact]
    public async Task TamperedCursorIs400() =>
        await (await data.CreateClient().GetAsync("/api/v1/timeline?cursor=eyJQIjpbIngiXX0")).AssertProblemAsync(HttpStatusCode.BadRequest);

    [Fact]
    public async Task LimitOver500Is400() =>
        await (await data.CreateClient().GetAsync("/api/v1/timeline?limit=501")).AssertValidationErrorAsync("limit");

    [Fact]
    public async Task EveryFilterIsDescribedInTheApiDocument()
    {
        var document = JsonDocument.Parse(await data.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var parameters = document.GetProperty("paths").GetProperty("/api/v1/timeline").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        string[] expected = ["organization", "includeSubOrganizations", "counterpart", "actor", "type", "status", "country", "from", "to", "overlap", "q", "source", "tag", "order", "limit", "cursor"];
        Assert.All(expected, name =>
        {
            Assert.True(parameters.ContainsKey(name), $"missing parameter {name}");
            Assert.False(string.IsNullOrWhiteSpace(parameters[name].GetProperty("description").GetString()));
        });
    }
}
