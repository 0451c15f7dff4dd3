using System.Text;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EventTracker.Tests.Page;

/// <summary>The timeline read at a glance, as a new user meets it: a labelled axis, a count scale, marks that do not hide each other.</summary>
[Trait("Store", "sqlite")]
[Trait("Browser", "chromium")]
public sealed class TimelineReadingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string October2021 = "/?organization=1&counterpart=2&from=2021-10&to=2021-10";

    private sealed class Box
    {
        public double X { get; set; }

        public double Y { get; set; }

        public double Width { get; set; }

        public double Height { get; set; }

        public double Total { get; set; }
    }

    private static Task<Box[]> BoxesAsync(IPage page, string selector) =>
        page.Locator(selector).EvaluateAllAsync<Box[]>(
            """
            marks => marks.map(m => m.tagName === 'circle'
              ? { x: +m.getAttribute('cx'), y: +m.getAttribute('cy'), width: 0, height: 0, total: 0 }
              : { x: +m.getAttribute('x'), y: +m.getAttribute('y'), width: +m.getAttribute('width'), height: +m.getAttribute('height'), total: +(m.dataset.total ?? 0) })
            """);

    private async Task<IPage> OpenListedAsync(string path)
    {
        var page = await browser.OpenAsync(path);
        await page.Locator("#events li").First.WaitForAsync();
        return page;
    }

    [ChromiumFact]
    public async Task TheTimeAxisIsLabelledInDaysWeeksMonthsOrYearsAsTheRangeNeeds()
    {
        (string From, string To, string[] Labels, string[] Contexts)[] ranges =
        [
            ("2021-10-04", "2021-10-10", ["4", "5", "6", "7", "8", "9", "10"], ["Oct 2021"]),
            ("2021-10", "2021-10", ["1", "6", "18", "31"], ["Oct 2021"]),
            ("2021-09", "2021-12", ["6", "13", "4", "27"], ["Sep 2021", "Oct 2021", "Nov 2021", "Dec 2021"]),
            ("2021", "2021", ["2021", "Feb", "Jun", "Oct", "Dec"], []),
            ("2014", "2022", ["2014", "2018", "2021", "2022"], []),
        ];
        foreach (var (from, to, labels, contexts) in ranges)
        {
            var page = await browser.OpenAsync($"/?organization=1&from={from}&to={to}");
            await page.Locator("#timeline .x-tick").First.WaitForAsync();

            var shown = await page.Locator("#timeline .x-tick").AllTextContentsAsync();
            var shownContexts = await page.Locator("#timeline .x-context").AllTextContentsAsync();
            foreach (var label in labels)
            {
                Assert.True(shown.Contains(label), $"{from}..{to}: no tick {label} in [{string.Join(", ", shown)}]");
            }

            Assert.Equal(contexts, shownContexts);
            var boxes = await page.Locator("#timeline .x-tick").EvaluateAllAsync<double[][]>("ticks => ticks.map(t => { const b = t.getBBox(); return [b.x, b.x + b.width]; })");
            for (var i = 1; i < boxes.Length; i++)
            {
                Assert.True(boxes[i][0] > boxes[i - 1][1], $"{from}..{to}: tick labels {shown[i - 1]} and {shown[i]} overlap");
            }

            await BrowserFixture.ScreenshotAsync(page, $"timeline-axis-{from}-{to}");
            await page.CloseAsync();
        }
    }

    [ChromiumFact]
    public async Task TheHistogramHasACountScaleWhoseTopIsTheHighestBarNotTheTotal()
    {
        var page = await OpenListedAsync(October2021);

        var ticks = await page.Locator("#timeline .y-tick").EvaluateAllAsync<double[][]>("ticks => ticks.map(t => [+t.dataset.value, +t.getAttribute('y')])");
        var bars = await BoxesAsync(page, "#timeline .bar");

        Assert.Equal(0, ticks[0][0]);
        var top = ticks[^1][0];
        var highest = bars.Max(bar => bar.Total);
        Assert.InRange(top, highest, highest * 2.5);
        Assert.True(top < 7, $"the scale's top {top} is the view's total of 7, not a count of the bars");
        var pixelsPerEvent = (ticks[0][1] - ticks[^1][1]) / top;
        foreach (var bar in bars)
        {
            Assert.InRange(bar.Height, (bar.Total * pixelsPerEvent) - 0.5, (bar.Total * pixelsPerEvent) + 0.5);
        }

        Assert.DoesNotContain("7 events", await page.Locator("#timeline").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Contains("events per day", await page.InnerTextAsync("#chart-caption"), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task EventDotsSitInTheMiddleOfTheirDaysBar()
    {
        var page = await OpenListedAsync(October2021);

        var bars = await BoxesAsync(page, "#timeline .bar");
        var dots = await BoxesAsync(page, "#timeline circle.point");

        Assert.NotEmpty(dots);
        foreach (var dot in dots)
        {
            var bar = bars.Single(bar => bar.Total > 0 && dot.X >= bar.X && dot.X <= bar.X + bar.Width + 1);
            Assert.InRange(dot.X, bar.X + ((bar.Width + 1) / 2) - 1, bar.X + ((bar.Width + 1) / 2) + 1);
        }
    }

    [ChromiumFact]
    public async Task OverlappingSpansAndSameDayDotsNeverShareALane()
    {
        using var editor = browser.Server.CreateClient(EventTrackerApp.EditorKey);
        var lines = new StringBuilder();
        lines.AppendLine(JsonSerializer.Serialize(new { kind = "organization", externalId = "lanes", name = "State of many lanes", organizationKind = "state", countryCode = "IS" }));
        string[] dates = ["1990", "1990-01", "1990-02", "1990-03", "1990-03", "1990-04", "1990-05", "1990-06", "1990-06-15", "1990-06-15", "1990-06-15"];
        for (var i = 0; i < dates.Length; i++)
        {
            lines.AppendLine(JsonSerializer.Serialize(new
            {
                kind = "event", externalId = $"lane{i}", type = "statement", title = $"Statement {i} of the lanes", date = dates[i],
                participants = new[] { new { organizationExternalId = "lanes", role = "initiator" } },
            }));
        }

        var import = await editor.PostAsync("/api/v1/import", new StringContent(lines.ToString(), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(dates.Length + 1, (await import.ReadJsonAsync()).GetProperty("created").GetInt32());
        var organization = (await (await editor.GetAsync("/api/v1/organizations?q=many%20lanes")).ReadJsonAsync()).GetProperty("items")[0].GetProperty("id").GetInt64();

        var page = await OpenListedAsync($"/?organization={organization}&from=1990&to=1990");
        await page.Locator("#timeline [data-id]").Nth(dates.Length - 1).WaitForAsync();

        var spans = await BoxesAsync(page, "#timeline rect.range");
        var dots = await BoxesAsync(page, "#timeline circle.point");
        Assert.Equal(8, spans.Length);
        for (var i = 0; i < spans.Length; i++)
        {
            for (var j = i + 1; j < spans.Length; j++)
            {
                var overlap = spans[i].X < spans[j].X + spans[j].Width && spans[j].X < spans[i].X + spans[i].Width;
                Assert.False(overlap && spans[i].Y == spans[j].Y, $"spans {i} and {j} overlap in the same lane");
            }
        }

        Assert.Equal(3, dots.Select(dot => dot.Y).Distinct().Count());
        var height = await page.Locator("#timeline").EvaluateAsync<double>("chart => chart.getBoundingClientRect().height");
        var lowest = await page.Locator("#timeline [data-id]").EvaluateAllAsync<double>("marks => Math.max(...marks.map(m => m.getBoundingClientRect().bottom - m.ownerSVGElement.getBoundingClientRect().top))");
        Assert.True(lowest <= height, $"the lowest lane ({lowest}px) is inside the chart ({height}px)");
        await BrowserFixture.ScreenshotAsync(page, "timeline-lanes");
    }

    [ChromiumFact]
    public async Task BeforeAnEventIsPickedThePanelSummarisesTheViewAndSaysWhatClickingShows()
    {
        var page = await OpenListedAsync(October2021);

        var panel = await page.InnerTextAsync("#panel");

        Assert.Contains("Click an event", panel, StringComparison.Ordinal);
        Assert.Contains("7 events", panel, StringComparison.Ordinal);
        Assert.Contains("Retaliation announced: 2", panel, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "timeline-first-view");
    }

    [ChromiumFact]
    public async Task TheLedgerSaysWhoDidNotAnswer()
    {
        var page = await OpenListedAsync("/?organization=8&counterpart=2&from=2018-03&to=2018-03");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Ledger" }).ClickAsync();

        var heading = page.Locator("#panel h4.unanswered-by");
        await heading.WaitForAsync();
        Assert.Equal("United Kingdom did not answer these measures of Russian Federation", await heading.InnerTextAsync());
        Assert.Contains("Russia expels 23 British diplomats", await page.InnerTextAsync("#panel ul.unanswered[data-direction='b_to_a']"), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task MoreMeasuresAddsTheLedgersNextPageToItsLists()
    {
        var page = await browser.OpenAsync("/?organization=8&counterpart=2&from=2018-03&to=2018-03");
        await page.Locator("#events li").First.WaitForAsync();
        // Pages of one measure, so that the demo's three measures of March 2018 take three.
        await page.RouteAsync(url => url.Contains("/api/v1/dyads/ledger", StringComparison.Ordinal),
            route => route.ContinueAsync(new RouteContinueOptions { Url = route.Request.Url + "&limit=1" }));

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Ledger" }).ClickAsync();
        await page.Locator("#panel table.ledger").WaitForAsync();
        var items = page.Locator("#panel .exchanges > li, #panel ul.unanswered > li");
        Assert.Equal(1, await items.CountAsync());
        var more = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "More measures" });
        await more.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#panel .exchanges > li, #panel ul.unanswered > li').length === 2");
        await more.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#panel .exchanges > li, #panel ul.unanswered > li').length === 3");

        Assert.False(await more.IsVisibleAsync());
        Assert.Contains("Russia expels 23 British diplomats", await page.InnerTextAsync("#panel ul.unanswered[data-direction='b_to_a']"), StringComparison.Ordinal);
        Assert.Contains("3 days", await page.InnerTextAsync("#panel .exchanges"), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task DatesAndTitlesStayApartOnScreenAndWhenCopied()
    {
        var page = await OpenListedAsync("/?organization=8&counterpart=2&from=2018-03&to=2018-03");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Ledger" }).ClickAsync();
        await page.Locator("#panel .exchanges").WaitForAsync();

        var copied = await page.EvaluateAsync<string>("() => { getSelection().selectAllChildren(document.querySelector('main')); return getSelection().toString(); }");

        Assert.Contains("2018-03-14 United Kingdom expels 23 Russian diplomats", copied, StringComparison.Ordinal);
        Assert.Contains("2018-03-17 Russia expels 23 British diplomats", copied, StringComparison.Ordinal);
        Assert.DoesNotContain("14United", copied, StringComparison.Ordinal);
        Assert.DoesNotContain("17Russia", copied, StringComparison.Ordinal);
        var gaps = await page.Locator("#events li").EvaluateAllAsync<double[]>(
            "items => items.map(item => item.querySelector('.title').getClientRects()[0].left - item.querySelector('.date').getBoundingClientRect().right)");
        Assert.All(gaps, gap => Assert.True(gap >= 4, $"date and title {gap}px apart"));
    }

    /// <summary>The visible inputs whose placeholder is wider than the room inside them.</summary>
    internal static Task<string[]> CutPlaceholdersAsync(IPage page) =>
        page.Locator("input[placeholder]:visible, textarea[placeholder]:visible").EvaluateAllAsync<string[]>(
            """
            inputs => inputs.filter(input => {
              const style = getComputedStyle(input);
              const context = document.createElement('canvas').getContext('2d');
              context.font = style.font;
              const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
              return context.measureText(input.placeholder).width > room;
            }).map(input => `${input.id}: ${input.placeholder}`)
            """);

    [ChromiumFact]
    public async Task NoInputsPlaceholderIsCutOff()
    {
        var page = await OpenListedAsync(October2021);

        Assert.Empty(await CutPlaceholdersAsync(page));
        Assert.True(await page.Locator("input[placeholder]:visible").CountAsync() >= 4);
    }
}
