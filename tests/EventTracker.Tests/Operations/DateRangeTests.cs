using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EventTracker.Api.Paging;
using EventTracker.Api.Values;
using EventTracker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventTracker.Tests.Operations;

/// <summary>
/// The service accepts dates from year 1000 to 2999 (PartialDate.MinYear..MaxYear) and serves every one of them
/// everywhere: the extremes of that range are answered, one step past each is a 400 at the door, and nothing —
/// query, cursor, body, import line or stored record — makes any endpoint answer 5xx.
/// </summary>
public sealed class DateRangeTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    public static readonly string[] AcceptedExtremes = ["1000", "1000-01", "1000-01-01", "2999", "2999-12", "2999-12-31"];

    public static readonly string[] OneStepPast = ["0999", "0999-12", "0999-12-31", "3000", "3000-01", "3000-01-01", "9999-12", "0001-01"];

    private static readonly string[] Intervals = ["day", "week", "month", "year"];

    private async Task<(long A, long B)> StoreEventsAtBothEndsAsync()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var a = await seed.OrganizationAsync("Edge State A", countryCode: "EE");
        var b = await seed.OrganizationAsync("Edge State B", countryCode: "LV");
        foreach (var (date, endDate) in new[] { ("1000-01-01", (string?)null), ("1000", null), ("2999-12-27", "2999-12-31"), ("2999-12", null), ("2999", null) })
        {
            await seed.EventAsync(new
            {
                type = "expulsion",
                title = $"Edge expulsion {date}",
                date,
                endDate,
                status = "completed",
                participants = new object[] { new { organizationId = a, role = "initiator" }, new { organizationId = b, role = "target" } },
                quantities = new[] { new { kind = "diplomats_expelled", value = 2 } },
            });
        }

        return (a, b);
    }

    private static IEnumerable<string> DateReads(long a, long b, string date)
    {
        foreach (var parameter in new[] { "from", "to" })
        {
            foreach (var overlap in new[] { "false", "true" })
            {
                var query = $"{parameter}={date}&overlap={overlap}";
                yield return $"/api/v1/timeline?{query}";
                yield return $"/api/v1/timeline?organization={a}&{query}&order=desc";
                yield return $"/api/v1/timeline?organization={a}&counterpart={b}&{query}";
                foreach (var interval in Intervals)
                {
                    yield return $"/api/v1/timeline/histogram?interval={interval}&{query}";
                    yield return $"/api/v1/timeline/histogram?organization={a}&interval={interval}&{query}";
                }

                yield return $"/api/v1/events/export?format=csv&{query}";
                yield return $"/api/v1/events/export?format=ndjson&{query}";
                yield return $"/api/v1/dyads/ledger?a={a}&b={b}&{query}";
            }
        }

        yield return $"/api/v1/timeline?from={date}&to={date}&overlap=true";
        yield return $"/api/v1/timeline/histogram?from={date}&to={date}&overlap=true&interval=week";
        yield return $"/api/v1/dyads/ledger?a={a}&b={b}&from={date}&to={date}";
    }

    private static async Task AssertNoServerErrorAsync(HttpResponseMessage response, string what)
    {
        Assert.True((int)response.StatusCode < 500, $"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task EveryReadThatTakesADateServesTheAcceptedExtremesWithEventsStoredAtBothEnds()
    {
        var (a, b) = await StoreEventsAtBothEndsAsync();
        var client = app.CreateAdminClient();
        foreach (var date in AcceptedExtremes)
        {
            foreach (var url in DateReads(a, b, date))
            {
                var response = await client.GetAsync(url);
                await AssertNoServerErrorAsync(response, url);
                if (!url.Contains("interval=day", StringComparison.Ordinal) && !url.Contains("interval=week", StringComparison.Ordinal))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        // Histograms over the whole store and the organization, at every interval: counted, or a 400 for too many buckets.
        foreach (var interval in Intervals)
        {
            foreach (var url in new[] { $"/api/v1/timeline/histogram?interval={interval}", $"/api/v1/timeline/histogram?organization={a}&interval={interval}" })
            {
                var response = await client.GetAsync(url);
                await AssertNoServerErrorAsync(response, url);
            }
        }

        var yearly = await (await client.GetAsync($"/api/v1/timeline/histogram?organization={a}&interval=year")).ReadJsonAsync();
        Assert.Equal(5, yearly.GetProperty("total").GetInt64());
        Assert.Equal("2999-12-31", yearly.GetProperty("buckets").EnumerateArray().Last().GetProperty("end").GetString());
        var monthly = await (await client.GetAsync($"/api/v1/timeline/histogram?organization={a}&interval=month&from=2999")).ReadJsonAsync();
        Assert.Equal("2999-12", monthly.GetProperty("buckets").EnumerateArray().Last().GetProperty("label").GetString());

        var timeline = await (await client.GetAsync($"/api/v1/timeline?organization={a}&from=1000&to=2999")).ReadJsonAsync();
        Assert.Equal(5, timeline.GetProperty("items").GetArrayLength());
        await AssertNoServerErrorAsync(await client.GetAsync($"/api/v1/organizations/{b}/staffing"), "staffing");
        await AssertNoServerErrorAsync(await client.GetAsync($"/api/v1/events?limit=500"), "events");
    }

    [Fact]
    public async Task EveryDateOneStepPastTheRangeIsA400NamingTheParameter()
    {
        var (a, b) = await StoreEventsAtBothEndsAsync();
        var client = app.CreateAdminClient();
        foreach (var date in OneStepPast)
        {
            foreach (var url in DateReads(a, b, date))
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            var editor = app.CreateEditorClient();
            var eventBody = new
            {
                type = "statement", title = "Out of range", date,
                participants = new[] { new { organizationId = a, role = "initiator" } },
            };
            await (await editor.PostAsJsonAsync("/api/v1/events", eventBody)).AssertValidationErrorAsync("date");
            var endDate = new { type = "statement", title = "Out of range end", date = "2021", endDate = date, participants = eventBody.participants };
            await (await editor.PostAsJsonAsync("/api/v1/events", endDate)).AssertValidationErrorAsync("endDate");
            await (await editor.PostAsJsonAsync("/api/v1/sources", new { title = "Out of range", publishedAt = date })).AssertValidationErrorAsync("publishedAt");
            await (await editor.PostAsJsonAsync("/api/v1/actors", new
            {
                name = "Out of range " + date,
                affiliations = new[] { new { organizationId = a, title = "Envoy", from = date } },
            })).AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        var timestamps = app.CreateEditorClient();
        foreach (var timestamp in new[] { "9999-12-31T23:59:59Z", "3000-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "1000-01-01T00:00:00+14:00" })
        {
            await (await timestamps.PostAsJsonAsync("/api/v1/sources", new { title = "Edge " + timestamp, publishedAt = timestamp }))
                .AssertValidationErrorAsync("publishedAt");
        }

        Assert.Equal(HttpStatusCode.Created, (await timestamps.PostAsJsonAsync("/api/v1/sources", new { title = "Last instant", publishedAt = "2999-12-31T23:59:59Z" })).StatusCode);
    }

    [Fact]
    public async Task ImportLinesAtAndPastTheEdgesAreImportedOrReportedNeverA500()
    {
        var lines = new List<string>
        {
            JsonSerializer.Serialize(new { kind = "organization", externalId = "edge:org", name = "Edge Import State", organizationKind = "state", countryCode = "LT" }),
        };
        foreach (var date in AcceptedExtremes.Concat(OneStepPast))
        {
            lines.Add(JsonSerializer.Serialize(new
            {
                kind = "event", externalId = "edge:" + date, type = "statement", title = "Edge import " + date, date,
                participants = new[] { new { organizationExternalId = "edge:org", role = "initiator" } },
            }));
            lines.Add(JsonSerializer.Serialize(new { kind = "source", externalId = "edge-source:" + date, title = "Edge source " + date, publishedAt = date }));
        }

        var response = await app.CreateAdminClient().PostAsync("/api/v1/import", new NdjsonContent(lines));
        await AssertNoServerErrorAsync(response, "import");
        var report = await response.ReadJsonAsync();
        Assert.Equal(OneStepPast.Length * 2, report.GetProperty("failed").GetInt32());
        var histogram = await app.CreateClient().GetAsync("/api/v1/timeline/histogram?interval=year");
        Assert.Equal(HttpStatusCode.OK, histogram.StatusCode);
    }

    [Fact]
    public async Task ACursorWhoseChecksumWasRecomputedWithoutTheSecretIsRefused()
    {
        var (a, _) = await StoreEventsAtBothEndsAsync();
        var client = app.CreateClient();
        var url = $"/api/v1/timeline?organization={a}&limit=1";
        var cursor = (await (await client.GetAsync(url)).ReadJsonAsync()).GetProperty("nextCursor").GetString()!;
        var payload = Payload(cursor);
        var forged = JsonSerializer.Serialize(new { P = new[] { "9999-12", "1" }, Q = payload.GetProperty("Q").GetString() });

        // What anyone could compute before cursors were keyed: the payload and its unkeyed SHA-256.
        var bytes = Encoding.UTF8.GetBytes(forged);
        var recomputed = System.Buffers.Text.Base64Url.EncodeToString([.. bytes, .. SHA256.HashData(bytes).AsSpan(0, 8)]);
        await (await client.GetAsync(url + "&cursor=" + recomputed)).AssertValidationErrorAsync("cursor");

        // Even a cursor signed with the service's own secret is refused when its date is out of range.
        var codec = app.Services.GetRequiredService<CursorCodec>();
        var signed = codec.Encode(["9999-12", "1"], payload.GetProperty("Q").GetString()!);
        await (await client.GetAsync(url + "&cursor=" + signed)).AssertValidationErrorAsync("cursor");
        var inRange = codec.Encode(["2999-12", "1"], payload.GetProperty("Q").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url + "&cursor=" + inRange)).StatusCode);
    }

    private static JsonElement Payload(string cursor)
    {
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(cursor);
        return JsonDocument.Parse(bytes.AsMemory(0, bytes.Length - 8)).RootElement.Clone();
    }
}
