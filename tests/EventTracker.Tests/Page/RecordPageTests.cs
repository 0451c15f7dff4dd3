using System.Net.Http.Json;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EventTracker.Tests.Page;

/// <summary>The record view: an article pasted, drafted, reviewed and saved from the page, on the demo data.</summary>
[Trait("Store", "sqlite")]
[Trait("Browser", "chromium")]
public sealed class RecordPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> DraftAsync(string article, string url, string publishedAt)
    {
        var page = await browser.OpenAsync("/?view=record");
        await page.FillAsync("#article", article);
        await page.FillAsync("#article-url", url);
        await page.FillAsync("#article-date", publishedAt);
        await page.ClickAsync("#draft-button");
        await GiveKeyAsync(page, EventTrackerApp.EditorKey);
        await page.Locator("#cards .card").First.WaitForAsync();
        return page;
    }

    private static async Task GiveKeyAsync(IPage page, string key)
    {
        await page.Locator("#key-dialog[open]").WaitForAsync();
        await page.FillAsync("#api-key", key);
        await page.Keyboard.PressAsync("Enter");
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var client = browser.Server.CreateClient();
        return await (await client.GetAsync(path)).ReadJsonAsync();
    }

    // Presses Tab (or Shift+Tab) until the focus is on an element matching the selector.
    private static async Task MoveFocusToAsync(IPage page, string selector, string key = "Tab")
    {
        for (var i = 0; i < 200; i++)
        {
            if (await page.EvaluateAsync<bool>("selector => document.activeElement?.matches(selector) ?? false", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync(key);
        }

        Assert.Fail($"{key} never reached {selector}");
    }

    private static ILocator Card(IPage page, string hasText) => page.Locator("#cards .card", new PageLocatorOptions { HasText = hasText });

    [ChromiumFact]
    public async Task TheHeadersRecordLinkOpensTheRecordViewReadyForAnArticle()
    {
        var page = await browser.OpenAsync("/");
        await page.Locator("#events li").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Record an article" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/?view=record", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#article")).ToBeFocusedAsync();
        Assert.True(await page.Locator("#timeline-view").IsHiddenAsync());
        Assert.True(await page.Locator("#draft").IsHiddenAsync());
        Assert.Equal("page", await page.GetAttributeAsync("#record-link", "aria-current"));
        await BrowserFixture.ScreenshotAsync(page, "record-0-empty");
    }

    [ChromiumFact]
    public async Task AnArticleIsDraftedEditedTrimmedAndSavedThenItsEventsAreOnTheTimeline()
    {
        // The editor means the Council, which the store holds, where the article says "the European Union".
        using var editor = browser.Server.CreateClient(EventTrackerApp.EditorKey);
        var council = (await (await editor.PostAsJsonAsync("/api/v1/organizations", new { name = "Council of the European Union", kind = "international_organization" }))
            .ReadJsonAsync()).GetProperty("id").GetInt64();
        var page = await DraftAsync(RecordArticles.LatviaRussia2023, RecordArticles.LatviaRussia2023Url, "2023-03-15");

        foreach (var kind in new[] { "organization", "person", "number", "date", "quote" })
        {
            Assert.True(await page.Locator($"#marked-text mark.m-{kind}").CountAsync() > 0, $"no {kind} is marked");
        }

        Assert.Empty(await TimelineReadingTests.CutPlaceholdersAsync(page));
        await page.Locator("#marked-text mark.m-person").First.FocusAsync();
        await Assertions.Expect(page.Locator("#mark-tip")).ToBeVisibleAsync();
        Assert.Contains("Person: Dmitry Peskov", await page.InnerTextAsync("#mark-tip"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "record-1-drafted");
        // The README's picture (docs/record-view.png): the marked text beside the first cards, as a screen shows them.
        await page.EvaluateAsync("() => window.scrollTo(0, document.querySelector('#record-status').getBoundingClientRect().top + scrollY - 8)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "record-view.png") });

        // Edit a role: the expelled side is affected, say, rather than a target.
        var expulsion = Card(page, "Latvia expels");
        var role = expulsion.Locator("select[data-path$='.role']").Nth(1);
        await role.SelectOptionAsync("affected");
        await BrowserFixture.ScreenshotAsync(page, "record-2-role-edited");

        // Drop a card: this editor records Moscow's promise with its measure, when one comes, not on its own.
        var cards = await page.Locator("#cards .card").CountAsync();
        var promise = page.Locator("#cards .card", new PageLocatorOptions { Has = page.Locator("select[data-path$='.type'] option[value='retaliation_announced']:checked") });
        var dropped = await promise.Locator("input[data-path$='.title']").InputValueAsync();
        await promise.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { NameRegex = new("^Drop event") }).ClickAsync();
        Assert.Equal(cards - 1, await page.Locator("#cards .card").CountAsync());
        Assert.Equal(0, await Card(page, dropped).CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "record-3-card-dropped");

        // Replace the proposed European Union by the stored Council.
        var proposed = page.Locator("#entities li.new-entity", new PageLocatorOptions { Has = page.Locator("input[value='European Union']") });
        var picker = proposed.Locator("input.picker");
        await picker.FillAsync("Council of");
        await page.Locator("#entities datalist option[value='Council of the European Union']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await picker.FillAsync("Council of the European Union");
        await page.Locator("#entities li", new PageLocatorOptions { HasText = $"stored organization #{council}" }).WaitForAsync();
        Assert.Contains("Council of the European Union", await page.InnerTextAsync("#cards"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "record-4-organization-replaced");

        await page.ClickAsync("#save-button");

        await page.WaitForURLAsync(url => !url.Contains("view=record", StringComparison.Ordinal));
        await page.Locator("#events li").First.WaitForAsync();
        Assert.Contains("Saved:", await page.InnerTextAsync("#status"), StringComparison.Ordinal);
        var titles = await page.Locator("#events li .title").AllTextContentsAsync();
        Assert.DoesNotContain(dropped, titles);
        await page.Locator("#panel h3").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "record-5-saved-on-the-timeline");

        Assert.Contains("counterpart=2", page.Url, StringComparison.Ordinal);
        var saved = await GetAsync($"/api/v1/events/{new Uri(page.Url).Query.Split("event=")[1].Split('&')[0]}");
        Assert.Contains(saved.GetProperty("citations").EnumerateArray(), c => c.GetProperty("sourceUrl").GetString() == RecordArticles.LatviaRussia2023Url);
        var participants = saved.GetProperty("participants").EnumerateArray()
            .Where(p => p.TryGetProperty("organizationId", out var id) && id.ValueKind == JsonValueKind.Number).Select(p => (p.GetProperty("organizationId").GetInt64(), p.GetProperty("role").GetString())).ToList();
        Assert.Contains((2L, "affected"), participants);
        var councilEvents = await GetAsync($"/api/v1/timeline?organization={council}");
        Assert.Contains(councilEvents.GetProperty("items").EnumerateArray(), e => e.GetProperty("date").GetString()!.StartsWith("2023-03", StringComparison.Ordinal));
    }

    [ChromiumFact]
    public async Task TheOctober2021ArticleEndsAsCitationsOnTheStoredEventsNotAsNewOnes()
    {
        var before = (await GetAsync("/api/v1/timeline/histogram?organization=1&counterpart=2&from=2021-10&to=2021-10&interval=month")).GetProperty("total").GetInt64();
        var page = await DraftAsync(RecordArticles.NatoRussiaOctober2021, RecordArticles.NatoRussiaOctober2021Url, "2021-10-08");

        var cards = page.Locator("#cards .card");
        Assert.True(await cards.CountAsync() >= 2);
        Assert.Equal(await cards.CountAsync(), await page.Locator("#cards .card.existing").CountAsync());
        Assert.Contains("this article will be added to it as a source", (await cards.First.InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "record-6-october-2021-already-recorded");

        await page.ClickAsync("#save-button");

        await page.WaitForURLAsync(url => url.Contains("organization=", StringComparison.Ordinal));
        await page.Locator("#events li").First.WaitForAsync();
        Assert.Contains("0 new events", await page.InnerTextAsync("#status"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "record-7-october-2021-cited");
        var after = (await GetAsync("/api/v1/timeline/histogram?organization=1&counterpart=2&from=2021-10&to=2021-10&interval=month")).GetProperty("total").GetInt64();
        Assert.Equal(before, after);
        var withdrawal = (await GetAsync("/api/v1/timeline?organization=1&counterpart=2&from=2021-10&to=2021-10&type=accreditation_withdrawal")).GetProperty("items")[0].GetProperty("id").GetInt64();
        var citations = (await GetAsync($"/api/v1/events/{withdrawal}")).GetProperty("citations").EnumerateArray();
        Assert.Contains(citations, c => c.GetProperty("sourceUrl").GetString() == RecordArticles.NatoRussiaOctober2021Url);
    }

    [ChromiumFact]
    public async Task AWrongKeyAndAReadersKeyAreRefusedWithWhatIsNeededAndTheEditorsKeyIsAskedOnceAndKeptForTheTabOnly()
    {
        var page = await browser.OpenAsync("/?view=record");
        await page.FillAsync("#article", RecordArticles.LithuaniaBelarus2022);
        await page.FillAsync("#article-date", "2022-05-10");
        var asked = 0;
        await page.ExposeFunctionAsync("countAsked", () => asked++);
        await page.EvaluateAsync("() => new MutationObserver(() => { if (document.querySelector('#key-dialog').open) countAsked(); }).observe(document.querySelector('#key-dialog'), { attributes: true, attributeFilter: ['open'] })");
        await page.ClickAsync("#draft-button");

        await GiveKeyAsync(page, "not-a-key-0123456789");
        await Assertions.Expect(page.Locator("#api-key-error")).ToContainTextAsync("401");
        Assert.Contains("editor", await page.InnerTextAsync("#api-key-error"), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#api-key", "aria-invalid"));
        await BrowserFixture.ScreenshotAsync(page, "record-8-wrong-key");
        await page.FillAsync("#api-key", EventTrackerApp.ReaderKey);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#api-key-error")).ToContainTextAsync("403");
        Assert.Contains("reader role", await page.InnerTextAsync("#api-key-error"), StringComparison.Ordinal);
        await page.FillAsync("#api-key", EventTrackerApp.EditorKey);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#cards .card").First.WaitForAsync();

        Assert.Equal(EventTrackerApp.EditorKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('eventtracker.editorKey')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.DoesNotContain(EventTrackerApp.EditorKey, page.Url, StringComparison.Ordinal);
        await page.ClickAsync("#save-button");
        await page.WaitForURLAsync(url => !url.Contains("view=record", StringComparison.Ordinal));
        await page.Locator("#events li").First.WaitForAsync();
        Assert.Equal(3, asked);
        Assert.DoesNotContain(EventTrackerApp.EditorKey, page.Url, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task AServer400IsShownAtTheFieldItNamesAndNothingIsSaved()
    {
        var page = await DraftAsync(RecordArticles.LithuaniaBelarus2022.Replace("Monday", "Friday", StringComparison.Ordinal), "https://news.example/2022/05/13/lithuania", "2022-05-14");
        var endDate = page.Locator("[data-path='events[0].endDate']");
        await endDate.FillAsync("2001-01-01");
        var before = (await GetAsync("/api/v1/events?q=Belarusian&limit=50")).GetProperty("items").GetArrayLength();

        await page.ClickAsync("#save-button");

        await Assertions.Expect(endDate).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(endDate).ToBeFocusedAsync();
        var message = page.Locator("#" + await endDate.GetAttributeAsync("aria-describedby"));
        Assert.Contains("endDate", await page.InnerTextAsync("#record-errors"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await message.InnerTextAsync()));
        Assert.Contains("view=record", page.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "record-9-server-400");
        Assert.Equal(before, (await GetAsync("/api/v1/events?q=Belarusian&limit=50")).GetProperty("items").GetArrayLength());
    }

    [ChromiumFact]
    public async Task AnArticleIsRecordedWithTheKeyboardOnly()
    {
        var page = await browser.OpenAsync("/?view=record");
        await Assertions.Expect(page.Locator("#article")).ToBeFocusedAsync();
        await page.Keyboard.InsertTextAsync(RecordArticles.FinlandRussia2020);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("https://news.example/2020/09/10/finland-expels");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("2020-09-11");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#draft-button")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#api-key")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(EventTrackerApp.EditorKey);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#cards .card").First.WaitForAsync();

        await MoveFocusToAsync(page, "#marked-text mark", "Shift+Tab");
        await Assertions.Expect(page.Locator("#mark-tip")).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("#mark-tip")));
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#mark-tip")).ToBeHiddenAsync();

        const string role = "[data-path='events[0].participants[1].role']";
        var before = await page.InputValueAsync(role);
        await MoveFocusToAsync(page, role);
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.NotEqual(before, await page.InputValueAsync(role));

        var cards = await page.Locator("#cards .card").CountAsync();
        Assert.True(cards >= 2, $"{cards} cards drafted");
        await MoveFocusToAsync(page, "#cards .card:last-child button.drop");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(cards - 1, await page.Locator("#cards .card").CountAsync());

        await MoveFocusToAsync(page, "#save-button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("from=2020-09", StringComparison.Ordinal));
        await page.Locator("#events li", new PageLocatorOptions { HasText = "Finland" }).First.WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "record-10-keyboard-only-saved");
    }

    [ChromiumFact]
    public async Task ANewStatesMissingCountryCodeIsMarkedAtItsFieldThoughUnusedNamesAreNotSent()
    {
        var page = await DraftAsync(RecordArticles.SlovakiaRussia2022, "https://news.example/2022/04/06/slovakia-expels", "2022-04-06");
        var slovakia = page.Locator("#entities li.new-entity", new PageLocatorOptions { Has = page.Locator("input[value='Slovakia']") });
        var code = slovakia.Locator("input[data-path$='.countryCode']");
        var path = await code.GetAttributeAsync("data-path");
        await code.FillAsync("");
        var sent = page.WaitForRequestAsync(request => request.Url.EndsWith("/api/v1/drafts/commit", StringComparison.Ordinal));

        await page.ClickAsync("#save-button");

        var body = JsonDocument.Parse((await sent).PostData!).RootElement;
        Assert.All(body.GetProperty("organizations").EnumerateArray(), organization =>
            Assert.Contains(body.GetProperty("events").EnumerateArray().SelectMany(e => e.GetProperty("participants").EnumerateArray()),
                participant => participant.TryGetProperty("organization", out var used) && used.GetString() == organization.GetProperty("ref").GetString()));
        await Assertions.Expect(code).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Contains(path!, await page.InnerTextAsync("#record-errors"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "record-11-organization-400");
    }

    [ChromiumFact]
    public async Task APastedPageIsDraftedFromItsStoryWithoutItsMenusTeasersOrCaptions()
    {
        var page = await DraftAsync(RecordArticles.CzechiaRussia2021Page, "https://news.example/2021/04/18/czechia-expels", "");

        var text = await page.InnerTextAsync("#marked-text");
        Assert.Contains("Czechia on Saturday expelled 18 Russian diplomats", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Subscribe", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Storm closes airport", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pictured in 2019", text, StringComparison.Ordinal);
        Assert.Equal("Czechia expels 18 Russian diplomats", await page.InputValueAsync("[data-path='source.title']"));
        Assert.Contains("2021-04-17", await page.InputValueAsync("[data-path='events[0].date']"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "record-12-pasted-page");
    }
}
