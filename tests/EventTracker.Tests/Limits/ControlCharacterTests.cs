using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EventTracker.Tests.Events;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Limits;

/// <summary>
/// Control characters (C0, DEL, C1) are refused in URLs and single-line fields; multi-line texts (summary, excerpt,
/// quote, note) take tab and line breaks but no other control character. The import checks lines by the same rules.
/// </summary>
public sealed class ControlCharacterTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>, IAsyncLifetime
{
    private readonly HttpClient _editor = app.CreateEditorClient();
    private long _organization;
    private long _source;

    public async Task InitializeAsync()
    {
        var seed = new Seeder(_editor);
        _organization = await seed.OrganizationAsync("Control org " + Guid.NewGuid().ToString("N")[..6], "alliance", null);
        _source = await seed.SourceAsync("Control source " + Guid.NewGuid().ToString("N")[..6]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ANulInASourceUrlIsRefusedNamingTheUrl()
    {
        var response = await _editor.PostAsJsonAsync("/api/v1/sources", new { title = "NUL", url = "https://example.org/a\u0000b" });

        var messages = await response.AssertValidationErrorAsync("url");
        Assert.Contains("U+0000", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0007")]
    [InlineData("\t")]
    [InlineData("\n")]
    [InlineData("\u007F")]
    [InlineData("\u0085")]
    [InlineData("\u009B")]
    public async Task AControlCharacterInAnOrganizationNameIsRefused(string control)
    {
        var response = await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = $"Bad{control}name", kind = "other" });

        var message = Assert.Single(await response.AssertValidationErrorAsync("name"));
        Assert.Contains($"U+{(int)control[0]:X4} at position 3", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/organizations", "aliases[1]")]
    [InlineData("/api/v1/actors", "aliases[1]")]
    [InlineData("/api/v1/actors", "name")]
    [InlineData("/api/v1/actors", "affiliations[0].title")]
    [InlineData("/api/v1/sources", "title")]
    [InlineData("/api/v1/sources", "publisher")]
    public async Task EverySingleLineFieldOfTheOtherResourcesRefusesControlCharacters(string resource, string path)
    {
        var bad = "line one\r\nline two";
        JsonObject body = resource switch
        {
            "/api/v1/organizations" => new() { ["name"] = "Org", ["kind"] = "other", ["aliases"] = new JsonArray("ok", bad) },
            "/api/v1/actors" => new()
            {
                ["name"] = path == "name" ? bad : "Actor",
                ["aliases"] = new JsonArray("ok", path == "aliases[1]" ? bad : "fine"),
                ["affiliations"] = new JsonArray(new JsonObject { ["organizationId"] = _organization, ["title"] = path == "affiliations[0].title" ? bad : "envoy" }),
            },
            _ => new() { ["title"] = path == "title" ? bad : "Title", ["publisher"] = path == "publisher" ? bad : "Publisher" },
        };

        var response = await _editor.PostAsync(resource, JsonContent.Create(body));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([path], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    [Theory]
    [InlineData("title")]
    [InlineData("location.name")]
    [InlineData("quantities[0].unit")]
    [InlineData("tags[0]")]
    [InlineData("externalIds.wikidata")]
    public async Task EverySingleLineFieldOfAnEventRefusesControlCharacters(string path)
    {
        var body = EventTestData.Valid(_organization, _source);
        var bad = "Q1\u001B[31m";
        switch (path)
        {
            case "title": body["title"] = bad; break;
            case "location.name": body["location"]!["name"] = bad; break;
            case "quantities[0].unit": body["quantities"]![0]!["unit"] = bad; break;
            case "tags[0]": body["tags"]![0] = bad; break;
            default: body["externalIds"]!["wikidata"] = bad; break;
        }

        var response = await _editor.PostAsync("/api/v1/events", JsonContent.Create(body));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([path], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    [Fact]
    public async Task LineBreaksAndTabsInMultiLineTextsAreKept()
    {
        var body = EventTestData.Valid(_organization, _source);
        body["summary"] = "First paragraph.\r\n\r\nSecond\tparagraph.\nThird.";
        body["quantities"]![0]!["note"] = "a note\non two lines";
        body["citations"]![0]!["quote"] = "a quote\r\nwith a break";

        var response = await _editor.PostAsync("/api/v1/events", JsonContent.Create(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal("First paragraph.\r\n\r\nSecond\tparagraph.\nThird.", created.GetProperty("summary").GetString());
        Assert.Equal("a quote\r\nwith a break", created.GetProperty("citations")[0].GetProperty("quote").GetString());

        var source = await _editor.PostAsJsonAsync("/api/v1/sources", new { title = "Excerpted " + Guid.NewGuid(), excerpt = "one\ntwo\tthree" });
        Assert.Equal(HttpStatusCode.Created, source.StatusCode);
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("quantities[0].note")]
    [InlineData("citations[0].quote")]
    public async Task OtherControlCharactersInMultiLineTextsAreRefused(string path)
    {
        var body = EventTestData.Valid(_organization, _source);
        var bad = "text\u0000with a NUL";
        switch (path)
        {
            case "summary": body["summary"] = bad; break;
            case "quantities[0].note": body["quantities"]![0]!["note"] = bad; break;
            default: body["citations"]![0]!["quote"] = bad; break;
        }

        var response = await _editor.PostAsync("/api/v1/events", JsonContent.Create(body));

        Assert.Contains("U+0000 at position 4", Assert.Single(await response.AssertValidationErrorAsync(path)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheImportRefusesControlCharactersByTheSameRules()
    {
        var p = Unique("control");
        var report = await app.ImportAsync(
        [
            Line(new { kind = "organization", externalId = $"{p}:a", name = "Bad\u0000name", organizationKind = "other" }),
            Line(new { kind = "organization", externalId = $"{p}:b\u0001", name = "Good name", organizationKind = "other" }),
            Line(new { kind = "source", externalId = $"{p}:c", title = "Source", url = "https://example.org/\u0000" }),
            Line(new { kind = "organization", externalId = $"{p}:d", name = "Good " + p, organizationKind = "other" }),
        ]);

        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(3, report.GetProperty("failed").GetInt32());
        var failures = report.GetProperty("failures");
        Assert.True(failures[0].GetProperty("errors").TryGetProperty("name", out _), failures[0].ToString());
        Assert.True(failures[1].GetProperty("errors").TryGetProperty("externalId", out _), failures[1].ToString());
        Assert.True(failures[2].GetProperty("errors").TryGetProperty("url", out _), failures[2].ToString());
    }
}
