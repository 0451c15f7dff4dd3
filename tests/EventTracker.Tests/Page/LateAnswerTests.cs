using Microsoft.Playwright;

namespace EventTracker.Tests.Page;

/// <summary>An answer that arrives after the person moved on is dropped: it never replaces what a newer request shows.</summary>
[Trait("Store", "sqlite")]
[Trait("Browser", "chromium")]
public sealed class LateAnswerTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> NewPageAsync() =>
        await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });

    private Task<IResponse?> GoToAsync(IPage page, string path) => page.GotoAsync(new Uri(browser.Server.BaseAddress, path).ToString());

    // Lets the page's own timers and promises run after an answer arrived.
    private static Task<System.Text.Json.JsonElement?> SettleAsync(IPage page) => page.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve, 150))");

    [ChromiumFact]
    public async Task ANewViewIsListedWhileAnOldViewsPageIsStillLoadingAndTheOldPageIsDroppedWhenItComes()
    {
        var page = await NewPageAsync();
        var release = new TaskCompletionSource();
        await page.RouteAsync(url => url.Contains("/api/v1/timeline?", StringComparison.Ordinal) && url.Contains("from=2021-10", StringComparison.Ordinal), async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await GoToAsync(page, "/?organization=1&counterpart=2&from=2021-10&to=2021-10");
        await page.Locator("#timeline .bar").First.WaitForAsync();

        await page.FillAsync("#from", "2018-03");
        await page.FillAsync("#to", "2018-03");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();

        await page.Locator("#events li", new PageLocatorOptions { HasText = "NATO withdraws the accreditation of seven" }).WaitForAsync();
        var late = page.WaitForResponseAsync(response => response.Url.Contains("from=2021-10", StringComparison.Ordinal) && response.Url.Contains("/timeline?", StringComparison.Ordinal));
        release.SetResult();
        await late;
        await SettleAsync(page);
        var titles = await page.Locator("#events li .title").AllTextContentsAsync();
        Assert.DoesNotContain(titles, title => title.Contains("eight members", StringComparison.Ordinal));
        Assert.Equal(titles.Count, await page.Locator("#timeline [data-id]").CountAsync());
    }

    [ChromiumFact]
    public async Task AnEventsLateAnswerDoesNotReplaceTheEventPickedAfterIt()
    {
        var page = await NewPageAsync();
        await GoToAsync(page, "/?organization=1&counterpart=2&from=2021-10&to=2021-10");
        var first = page.Locator("#events li", new PageLocatorOptions { HasText = "NATO withdraws the accreditation of eight" });
        await first.WaitForAsync();
        var firstId = await first.GetAttributeAsync("data-id");
        var release = new TaskCompletionSource();
        await page.RouteAsync(url => url.EndsWith($"/api/v1/events/{firstId}", StringComparison.Ordinal), async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await first.ClickAsync();
        await page.Locator("#events li", new PageLocatorOptions { HasText = "Zakharova: Moscow will prepare" }).ClickAsync();
        await page.Locator("#panel h3", new PageLocatorOptions { HasText = "Zakharova" }).WaitForAsync();
        var late = page.WaitForResponseAsync(response => response.Url.EndsWith($"/api/v1/events/{firstId}", StringComparison.Ordinal));
        release.SetResult();
        await late;
        await SettleAsync(page);

        Assert.Contains("Zakharova", await page.InnerTextAsync("#panel h3"), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task ALedgersLateAnswerDoesNotReplaceTheNextViewsSummary()
    {
        var page = await NewPageAsync();
        var release = new TaskCompletionSource();
        await page.RouteAsync(url => url.Contains("/api/v1/dyads/ledger", StringComparison.Ordinal), async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await GoToAsync(page, "/?organization=8&counterpart=2&from=2018-03&to=2018-03");
        await page.Locator("#events li").First.WaitForAsync();

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Ledger" }).ClickAsync();
        await page.FillAsync("#from", "2018");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("from=2018&", StringComparison.Ordinal));
        await page.Locator("#panel h3", new PageLocatorOptions { HasText = "In this view" }).WaitForAsync();
        var late = page.WaitForResponseAsync(response => response.Url.Contains("/api/v1/dyads/ledger", StringComparison.Ordinal));
        release.SetResult();
        await late;
        await SettleAsync(page);

        Assert.Equal("In this view", await page.InnerTextAsync("#panel h3"));
    }
}
