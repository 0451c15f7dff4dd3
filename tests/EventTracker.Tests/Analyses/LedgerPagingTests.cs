using System.Net;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Analyses;

/// <summary>The ledger's pages: counts, sums and lags over every measure on every page; exchanges and unanswered one page at a time.</summary>
public sealed class LedgerPagingTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private static object Measure(string title, string date, long initiator, long target, int expelled, object? relations = null) => new
    {
        type = "expulsion", title, date, status = "completed",
        participants = new[] { new { organizationId = initiator, role = "initiator" }, new { organizationId = target, role = "target" } },
        quantities = new[] { new { kind = "diplomats_expelled", value = expelled, unit = "persons" } },
        relations = relations ?? Array.Empty<object>(),
    };

    /// <summary>Seven measures of X against Y (two on one day, one by X's mission), each of the odd ones answered by Y; a statement of X's that is no measure.</summary>
    private async Task<(long X, long Y, long Other)> SeedPairAsync()
    {
        var seeder = new Seeder(app.CreateEditorClient());
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var x = await seeder.OrganizationAsync("Paged ledger X " + suffix, "state", "FI");
        var mission = await seeder.OrganizationAsync("Paged ledger mission of X " + suffix, "diplomatic_mission", "FI", x);
        var y = await seeder.OrganizationAsync("Paged ledger Y " + suffix, "state", "NO");
        var other = await seeder.OrganizationAsync("Paged ledger Z " + suffix, "state", "SE");
        string[] dates = ["2019-01-10", "2019-02", "2019-03-05", "2019-03-05", "2019-04-20", "2019", "2019-06-01"];
        for (var i = 0; i < dates.Length; i++)
        {
            var measure = await seeder.EventAsync(Measure($"X measure {i}", dates[i], i == 4 ? mission : x, y, i + 1));
            if (i % 2 == 1)
            {
                await seeder.EventAsync(Measure($"Y answers {i}", "2019-12-31", y, x, i + 1, new[] { new { type = "responds_to", targetEventId = measure } }));
            }
        }

        await seeder.EventAsync(new
        {
            type = "statement", title = "X comments", date = "2019-05-01", status = "completed",
            participants = new[] { new { organizationId = x, role = "initiator" }, new { organizationId = y, role = "target" } },
        });
        return (x, y, other);
    }

    private static IEnumerable<string> Titles(JsonElement ledger) =>
        ledger.GetProperty("exchanges").EnumerateArray().Select(e => (Date: e.GetProperty("measure").GetProperty("date").GetString()!, Id: e.GetProperty("measure").GetProperty("id").GetInt64(), Title: e.GetProperty("measure").GetProperty("title").GetString()!))
            .Concat(ledger.GetProperty("unanswered").EnumerateArray().Select(m => (Date: m.GetProperty("date").GetString()!, Id: m.GetProperty("id").GetInt64(), Title: m.GetProperty("title").GetString()!)))
            .OrderBy(m => m.Id).Select(m => m.Title);

    [Fact]
    public async Task PagesOfTheLedgerTogetherListEveryMeasureOnceAndEachRepeatsTheWholeCounts()
    {
        var (x, y, _) = await SeedPairAsync();
        var client = app.CreateClient();
        var whole = await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&limit=500")).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("nextCursor").ValueKind);
        Assert.Equal(7, whole.GetProperty("aToB").GetProperty("measures").GetInt32());
        Assert.Equal(4, whole.GetProperty("unanswered").EnumerateArray().Count(m => m.GetProperty("direction").GetString() == "a_to_b"));
        Assert.Equal(3, whole.GetProperty("exchanges").GetArrayLength());

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).ReadJsonAsync();
            Assert.True(page.GetProperty("exchanges").GetArrayLength() + page.GetProperty("unanswered").GetArrayLength() <= 2);
            Assert.Equal(whole.GetProperty("aToB").GetRawText(), page.GetProperty("aToB").GetRawText());
            Assert.Equal(whole.GetProperty("bToA").GetRawText(), page.GetProperty("bToA").GetRawText());
            Assert.Equal(whole.GetProperty("responseLagDays").GetRawText(), page.GetProperty("responseLagDays").GetRawText());
            seen.AddRange(Titles(page));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 20);

        // 7 measures of X and 3 answers of Y (measures too, b→a), in date order: 10 in pages of 2.
        Assert.Equal(5, pages);
        Assert.Equal(Titles(whole).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task PagesFollowTheFirstDayOfEachMeasureThenItsId()
    {
        var (x, y, _) = await SeedPairAsync();
        var client = app.CreateClient();
        var pages = new List<string[]>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&limit=4" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).ReadJsonAsync();
            pages.Add([.. Titles(page).Order(StringComparer.Ordinal)]);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && pages.Count < 10);

        // "2019" begins on January 1st and "2019-02" on February 1st; of the two measures of 2019-03-05 the first created comes first.
        Assert.Equal(
            [
                ["X measure 0", "X measure 1", "X measure 2", "X measure 5"],
                ["X measure 3", "X measure 4", "X measure 6", "Y answers 1"],
                ["Y answers 3", "Y answers 5"],
            ],
            pages);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("-3")]
    public async Task LimitOutsideOneTo500Is400(string limit)
    {
        var (x, y, _) = await SeedPairAsync();
        var errors = await (await app.CreateClient().GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&limit={limit}")).AssertValidationErrorAsync("limit");
        Assert.Contains("between 1 and 500", Assert.Single(errors));
    }

    [Fact]
    public async Task TamperedCursorIs400()
    {
        var (x, y, _) = await SeedPairAsync();
        var client = app.CreateClient();
        var cursor = (await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&limit=1")).ReadJsonAsync()).GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];
        await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&limit=1&cursor={Uri.EscapeDataString(tampered)}")).AssertValidationErrorAsync("cursor");
        await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&cursor=eyJQIjpbIngiXX0")).AssertValidationErrorAsync("cursor");
    }

    [Fact]
    public async Task CursorOfAnotherPairOrPeriodIs400()
    {
        var (x, y, other) = await SeedPairAsync();
        var client = app.CreateClient();
        var cursor = Uri.EscapeDataString((await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&limit=1")).ReadJsonAsync()).GetProperty("nextCursor").GetString()!);
        await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={other}&limit=1&cursor={cursor}")).AssertValidationErrorAsync("cursor");
        await (await client.GetAsync($"/api/v1/dyads/ledger?a={y}&b={x}&limit=1&cursor={cursor}")).AssertValidationErrorAsync("cursor");
        await (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&from=2019&limit=1&cursor={cursor}")).AssertValidationErrorAsync("cursor");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/dyads/ledger?a={x}&b={y}&limit=5&cursor={cursor}")).StatusCode);
    }
}
