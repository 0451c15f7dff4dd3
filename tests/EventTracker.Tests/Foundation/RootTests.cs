using System.Net;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Foundation;

public sealed class RootTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public async Task TheRootServesTheTimelinePageWhichLinksToSwaggerUi()
    {
        var response = await app.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/swagger\"", page, StringComparison.Ordinal);
        Assert.Contains("src=\"/page/app.js\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/page/app.js", "text/javascript")]
    [InlineData("/page/style.css", "text/css")]
    [InlineData("/page/common.js", "text/javascript")]
    [InlineData("/page/chart.js", "text/javascript")]
    [InlineData("/page/panel.js", "text/javascript")]
    [InlineData("/page/picker.js", "text/javascript")]
    [InlineData("/page/record.js", "text/javascript")]
    [InlineData("/page/cards.js", "text/javascript")]
    [InlineData("/page/marks.js", "text/javascript")]
    public async Task ThePagesModulesAreServedWithoutABuildStepOrAnythingExternal(string path, string mediaType)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        // The SVG namespace is a name, not a request.
        var text = (await response.Content.ReadAsStringAsync()).Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal);
        Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBrowsersIconRequestIsAnsweredWithTheIconNotA404()
    {
        var response = await app.CreateClient().GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var icon = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, icon[..4]);
    }
}
