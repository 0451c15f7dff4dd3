using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Events;

public sealed class EventTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private readonly HttpClient _editor = app.CreateEditorClient();
    private Seeder Seed => new(_editor);

    [Fact]
    public async Task EventEmbedsNamesOfEverythingItRefersTo()
    {
        var nato = await Seed.OrganizationAsync("NATO", "alliance", null);
        var mission = await Seed.OrganizationAsync("Russian Mission to NATO", "diplomatic_mission");
        var stoltenberg = await Seed.ActorAsync("Jens Stoltenberg");
        var source = await Seed.SourceAsync("NATO cuts Russian mission", "https://example.org/nato-cuts");
        var earlier = await Seed.SimpleEventAsync("Salisbury: NATO cuts mission from 30 to 20", "2018-03-27", nato, "staff_cap");

        var created = await Seed.PostAsync("/api/v1/events", new
        {
            type = "staff_cap",
            title = "NATO halves the size of Russia's mission",
            date = "2021-10-06",
            endDate = "2021-10",
            status = "announced",
            participants = new object[]
            {
                new { organizationId = nato, role = "initiator" },
                new { organizationId = mission, role = "target" },
                new { actorId = stoltenberg, role = "spokesperson" },
            },
            quantities = new[] { new { kind = "staff_before", value = 20 }, new { kind = "staff_after", value = 10 } },
            citations = new[] { new { sourceId = source, quote = "based on intelligence", speakerActorId = stoltenberg, claim = "confirms" } },
            relations = new[] { new { type = "follows_up", targetEventId = earlier } },
        });

        Assert.Equal("day", created.GetProperty("datePrecision").GetString());
        Assert.Equal("month", created.GetProperty("endDatePrecision").GetString());
        var participants = created.GetProperty("participants");
        Assert.Equal("Russian Mission to NATO", participants[1].GetProperty("name").GetString());
        Assert.Equal("diplomatic_mission", participants[1].GetProperty("organizationKind").GetString());
        Assert.Equal("actor", participants[2].GetProperty("kind").GetString());
        Assert.Equal("Jens Stoltenberg", participants[2].GetProperty("name").GetString());
        var citation = created.GetProperty("citations")[0];
        Assert.Equal("NATO cuts Russian mission", citation.GetProperty("sourceTitle").GetString());
        Assert.Equal("https://example.org/nato-cuts", citation.GetProperty("sourceUrl").GetString());
        Assert.Equal("Jens Stoltenberg", citation.GetProperty("speakerName").GetString());
        var relation = created.GetProperty("relations")[0];
        Assert.Equal("follows_up", relation.GetProperty("type").GetString());
        Assert.Equal("2018-03-27", relation.GetProperty("targetDate").GetString());
        Assert.Equal(10, created.GetProperty("quantities")[1].GetProperty("value").GetInt64());
    }

    [Theory]
    [InlineData("2021", "year")]
    [InlineData("2021-10", "month")]
    [InlineData("2021-10-06", "day")]
    public async Task DatePrecisionFollowsFromTheFormOfTheDate(string date, string precision)
    {
        var nato = await Seed.OrganizationAsync("NATO " + date, "alliance", null);
        var id = await Seed.SimpleEventAsync("Dated " + date, date, nato);
        var read = await (await app.CreateClient().GetAsync($"/api/v1/events/{id}")).ReadJsonAsync();
        Assert.Equal(date, read.GetProperty("date").GetString());
        Assert.Equal(precision, read.GetProperty("datePrecision").GetString());
    }

    [Theory]
    [InlineData("Мария Захарова: Москва подготовит ответные меры")]
    [InlineData("ماریا زاخارووا: مسکو اقدامات متقابل را آماده خواهد کرد")]
    [InlineData("ماريا زاخاروفا: موسكو ستعد إجراءات مماثلة")]
    public async Task TitlesSummariesAndQuotesRoundTripInAnyScript(string text)
    {
        var org = await Seed.OrganizationAsync("MFA " + text[..5], "ministry");
        var source = await Seed.SourceAsync(text);
        var id = await Seed.EventAsync(new
        {
            type = "retaliation_announced",
            title = text,
            summary = text + " — " + text,
            date = "2021-10-07",
            status = "announced",
            participants = new[] { new { organizationId = org, role = "initiator" } },
            citations = new[] { new { sourceId = source, quote = text } },
            tags = new[] { text[..10] },
        });
        var read = await (await app.CreateClient().GetAsync($"/api/v1/events/{id}")).ReadJsonAsync();
        Assert.Equal(text, read.GetProperty("title").GetString());
        Assert.Equal(text + " — " + text, read.GetProperty("summary").GetString());
        Assert.Equal(text, read.GetProperty("citations")[0].GetProperty("quote").GetString());
        Assert.Equal(text, read.GetProperty("citations")[0].GetProperty("sourceTitle").GetString());
        Assert.Equal(text[..10], read.GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task UpdateReplacesAllChildrenAndBumpsTheVersion()
    {
        var a = await Seed.OrganizationAsync("Replace A", "other", null);
        var b = await Seed.OrganizationAsync("Replace B", "other", null);
        var source = await Seed.SourceAsync("Replace source");
        var body = EventTestData.Valid(a, source);
        var id = await Seed.EventAsync(body);

        body["participants"] = new JsonArray(new JsonObject { ["organizationId"] = b, ["role"] = "target" });
        body["quantities"] = new JsonArray();
        body["tags"] = new JsonArray("replaced");
        var response = await _editor.PutAsync($"/api/v1/events/{id}", JsonContent.Create(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadJsonAsync();
        Assert.Equal(2, updated.GetProperty("version").GetInt64());
        Assert.Equal(b, updated.GetProperty("participants")[0].GetProperty("organizationId").GetInt64());
        Assert.Single(updated.GetProperty("participants").EnumerateArray());
        Assert.Empty(updated.GetProperty("quantities").EnumerateArray());
        Assert.Equal("replaced", updated.GetProperty("tags")[0].GetString());

        using var db = app.OpenDatabase();
        Assert.Equal(1, db.ExecuteScalar<int>("SELECT COUNT(*) FROM event_participants WHERE event_id = @id", new { id }));
        Assert.Equal(0, db.ExecuteScalar<int>("SELECT COUNT(*) FROM event_quantities WHERE event_id = @id", new { id }));
    }

    [Fact]
    public async Task UpdateReplacesEveryColumnOfTheEventItself()
    {
        var org = await Seed.OrganizationAsync("Columns org", "other", null);
        var source = await Seed.SourceAsync("Columns source");
        var id = await Seed.EventAsync(EventTestData.Valid(org, source));
        var body = EventTestData.Valid(org, source);
        body["type"] = "retaliation_announced";
        body["title"] = "Changed title";
        body["summary"] = null;
        body["date"] = "2022-03";
        body["endDate"] = "2023";
        body["status"] = "cancelled";
        body["location"] = new JsonObject { ["name"] = "Moscow", ["countryCode"] = "RU", ["latitude"] = -55.75, ["longitude"] = -37.61 };

        var response = await _editor.PutAsync($"/api/v1/events/{id}", JsonContent.Create(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await (await app.CreateClient().GetAsync($"/api/v1/events/{id}")).ReadJsonAsync();
        Assert.Equal("retaliation_announced", stored.GetProperty("type").GetString());
        Assert.Equal("Changed title", stored.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("summary").ValueKind);
        Assert.Equal(("2022-03", "month"), (stored.GetProperty("date").GetString(), stored.GetProperty("datePrecision").GetString()));
        Assert.Equal(("2023", "year"), (stored.GetProperty("endDate").GetString(), stored.GetProperty("endDatePrecision").GetString()));
        Assert.Equal("cancelled", stored.GetProperty("status").GetString());
        var location = stored.GetProperty("location");
        Assert.Equal(("Moscow", "RU", -55.75, -37.61), (location.GetProperty("name").GetString(), location.GetProperty("countryCode").GetString(),
            location.GetProperty("latitude").GetDouble(), location.GetProperty("longitude").GetDouble()));

        using var db = app.OpenDatabase();
        Assert.Equal(("2022-03-01", "2022-03-31"), db.QuerySingle<(string, string)>("SELECT span_start, span_end FROM events WHERE id = @id", new { id }));
        Assert.Equal("2022-03-01", db.ExecuteScalar<string>("SELECT DISTINCT event_span_start FROM event_participants WHERE event_id = @id", new { id }));
    }

    [Fact]
    public async Task FailingChildRollsBackTheWholeEvent()
    {
        var org = await Seed.OrganizationAsync("Atomic org", "other", null);
        var source = await Seed.SourceAsync("Atomic source");
        var title = "Atomic " + Guid.NewGuid();
        using var refused = RefusedInserts.Into(app, "event_citations", "NEW.quote = 'make this write fail'");

        var body = EventTestData.Valid(org, source);
        body["title"] = title;
        body["citations"]![0]!["quote"] = "make this write fail";
        var response = await _editor.PostAsync("/api/v1/events", JsonContent.Create(body));
        await response.AssertProblemAsync(HttpStatusCode.InternalServerError);

        using var db = app.OpenDatabase();
        Assert.Equal(0, db.ExecuteScalar<int>("SELECT COUNT(*) FROM events WHERE title = @title", new { title }));
        Assert.Equal(0, db.ExecuteScalar<int>("SELECT COUNT(*) FROM event_participants WHERE event_id NOT IN (SELECT id FROM events)"));
        Assert.Equal(0, db.ExecuteScalar<int>("SELECT COUNT(*) FROM revisions WHERE snapshot LIKE '%' || @title || '%'", new { title }));
    }

    [Fact]
    public async Task FailingChildOnUpdateKeepsTheOldEventWhole()
    {
        var org = await Seed.OrganizationAsync("Atomic update org", "other", null);
        var source = await Seed.SourceAsync("Atomic update source");
        var body = EventTestData.Valid(org, source);
        var id = await Seed.EventAsync(body);
        using var refused = RefusedInserts.Into(app, "event_tags", "NEW.tag = 'make-this-fail'");

        body["title"] = "Changed title";
        body["tags"] = new JsonArray("make-this-fail");
        var response = await _editor.PutAsync($"/api/v1/events/{id}", JsonContent.Create(body));
        await response.AssertProblemAsync(HttpStatusCode.InternalServerError);

        var read = await (await app.CreateClient().GetAsync($"/api/v1/events/{id}")).ReadJsonAsync();
        Assert.Equal(1, read.GetProperty("version").GetInt64());
        Assert.NotEqual("Changed title", read.GetProperty("title").GetString());
        Assert.Single(read.GetProperty("participants").EnumerateArray());
        Assert.Equal("nato-russia", read.GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task SearchFindsEventTitles()
    {
        var org = await Seed.OrganizationAsync("Search org", "other", null);
        var id = await Seed.SimpleEventAsync("Lavrov announces suspension of the permanent mission", "2021-10-18", org, "mission_closure");
        var page = await (await app.CreateClient().GetAsync("/api/v1/events?q=suspension%20permanent")).ReadJsonAsync();
        Assert.Contains(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetInt64() == id);
    }
}
