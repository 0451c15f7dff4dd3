using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventTracker.Tests.Import;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Drafts;

/// <summary>POST /api/v1/drafts and /drafts/commit over the demo data, on the store the run is for.</summary>
public sealed class DraftTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private readonly HttpClient _editor = app.CreateEditorClient();

    private async Task<long> StoredEventIdAsync(string type, string date)
    {
        var page = await (await app.CreateClient().GetAsync($"/api/v1/timeline?type={type}&from={date}&to={date}")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().First().GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task TheOctober2021ArticleIsAnsweredWithTheStoredEventsTheirNumbersAndTheSpeakersQuotes()
    {
        var draft = await _editor.DraftAsync(new { text = DraftClient.NatoRussiaArticle, publishedAt = "2021-10-08" });

        var withdrawal = draft.OnlyEvent("accreditation_withdrawal");
        Assert.Equal(await StoredEventIdAsync("accreditation_withdrawal", "2021-10-06"), withdrawal.ExistingId());
        Assert.Equal("2021-10-06", withdrawal.GetProperty("date").GetString());
        Assert.Equal(8, withdrawal.Quantities()["accreditations_withdrawn"]);
        Assert.Equal(("NATO", "RU"), (draft.Side(withdrawal, "initiator"), draft.Side(withdrawal, "target")));

        var cap = draft.OnlyEvent("staff_cap");
        Assert.Equal(await StoredEventIdAsync("staff_cap", "2021-10-06"), cap.ExistingId());
        Assert.Equal((20L, 10L), (cap.Quantities()["staff_before"], cap.Quantities()["staff_after"]));

        var responses = draft.Events().Where(e => e.GetProperty("type").GetString() == "retaliation_announced").ToList();
        Assert.Equal(2, responses.Count);
        Assert.All(responses, r => Assert.Equal(("RU", "NATO"), (draft.Side(r, "initiator"), draft.Side(r, "target"))));
        Assert.All(responses, r => Assert.NotNull(r.ExistingId()));
        var quotes = draft.Events().SelectMany(e => e.GetProperty("quotes").EnumerateArray())
            .ToDictionary(q => q.GetProperty("text").GetString()![..20], q => draft.ActorName(q.GetProperty("speaker").GetString()));
        Assert.Equal("Dmitry Peskov", quotes["Undoubtedly, some re"]);
        Assert.Equal("Dmitry Peskov", quotes["there is no cooperat"]);
        Assert.Equal("Maria Zakharova", quotes["We will proceed from"]);

        // Every span points into the text it was drawn from.
        var text = draft.GetProperty("text").GetString()!;
        foreach (var q in draft.Events().SelectMany(e => e.GetProperty("quotes").EnumerateArray()))
        {
            var span = q.GetProperty("evidence");
            Assert.Equal(q.GetProperty("text").GetString(), text[span.GetProperty("start").GetInt32()..span.GetProperty("end").GetInt32()]);
        }

        Assert.All(draft.Events(), e => Assert.InRange(e.GetProperty("confidence").GetDouble(), 0, 1));
        Assert.All(draft.Events(), e => Assert.NotEmpty(e.GetProperty("evidence").EnumerateArray()));
    }

    [Fact]
    public async Task CommittingTheArticleCitesTheStoredEventsWithQuotesAndDraftingItAgainFindsEverythingStored()
    {
        const string url = "https://news.example/world/moscow-vows-response";
        var eventsBefore = await CountAsync("events");
        var draft = await _editor.DraftAsync(new { text = DraftClient.NatoRussiaArticle, publishedAt = "2021-10-08", url, title = "Moscow vows response" });

        var committed = await _editor.CommitAsync(draft);
        Assert.True(committed.GetProperty("source").GetProperty("created").GetBoolean());
        var sourceId = committed.GetProperty("source").GetProperty("id").GetInt64();
        var newEvents = committed.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("created").GetBoolean());
        Assert.Equal(eventsBefore + newEvents, await CountAsync("events"));

        var peskov = draft.Events().First(e => e.GetProperty("quotes").EnumerateArray().Any(q => q.GetProperty("text").GetString()!.StartsWith("Undoubtedly", StringComparison.Ordinal)));
        var stored = await (await app.CreateClient().GetAsync($"/api/v1/events/{peskov.ExistingId()}")).ReadJsonAsync();
        var citation = Assert.Single(stored.GetProperty("citations").EnumerateArray(), c => c.GetProperty("sourceId").GetInt64() == sourceId &&
                                                                                              c.GetProperty("quote").GetString()!.StartsWith("Undoubtedly", StringComparison.Ordinal));
        Assert.Equal("Dmitry Peskov", citation.GetProperty("speakerName").GetString());
        var history = await (await app.CreateClient().GetAsync($"/api/v1/events/{peskov.ExistingId()}/history")).ReadJsonAsync();
        Assert.Contains(history.GetProperty("items").EnumerateArray(), r => r.GetProperty("changedBy").GetString() == "test-editor" && r.GetProperty("action").GetString() == "updated");

        var again = await _editor.DraftAsync(new { text = DraftClient.NatoRussiaArticle, publishedAt = "2021-10-08", url });
        Assert.Equal(sourceId, again.GetProperty("source").GetProperty("existingId").GetInt64());
        Assert.All(again.Events(), e => Assert.NotNull(e.ExistingId()));
        var versions = await VersionsAsync(again);
        var second = await _editor.CommitAsync(again);
        Assert.All(second.GetProperty("events").EnumerateArray(), e => Assert.False(e.GetProperty("created").GetBoolean()));
        Assert.Equal(versions, await VersionsAsync(again));
        Assert.Equal(eventsBefore + newEvents, await CountAsync("events"));
    }

    [Fact]
    public async Task AnArticleAboutUnstoredPartiesProposesThemAndCommittingCreatesThemWithRevisionsAndFeedItems()
    {
        var draft = await _editor.DraftAsync(new
        {
            text = "Estonia expels Russian diplomat over spying\n\nEstonia on Tuesday ordered a Russian diplomat to leave the country within five days, " +
                   "Estonian Foreign Minister Urmas Reinsalu said. \"This is an unacceptable activity,\" Reinsalu told reporters.",
            publishedAt = "2022-01-11",
            url = "https://news.example/estonia-expels",
        });
        var expulsion = draft.OnlyEvent("expulsion");
        Assert.Equal(("EE", "RU"), (draft.Side(expulsion, "initiator"), draft.Side(expulsion, "target")));
        Assert.Equal("2022-01-11", expulsion.GetProperty("date").GetString());
        Assert.Equal(5, expulsion.Quantities()["deadline_days"]);
        var estonia = Assert.Single(draft.GetProperty("organizations").EnumerateArray(), o => o.GetProperty("countryCode").GetString() == "EE");
        Assert.Equal(JsonValueKind.Null, estonia.GetProperty("existingId").ValueKind);
        var reinsalu = Assert.Single(draft.GetProperty("actors").EnumerateArray());
        Assert.Equal(("Urmas Reinsalu", "Foreign Minister"), (reinsalu.GetProperty("name").GetString(), reinsalu.GetProperty("title").GetString()));

        var committed = await _editor.CommitAsync(draft);
        var estoniaId = committed.GetProperty("organizations").EnumerateArray().First(o => o.GetProperty("ref").GetString() == estonia.GetProperty("ref").GetString()).GetProperty("id").GetInt64();
        var eventId = committed.GetProperty("events")[0].GetProperty("id").GetInt64();
        var stored = await (await app.CreateClient().GetAsync($"/api/v1/events/{eventId}")).ReadJsonAsync();
        Assert.Contains(stored.GetProperty("participants").EnumerateArray(), p => p.GetProperty("organizationId").ValueKind == JsonValueKind.Number &&
                                                                                 p.GetProperty("organizationId").GetInt64() == estoniaId && p.GetProperty("role").GetString() == "initiator");
        var organization = await (await app.CreateClient().GetAsync($"/api/v1/organizations/{estoniaId}/history")).ReadJsonAsync();
        Assert.Equal("test-editor", organization.GetProperty("items")[0].GetProperty("changedBy").GetString());

        var feed = await ChangesAsync();
        Assert.Contains(feed, c => c.Kind == "event" && c.Id == eventId && c.Action == "created");
        Assert.Contains(feed, c => c.Kind == "organization" && c.Id == estoniaId && c.Action == "created");
    }

    [Fact]
    public async Task AnEventThatCannotBeWrittenRefusesTheWholeCommitWithItsPathAndWritesNothing()
    {
        var draft = JsonNode.Parse((await _editor.DraftAsync(new
        {
            text = "Latvia expels two Belarusian diplomats. Belarus said it would respond in kind and expel two Latvian diplomats.",
            publishedAt = "2021-06-01",
        })).GetRawText())!;
        var events = draft["events"]!.AsArray();
        Assert.True(events.Count >= 2, draft.ToJsonString());
        // The answer dated before what it answers is refused inside the transaction, after the new organizations were written.
        events[0]!["date"] = "2021-06-05";
        events[1]!["date"] = "2021-06-01";
        events[1]!["relations"] = new JsonArray(new JsonObject { ["type"] = "responds_to", ["ref"] = events[0]!["ref"]!.GetValue<string>() });
        var organizationsBefore = await CountAsync("organizations");
        var sourcesBefore = await CountAsync("sources");

        var response = await _editor.PostAsync("/api/v1/drafts/commit", new StringContent(draft.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        await response.AssertValidationErrorAsync("events[1].relations[0].ref");
        Assert.Equal(organizationsBefore, await CountAsync("organizations"));
        Assert.Equal(sourcesBefore, await CountAsync("sources"));
    }

    [Fact]
    public async Task ABadDraftIsRefusedWithTheJsonPathOfEachFault()
    {
        var draft = JsonNode.Parse((await _editor.DraftAsync(new { text = DraftClient.NatoRussiaArticle, publishedAt = "2021-10-08" })).GetRawText())!;
        var events = draft["events"]!.AsArray();
        events[1]!["existing"] = null;
        events[1]!["participants"]![0]!["organization"] = "o99";
        events[2]!["existing"] = null;
        events[2]!["type"] = "invasion";
        var response = await _editor.PostAsync("/api/v1/drafts/commit", new StringContent(draft.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("events[1].participants[0].organization", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("events[2].type", out _), errors.ToString());

        events[2]!["type"] = "statement";
        events[1]!["participants"]![0]!["organization"] = "o1";
        events[1]!["participants"]![0]!["role"] = "villain";
        var badRole = await _editor.PostAsync("/api/v1/drafts/commit", new StringContent(draft.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        await badRole.AssertValidationErrorAsync("events[1].participants[0].role");
    }

    [Theory]
    [InlineData("""{"text":"a","html":"<p>a</p>"}""", "$")]
    [InlineData("""{"publishedAt":"2021-10-08"}""", "$")]
    [InlineData("""{"text":"NATO expels","publishedAt":"last week"}""", "publishedAt")]
    [InlineData("""{"text":"NATO expels","url":"ftp://x"}""", "url")]
    [InlineData("""{"text":"NATO expels","extra":1}""", "extra")]
    public async Task AnInvalidRequestIsA400NamingTheField(string body, string path)
    {
        var response = await _editor.PostAsync("/api/v1/drafts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertValidationErrorAsync(path);
    }

    [Fact]
    public async Task AnArticleOver256KilobytesIsRefusedAndABodyFarOverIsA413()
    {
        var tooLong = new string('x', 256 * 1024 + 1);
        await (await _editor.PostAsJsonAsync("/api/v1/drafts", new { text = tooLong })).AssertValidationErrorAsync("text");
        var huge = new string('x', 1024 * 1024);
        await (await _editor.PostAsJsonAsync("/api/v1/drafts", new { html = huge })).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ReadersMayNotDraftOrCommitAndAnonymousCallersMustAuthenticate()
    {
        var body = new { text = "NATO expels eight Russian diplomats." };
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateClientWithKey(EventTrackerApp.ReaderKey).PostAsJsonAsync("/api/v1/drafts", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/drafts", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateClientWithKey(EventTrackerApp.ReaderKey).PostAsJsonAsync("/api/v1/drafts/commit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/drafts/commit", new { })).StatusCode);
    }

    private async Task<int> CountAsync(string collection)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var page = await (await app.CreateClient().GetAsync($"/api/v1/{collection}?limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).ReadJsonAsync();
            count += page.GetProperty("items").GetArrayLength();
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return count;
    }

    private async Task<List<long>> VersionsAsync(JsonElement draft)
    {
        var versions = new List<long>();
        foreach (var e in draft.Events())
        {
            var stored = await (await app.CreateClient().GetAsync($"/api/v1/events/{e.ExistingId()}")).ReadJsonAsync();
            versions.Add(stored.GetProperty("version").GetInt64());
        }

        return versions;
    }

    private async Task<List<(string Kind, long Id, string Action)>> ChangesAsync()
    {
        var items = new List<(string, long, string)>();
        string? cursor = null;
        do
        {
            var page = await (await app.CreateClient().GetAsync("/api/v1/changes?limit=500" + (cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor)))).ReadJsonAsync();
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                items.Add((item.GetProperty("kind").GetString()!, item.GetProperty("id").GetInt64(), item.GetProperty("action").GetString()!));
            }

            cursor = page.GetProperty("items").GetArrayLength() == 0 ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }
}
