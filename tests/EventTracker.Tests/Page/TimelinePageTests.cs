using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EventTracker.Tests.Page;

/// <summary>The timeline page (design.md section 9) in a real browser, on the demo data.</summary>
[Trait("Store", "sqlite")]
[Trait("Browser", "chromium")]
public sealed class TimelinePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string October2021 = "/?organization=1&counterpart=2&from=2021-10&to=2021-10";

    private static async Task<IReadOnlyList<string>> EventTitlesAsync(IPage page)
    {
        await page.Locator("#events li").First.WaitForAsync();
        return await page.Locator("#events li").EvaluateAllAsync<string[]>("items => items.map(item => item.querySelector('.title').textContent)");
    }

    [ChromiumFact]
    public async Task TheNatoRussiaViewOfOctober2021ShowsThatMonthsEvents()
    {
        var page = await browser.OpenAsync(October2021);

        var titles = await EventTitlesAsync(page);

        Assert.Contains("NATO withdraws the accreditation of eight members of Russia's mission", titles);
        Assert.Contains("Russia suspends its permanent mission to NATO from 1 November 2021", titles);
        Assert.DoesNotContain(titles, title => title.Contains("2018", StringComparison.Ordinal));
        Assert.Equal("NATO", await page.InputValueAsync("#organization-input"));
        Assert.Equal("Russian Federation", await page.InputValueAsync("#counterpart-input"));
        Assert.True(await page.Locator("#timeline .bar").CountAsync() > 0, "the histogram is drawn");
        Assert.Equal(titles.Count, await page.Locator("#timeline [data-id]").CountAsync());
        Assert.Contains("format=csv", await page.GetAttributeAsync("#export-csv", "href") ?? "", StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "1-timeline-october-2021");
    }

    [ChromiumFact]
    public async Task ClickingAnEventShowsItsQuoteAndItsSpeaker()
    {
        var page = await browser.OpenAsync(October2021);
        await EventTitlesAsync(page);

        await page.Locator("#events li", new PageLocatorOptions { HasText = "Zakharova: Moscow will prepare tit-for-tat measures" }).ClickAsync();

        var panel = page.Locator("#panel");
        await panel.Locator("blockquote").First.WaitForAsync();
        Assert.Contains("We will proceed from this", await panel.Locator("blockquote").First.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("— Maria Zakharova", await panel.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Ministry of Foreign Affairs of the Russian Federation (initiator)", await panel.TextContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("null", await panel.TextContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "2-event-with-quote");
    }

    [ChromiumFact]
    public async Task TheChainShowsMoscowsAnswersWithTheirLags()
    {
        var page = await browser.OpenAsync(October2021);
        await EventTitlesAsync(page);
        await page.Locator("#events li", new PageLocatorOptions { HasText = "NATO withdraws the accreditation of eight" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Chain" }).ClickAsync();

        await page.Locator("#panel .lag").First.WaitForAsync();
        var lags = await page.Locator("#panel .lag").AllTextContentsAsync();
        Assert.Contains("1 day", lags);
        Assert.Contains("12 days", lags);
        await BrowserFixture.ScreenshotAsync(page, "3-chain");
    }

    [ChromiumFact]
    public async Task TheLedgerShowsTheMarch2018Numbers()
    {
        var page = await browser.OpenAsync("/?organization=8&counterpart=2&from=2018-03&to=2018-03");
        await EventTitlesAsync(page);

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Ledger" }).ClickAsync();

        var table = page.Locator("#panel table.ledger");
        await table.WaitForAsync();
        var rows = await table.Locator("tbody tr").AllInnerTextsAsync();
        Assert.StartsWith("United Kingdom → Russian Federation\t1\t23", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("Russian Federation → United Kingdom\t2\t23", rows[1], StringComparison.Ordinal);
        Assert.Contains("3 days", await page.Locator("#panel .exchanges").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "4-ledger-march-2018");
    }

    [ChromiumFact]
    public async Task ChangingAFilterUpdatesTheUrlAndTheEvents()
    {
        var page = await browser.OpenAsync(October2021);
        await EventTitlesAsync(page);

        await page.FillAsync("#from", "2018-03");
        await page.FillAsync("#to", "2018-03");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("from=2018-03", StringComparison.Ordinal) && url.Contains("to=2018-03", StringComparison.Ordinal));
        Assert.Contains("organization=1", page.Url, StringComparison.Ordinal);
        await page.Locator("#events li", new PageLocatorOptions { HasText = "NATO withdraws the accreditation of seven" }).WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "5-filter-changed");
    }

    [ChromiumFact]
    public async Task TypingInThePickerSearchesOrganizations()
    {
        var page = await browser.OpenAsync("/");

        await page.FillAsync("#organization-input", "Pola");

        await page.Locator("#organization-options option[value='Poland']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    [ChromiumFact]
    public async Task OnAnOrganizationWith100000EventsTheFirstViewIsQuickAndLoadsOnePageAtATime()
    {
        await using var server = new RealServer(RealServer.TempDatabasePath());
        await server.StartAsync();
        var ndjson = new StringBuilder();
        ndjson.AppendLine(JsonSerializer.Serialize(new { kind = "organization", externalId = "busy", name = "Very busy state", organizationKind = "state", countryCode = "FI" }));
        for (var i = 0; i < 100_000; i++)
        {
            ndjson.AppendLine(JsonSerializer.Serialize(new
            {
                kind = "event", externalId = $"e{i}", type = "statement", title = $"Statement number {i}",
                date = $"{1990 + (i % 35)}-{1 + (i % 12):00}-{1 + (i % 28):00}",
                participants = new[] { new { organizationExternalId = "busy", role = "initiator" } },
            }));
        }

        using var admin = server.CreateClient(EventTrackerApp.EditorKey);
        admin.Timeout = TimeSpan.FromMinutes(5);
        var import = await admin.PostAsync("/api/v1/import", new StringContent(ndjson.ToString(), Encoding.UTF8, "application/x-ndjson"));
        var report = await import.ReadJsonAsync();
        Assert.Equal(100_001, report.GetProperty("created").GetInt32());
        var organization = (await (await admin.GetAsync("/api/v1/organizations?q=busy")).ReadJsonAsync()).GetProperty("items")[0].GetProperty("id").GetInt64();

        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var timelineRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/v1/", StringComparison.Ordinal))
            {
                lock (timelineRequests)
                {
                    timelineRequests.Add(request.Url);
                }
            }
        };
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(server.BaseAddress, $"/?organization={organization}").ToString());
        await page.Locator("#events li").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        var firstView = clock.Elapsed;

        Assert.True(firstView < TimeSpan.FromSeconds(5), $"first view after {firstView}");
        Assert.Equal(50, await page.Locator("#events li").CountAsync());
        string[] seen;
        lock (timelineRequests)
        {
            seen = [.. timelineRequests];
        }

        Assert.DoesNotContain(seen, url => url.Contains("/events/export", StringComparison.Ordinal));
        var pages = seen.Where(url => url.Contains("/api/v1/timeline?", StringComparison.Ordinal)).ToList();
        Assert.Single(pages);
        Assert.Contains("limit=50", pages[0], StringComparison.Ordinal);

        // Scrolling to the end of the list asks for the next page, and only that.
        await page.Locator("#more").ScrollIntoViewIfNeededAsync();
        await page.Locator("#events li").Nth(99).WaitForAsync();
        lock (timelineRequests)
        {
            Assert.Equal(2, timelineRequests.Count(url => url.Contains("/api/v1/timeline?", StringComparison.Ordinal)));
        }

        await BrowserFixture.ScreenshotAsync(page, "6-100000-events");
    }
}
