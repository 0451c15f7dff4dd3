using System.Text.Json.Nodes;
using Dapper;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Import;

/// <summary>
/// A batch of many new events is staged (PostgreSQL: binary COPY into temporary tables, moved on by INSERT … SELECT;
/// SQLite: JSON rows) and its documents stored the same way; organizations, actors and sources are written without a
/// savepoint each, the batch retried line by line in savepoints when the database refuses one. These tests hold both
/// to what writing line by line gives.
/// </summary>
public sealed class StagedImportTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    // More than the writers stage from (64), in one batch.
    private const int Events = 80;

    [Fact]
    public async Task AStagedBatchComesBackAsSentAndEachEventsStoredDocumentIsItsHistorySnapshot()
    {
        var p = Unique("staged");
        var lines = new List<string>
        {
            Line(new { kind = "organization", externalId = $"{p}:state", name = "State " + p, organizationKind = "state", countryCode = "RU" }),
            Line(new { kind = "organization", externalId = $"{p}:mfa", name = "Ministry " + p, organizationKind = "ministry", countryCode = "RU", parentExternalId = $"{p}:state" }),
            Line(new { kind = "actor", externalId = $"{p}:speaker", name = "Speaker " + p }),
            Line(new { kind = "source", externalId = $"{p}:source", title = "Source " + p, url = $"https://example.org/{p}", publisher = "Publisher", publishedAt = "2021-10-07" }),
        };
        lines.AddRange(Enumerable.Range(0, Events).Select(i => Line(new
        {
            kind = "event", externalId = $"{p}:e{i}", type = "retaliation_announced", title = $"Staged {i} Москва « é » {p}",
            summary = i % 2 == 0 ? "Line one\r\nline two\ttab" : null,
            date = $"2021-{1 + i % 12:00}", status = "announced",
            location = i % 3 == 0 ? new { name = "Zürich", countryCode = "CH", latitude = 50.879812345678912, longitude = -0.10000000000000001 } : null,
            participants = new object[]
            {
                new { organizationExternalId = $"{p}:mfa", role = "initiator" },
                new { actorExternalId = $"{p}:speaker", role = "spokesperson" },
            },
            quantities = new[] { new { kind = "diplomats_expelled", value = 9_007_199_254_740_993 - i, unit = "persons", note = "« note »" } },
            citations = new object[] { new { sourceExternalId = $"{p}:source", quote = $"stagedquote{i}", speakerActorExternalId = $"{p}:speaker", claim = "confirms" } },
            relations = i == 0 ? Array.Empty<object>() : [new { type = "follows_up", targetEventExternalId = $"{p}:e0" }],
            tags = new[] { "zeta", "ünïcode-tag" },
            externalIds = new Dictionary<string, string> { ["wikidata"] = $"Q{i}" },
        })));

        var report = await app.ImportAsync(lines);
        Assert.True(report.GetProperty("failed").GetInt32() == 0, report.ToString());
        Assert.Equal(Events + 4, report.GetProperty("created").GetInt32());

        using var db = app.OpenDatabase();
        var ids = db.Query<long>("SELECT id FROM events WHERE external_id LIKE @P ORDER BY id", new { P = $"{p}:%" }).ToList();
        Assert.Equal(Events, ids.Count);
        Assert.Equal(Events, db.ExecuteScalar<int>("SELECT COUNT(*) FROM event_documents WHERE event_id IN (SELECT id FROM events WHERE external_id LIKE @P)", new { P = $"{p}:%" }));
        Assert.Equal(2 * Events, db.ExecuteScalar<int>("SELECT COUNT(*) FROM event_participants WHERE event_id IN (SELECT id FROM events WHERE external_id LIKE @P)", new { P = $"{p}:%" }));
        Assert.Equal(Events - 1, db.ExecuteScalar<int>("SELECT COUNT(*) FROM event_relations WHERE target_event_id = @Id", new { Id = ids[0] }));

        foreach (var i in new[] { 0, 1, 3, Events - 1 })
        {
            var id = ids[i];
            var current = JsonNode.Parse(await app.CreateClient().GetStringAsync($"/api/v1/events/{id}"))!;
            var history = JsonNode.Parse(await app.CreateClient().GetStringAsync($"/api/v1/events/{id}/history"))!;
            Assert.True(JsonNode.DeepEquals(current, history["items"]![0]!["snapshot"]), current.ToJsonString());
            Assert.Equal($"Staged {i} Москва « é » {p}", (string?)current["title"]);
            Assert.Equal(i % 2 == 0 ? "Line one\r\nline two\ttab" : null, (string?)current["summary"]);
            Assert.Equal(i % 3 == 0 ? 50.879812345678912 : null, (double?)current["location"]?["latitude"]);
            Assert.Equal(9_007_199_254_740_993 - i, (long)current["quantities"]![0]!["value"]!);
            Assert.Equal($"Q{i}", (string?)current["externalIds"]!["wikidata"]);
            Assert.Equal(2, current["participants"]!.AsArray().Count);
        }

        // The quotes reach the text index from the staged rows too.
        var found = JsonNode.Parse(await app.CreateClient().GetStringAsync($"/api/v1/timeline?q=stagedquote{Events - 1}&limit=10"))!;
        Assert.Equal([ids[^1]], found["items"]!.AsArray().Select(item => (long)item!["id"]!).ToArray());

        // The ministry's events count for its state too: the kept counts were made from the staged participants.
        var histogram = JsonNode.Parse(await app.CreateClient().GetStringAsync(
            $"/api/v1/timeline/histogram?organization={db.ExecuteScalar<long>("SELECT id FROM organizations WHERE external_id = @E", new { E = $"{p}:state" })}&interval=year"))!;
        Assert.Equal(Events, (long)histogram["total"]!);
    }

    [Fact]
    public async Task ASourceTheDatabaseRefusesFailsAloneWhileTheRestOfItsBatchIsKept()
    {
        var p = Unique("refused-source");
        using var refused = RefusedInserts.Into(app, "sources", "NEW.title = 'refused by the database'");

        var report = await app.ImportAsync(
        [
            Line(new { kind = "organization", externalId = $"{p}:org", name = "Org " + p, organizationKind = "other" }),
            Line(new { kind = "source", externalId = $"{p}:s0", title = "Kept " + p, url = $"https://example.org/{p}/0" }),
            Line(new { kind = "source", externalId = $"{p}:s1", title = "refused by the database", url = $"https://example.org/{p}/1" }),
            Line(new { kind = "source", externalId = $"{p}:s2", title = "Also kept " + p, url = $"https://example.org/{p}/2" }),
            Line(new
            {
                kind = "event", externalId = $"{p}:e", type = "statement", title = "Cites " + p, date = "2021", status = "completed",
                participants = new[] { new { organizationExternalId = $"{p}:org", role = "initiator" } },
                citations = new[] { new { sourceExternalId = $"{p}:s0" }, new { sourceExternalId = $"{p}:s2" } },
            }),
        ]);

        Assert.Equal(4, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("failed").GetInt32());
        var failure = report.GetProperty("failures")[0];
        Assert.Equal(3, failure.GetProperty("line").GetInt32());
        Assert.Equal($"{p}:s1", failure.GetProperty("externalId").GetString());

        using var db = app.OpenDatabase();
        Assert.Equal([$"{p}:s0", $"{p}:s2"], db.Query<string>("SELECT external_id FROM sources WHERE external_id LIKE @P ORDER BY external_id", new { P = $"{p}:%" }));
        Assert.Equal(2, db.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM revisions WHERE entity_type = 'source' AND action = 'created' AND entity_id IN (SELECT id FROM sources WHERE external_id LIKE @P)",
            new { P = $"{p}:%" }));
        Assert.Equal(2, db.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM event_citations WHERE event_id IN (SELECT id FROM events WHERE external_id = @E)", new { E = $"{p}:e" }));
    }
}
