using System.Text.Json;
using EventTracker.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EventTracker.Tests.Page;

/// <summary>The record view: an article pasted, drafted, reviewed and saved from the page, on the demo data.</summary>
[Trait("Store", "sqlite")]
[Trait("Browser", "chromium")]
public sealed class RecordPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task TheHeadersRecordLinkOpensTheRecordViewReadyForAnArticle()
    {
        var page = await browser.OpenAsync("/");
        await page.Locator("#events li").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Record an article" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/?view=record", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#article")).ToBeFocusedAsync();
        Assert.True(await page.Locator("#timeline-view").IsHiddenAsync());
        Assert.Equal("page", await page.GetAttributeAsync("#record-link", "aria-current"));
        await BrowserFixture.ScreenshotAsync(page, "record-0-empty");
    }
}
