using System.Net.Http.Json;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Timeline;

/// <summary>
/// A word in many of the events (on SQLite read from the date-ordered text index, page by page): the pages give exactly
/// the live matches in (first day, id) order, both ways, with dates of every precision, words that are prefixes of
/// several terms, a date range, and after events were redated, retitled and deleted.
/// </summary>
public sealed class CommonTextPagingTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private sealed record Seeded(long Id, string Date, string Title);

    private static string FirstDay(string date) => date.Length switch { 4 => date + "-01-01", 7 => date + "-01", _ => date };

    private static string LastDay(string date) => date.Length switch
    {
        4 => date + "-12-31",
        7 => DateOnly.ParseExact(date + "-01", "yyyy-MM-dd").AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd"),
        _ => date,
    };

    private static async Task<List<long>> AllPagesAsync(HttpClient client, string query, string order)
    {
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"/api/v1/timeline?{query}&order={order}&limit=7" +
                                                    (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).ReadJsonAsync();
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && ids.Count < 1000);

        return ids;
    }

    [Fact]
    public async Task EveryPageOfACommonWordIsTheLiveMatchesInDateOrder()
    {
        var editor = app.CreateEditorClient();
        var seeder = new Seeder(editor);
        var organization = await seeder.OrganizationAsync("Common text state " + Guid.NewGuid().ToString("N")[..6], "state", "FI");
        // Plain lowercase letters, unique to this test: "<word>", "<word>s" and "<word>alpha" are three terms the word is a prefix of.
        var word = "cw" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());
        string[] dates = ["2019", "2019-03", "2019-03-01", "2019-03-01", "2018-12-31", "2019-02", "2020-01-15", "2019-03-05", "2019-03-01", "2017"];
        var seeded = new List<Seeded>();
        for (var i = 0; i < 90; i++)
        {
            var date = dates[i % dates.Length];
            var title = (i % 3) switch { 0 => $"Report {i} on {word}", 1 => $"{word}s seen, report {i}", _ => $"Report {i}: {word}alpha" } +
                        (i % 4 == 0 ? " second" + word : "");
            seeded.Add(new Seeded(await seeder.SimpleEventAsync(title, date, organization), date, title));
        }

        await seeder.SimpleEventAsync("Unrelated report", "2019-03-01", organization);
        // Redated (its key in the dated index changes), retitled without the word, deleted.
        (await editor.PutAsJsonAsync($"/api/v1/events/{seeded[5].Id}", new
        {
            type = "statement", title = seeded[5].Title, date = "2016-06", status = "completed",
            participants = new[] { new { organizationId = organization, role = "initiator" } },
        })).EnsureSuccessStatusCode();
        seeded[5] = seeded[5] with { Date = "2016-06" };
        (await editor.PutAsJsonAsync($"/api/v1/events/{seeded[6].Id}", new
        {
            type = "statement", title = "Nothing to see", date = seeded[6].Date, status = "completed",
            participants = new[] { new { organizationId = organization, role = "initiator" } },
        })).EnsureSuccessStatusCode();
        (await editor.DeleteAsync($"/api/v1/events/{seeded[7].Id}")).EnsureSuccessStatusCode();
        var live = seeded.Where((_, i) => i is not 6 and not 7).ToList();
        var inOrder = live.OrderBy(e => FirstDay(e.Date), StringComparer.Ordinal).ThenBy(e => e.Id).ToList();
        var client = app.CreateClient();

        Assert.Equal(inOrder.Select(e => e.Id), await AllPagesAsync(client, $"q={word}", "asc"));
        Assert.Equal(inOrder.Select(e => e.Id).Reverse(), await AllPagesAsync(client, $"q={word}", "desc"));
        Assert.Equal(inOrder.Where(e => e.Title.Contains(word + "s", StringComparison.Ordinal)).Select(e => e.Id),
            await AllPagesAsync(client, $"q={word}s", "asc"));
        Assert.Equal(inOrder.Where(e => e.Title.Contains("second" + word, StringComparison.Ordinal)).Select(e => e.Id),
            await AllPagesAsync(client, $"q={Uri.EscapeDataString($"{word} second{word}")}", "asc"));
        var inRange = inOrder.Where(e => string.CompareOrdinal(FirstDay(e.Date), "2019-01-01") >= 0 && string.CompareOrdinal(LastDay(e.Date), "2019-03-01") <= 0);
        Assert.Equal(inRange.Select(e => e.Id), await AllPagesAsync(client, $"q={word}&from=2019-01&to=2019-03-01", "asc"));
        var overlapping = inOrder.Where(e => string.CompareOrdinal(LastDay(e.Date), "2019-03-02") >= 0 && string.CompareOrdinal(FirstDay(e.Date), "2019-03-02") <= 0);
        Assert.Equal(overlapping.Select(e => e.Id).Reverse(), await AllPagesAsync(client, $"q={word}&from=2019-03-02&to=2019-03-02&overlap=true", "desc"));
        Assert.Empty(await AllPagesAsync(client, $"q={word}zzz", "asc"));
    }
}
