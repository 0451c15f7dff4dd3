using System.Net;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Timeline;

public sealed class HistogramTests(TimelineDataSet data) : IClassFixture<TimelineDataSet>
{
    private async Task<JsonElement> HistogramAsync(string query)
    {
        var response = await data.CreateClient().GetAsync("/api/v1/timeline/histogram?" + query);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    [Fact]
    public async Task MonthlyBucketsRunFromFirstToLastWithEmptyOnesAndCountsPerType()
    {
        var body = await HistogramAsync($"interval=month&organization={data.Nato}");
        var buckets = body.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal("2018-03", buckets[0].GetProperty("label").GetString());
        Assert.Equal("2021-10", buckets[^1].GetProperty("label").GetString());
        Assert.Equal((2021 - 2018) * 12 + 10 - 3 + 1, buckets.Count);
        Assert.Equal(0, buckets[1].GetProperty("total").GetInt64());
        Assert.Empty(buckets[1].GetProperty("byType").EnumerateObject());

        var october = buckets[^1];
        Assert.Equal("2021-10-01", october.GetProperty("start").GetString());
        Assert.Equal("2021-10-31", october.GetProperty("end").GetString());
        Assert.Equal(2, october.GetProperty("total").GetInt64());
        Assert.Equal(1, october.GetProperty("byType").GetProperty("accreditation_withdrawal").GetInt64());
        Assert.Equal(1, october.GetProperty("byType").GetProperty("mission_closure").GetInt64());
        Assert.Equal(3, body.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task YearlyBucketsCountEveryMatchingEvent()
    {
        var body = await HistogramAsync("interval=year");
        var buckets = body.GetProperty("buckets").EnumerateArray().ToDictionary(b => b.GetProperty("label").GetString()!, b => b.GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["2018"] = 1, ["2019"] = 0, ["2020"] = 1, ["2021"] = 5 }, buckets);
        Assert.Equal(7, body.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task WeeklyBucketsStartOnMondayWithIsoWeekLabels()
    {
        var body = await HistogramAsync("interval=week&from=2021-10-04&to=2021-10-24");
        var buckets = body.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(["2021-W40", "2021-W41", "2021-W42"], buckets.Select(b => b.GetProperty("label").GetString()));
        Assert.Equal("2021-10-04", buckets[0].GetProperty("start").GetString());
        Assert.Equal("2021-10-10", buckets[0].GetProperty("end").GetString());
        Assert.Equal([2L, 0L, 1L], buckets.Select(b => b.GetProperty("total").GetInt64()));
    }

    [Fact]
    public async Task DailyBucketsUseTheSameFiltersAsTheTimeline()
    {
        var body = await HistogramAsync($"interval=day&organization={data.Nato}&counterpart={data.Russia}&from=2021-10&to=2021-10");
        var buckets = body.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal("2021-10-06", buckets[0].GetProperty("label").GetString());
        Assert.Equal("2021-10-18", buckets[^1].GetProperty("label").GetString());
        Assert.Equal(13, buckets.Count);
        Assert.Equal(2, body.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task NoMatchingEventsGiveNoBuckets()
    {
        var body = await HistogramAsync("tag=nothing-has-this");
        Assert.Empty(body.GetProperty("buckets").EnumerateArray());
        Assert.Equal(0, body.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task UnknownIntervalIs400() =>
        await (await data.CreateClient().GetAsync("/api/v1/timeline/histogram?interval=fortnight")).AssertValidationErrorAsync("interval");

    [Fact]
    public async Task InvalidFilterIs400() =>
        await (await data.CreateClient().GetAsync("/api/v1/timeline/histogram?from=2021-13")).AssertValidationErrorAsync("from");
}
