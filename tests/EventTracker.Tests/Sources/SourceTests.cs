using System.Net;
using System.Net.Http.Json;
using EventTracker.Api.Sources;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Sources;

public sealed class SourceTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private readonly HttpClient _editor = app.CreateEditorClient();

    [Theory]
    [InlineData("HTTPS://WWW.Example.COM/News/Story", "https://www.example.com/News/Story")]
    [InlineData("https://example.com/a#section-2", "https://example.com/a")]
    [InlineData("https://example.com:443/a", "https://example.com/a")]
    [InlineData("http://example.com:80/a", "http://example.com/a")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/a")]
    [InlineData("https://example.com/a?utm_source=x&utm_medium=y&id=7", "https://example.com/a?id=7")]
    [InlineData("https://example.com/a?fbclid=abc&gclid=def", "https://example.com/a")]
    [InlineData("https://example.com/a?UTM_Campaign=z&page=2&q=nato", "https://example.com/a?page=2&q=nato")]
    [InlineData("https://example.com/CaseKept/Path", "https://example.com/CaseKept/Path")]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("  https://example.com/trimmed  ", "https://example.com/trimmed")]
    public void UrlsAreNormalisedForUniqueness(string url, string expected)
    {
        Assert.True(UrlNormalizer.TryNormalize(url, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("javascript:alert(1)")]
    public async Task NonHttpUrlIsRejected(string url) =>
        await (await _editor.PostAsJsonAsync("/api/v1/sources", new { title = "T", url })).AssertValidationErrorAsync("url");

    [Fact]
    public async Task DuplicateUrlAfterNormalisationIs409WithTheExistingId()
    {
        var first = await new Seeder(_editor).SourceAsync("First", "https://news.example.org/2021/10/06/nato-russia?utm_source=tw");
        var response = await _editor.PostAsJsonAsync("/api/v1/sources", new { title = "Again", url = "HTTPS://NEWS.example.org:443/2021/10/06/nato-russia#top" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(first, problem.GetProperty("existingId").GetInt64());
    }

    [Fact]
    public async Task UpdatingToAnotherSourcesUrlIs409()
    {
        var seeder = new Seeder(_editor);
        var taken = await seeder.SourceAsync("Taken", "https://example.net/taken");
        var other = await seeder.SourceAsync("Other", "https://example.net/other");
        var response = await _editor.PutAsJsonAsync($"/api/v1/sources/{other}", new { title = "Other", url = "https://EXAMPLE.net/taken" });
        Assert.Equal(taken, (await response.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("existingId").GetInt64());
    }

    [Fact]
    public async Task OfflineSourcesMayShareAnEmptyUrl()
    {
        var seeder = new Seeder(_editor);
        await seeder.SourceAsync("Print edition, page 3", "");
        await seeder.SourceAsync("Print edition, page 4", null);
    }

    [Fact]
    public async Task MissingTitleIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/sources", new { url = "https://example.com/no-title" })).AssertValidationErrorAsync("title");

    [Theory]
    [InlineData("2021-10-08")]
    [InlineData("2021-10")]
    [InlineData("2021-10-08T14:30:00Z")]
    [InlineData("2021-10-08T17:30:00+03:00")]
    public async Task PublishedAtAcceptsPartialDatesAndTimestamps(string publishedAt)
    {
        var response = await _editor.PostAsJsonAsync("/api/v1/sources", new { title = "T " + publishedAt, publishedAt });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(publishedAt, (await response.ReadJsonAsync()).GetProperty("publishedAt").GetString());

        var stored = await (await _editor.GetAsync(response.Headers.Location)).ReadJsonAsync();
        Assert.Equal(publishedAt, stored.GetProperty("publishedAt").GetString());
    }

    [Theory]
    [InlineData("08/10/2021")]
    [InlineData("2021-10-08 14:30")]
    [InlineData("yesterday")]
    public async Task MalformedPublishedAtIsRejected(string publishedAt) =>
        await (await _editor.PostAsJsonAsync("/api/v1/sources", new { title = "T", publishedAt })).AssertValidationErrorAsync("publishedAt");

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("fa-IR")]
    [InlineData("zh-Hant-TW")]
    [InlineData("sr-Latn")]
    public async Task Bcp47LanguageTagsAreAccepted(string language)
    {
        var response = await _editor.PostAsJsonAsync("/api/v1/sources", new { title = "T " + language, language });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("e")]
    [InlineData("en_US")]
    public async Task MalformedLanguageIsRejected(string language) =>
        await (await _editor.PostAsJsonAsync("/api/v1/sources", new { title = "T", language })).AssertValidationErrorAsync("language");

    [Fact]
    public async Task OverlongExcerptIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/sources", new { title = "T", excerpt = new string('x', 10_001) })).AssertValidationErrorAsync("excerpt");

    [Fact]
    public async Task SearchFindsTitles()
    {
        var id = await new Seeder(_editor).SourceAsync("Russia suspends its mission to NATO");
        var page = await (await app.CreateClient().GetAsync("/api/v1/sources?q=suspends%20mission")).ReadJsonAsync();
        Assert.Contains(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetInt64() == id);
    }
}
