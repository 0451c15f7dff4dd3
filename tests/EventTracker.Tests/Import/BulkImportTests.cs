using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Api.Import;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;
using Microsoft.Extensions.DependencyInjection;

namespace EventTracker.Tests.Import;

/// <summary>
/// New events of an import wait for one bulk insert per batch, under ids numbered after the highest.
/// These tests hold that path to the same results as writing line by line.
/// </summary>
public sealed class BulkImportTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private static string Organization(string p) => Line(new { kind = "organization", externalId = $"{p}:org", name = "Bulk org " + p, organizationKind = "other" });

    private static string Event(string p, string name, string? title = null, object? relations = null) => Line(new
    {
        kind = "event", externalId = $"{p}:{name}", type = "statement", title = title ?? $"{name} {p}", date = "2021-10-07", status = "completed",
        participants = new[] { new { organizationExternalId = $"{p}:org", role = "initiator" } },
        relations = relations ?? Array.Empty<object>(),
    });

    private static long EventId(System.Data.Common.DbConnection db, string externalId) =>
        db.ExecuteScalar<long>("SELECT id FROM events WHERE external_id = @Id", new { Id = externalId });

    [Fact]
    public async Task ARefusedBulkInsertIsRetriedLineByLineSoOnlyTheLineAtFaultFails()
    {
        var p = Unique("refused");
        using var refused = RefusedInserts.Into(app, "events", "NEW.title = 'refused by the database'");

        var lines = new List<string> { Organization(p) };
        lines.AddRange(Enumerable.Range(0, 30).Select(i => Event(p, $"e{i}", i == 17 ? "refused by the database" : null)));
        var report = await app.ImportAsync(lines);

        Assert.Equal(30, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("failed").GetInt32());
        var failure = report.GetProperty("failures")[0];
        Assert.Equal(19, failure.GetProperty("line").GetInt32());
        Assert.Equal($"{p}:e17", failure.GetProperty("externalId").GetString());

        using var check = app.OpenDatabase();
        var stored = check.Query<long>("SELECT id FROM events WHERE external_id LIKE @P ORDER BY id", new { P = $"{p}:%" }).ToList();
        Assert.Equal(29, stored.Count);
        Assert.Equal(29, check.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM revisions WHERE entity_type = 'event' AND action = 'created' AND entity_id IN (SELECT id FROM events WHERE external_id LIKE @P)",
            new { P = $"{p}:%" }));
        Assert.Equal(29, check.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM event_participants WHERE event_id IN (SELECT id FROM events WHERE external_id LIKE @P)", new { P = $"{p}:%" }));
        Assert.Equal(0, check.ExecuteScalar<int>("SELECT COUNT(*) FROM revisions WHERE entity_type = 'event' AND entity_id NOT IN (SELECT id FROM events)"));
    }

    [Fact]
    [Trait("Store", "sqlite")]
    public async Task ImportedEventsAreNumberedAfterTheHighestIdAndTheApiCarriesOnAfterThem()
    {
        var p = Unique("numbering");
        var seeder = new Seeder(app.CreateEditorClient());
        var org = await seeder.OrganizationAsync("Numbering org " + p, "other", null);
        var before = await seeder.SimpleEventAsync("Before " + p, "2021", org);

        await app.ImportAsync([Organization(p), Event(p, "first"), Event(p, "second", relations: new[] { new { type = "follows_up", targetEventExternalId = $"{p}:first" } })]);
        var after = await seeder.SimpleEventAsync("After " + p, "2021", org);

        using var db = app.OpenDatabase();
        var (first, second) = (EventId(db, $"{p}:first"), EventId(db, $"{p}:second"));
        Assert.True(before < first && first < second && second < after, $"{before} < {first} < {second} < {after}");

        var linked = await (await app.CreateClient().GetAsync($"/api/v1/events/{second}")).ReadJsonAsync();
        Assert.Equal(first, linked.GetProperty("relations")[0].GetProperty("targetEventId").GetInt64());
        Assert.Equal($"first {p}", linked.GetProperty("relations")[0].GetProperty("targetTitle").GetString());
    }

    [Fact]
    public async Task AnEventTwiceInOneImportIsCreatedThenUpdatedAndHistoryShowsBothStates()
    {
        var p = Unique("twice");
        var report = await app.ImportAsync([Organization(p), Event(p, "e", "First state"), Event(p, "other"), Event(p, "e", "Second state")]);
        Assert.Equal(3, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("updated").GetInt32());

        using var db = app.OpenDatabase();
        var id = EventId(db, $"{p}:e");
        var history = await (await app.CreateClient().GetAsync($"/api/v1/events/{id}/history")).ReadJsonAsync();
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["updated", "created"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.Equal(["Second state", "First state"], items.Select(i => i.GetProperty("snapshot").GetProperty("title").GetString()));
        Assert.Equal(2, items[0].GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task TextAndNumbersComeBackExactlyAsSentThroughTheApiAndThroughImport()
    {
        var p = Unique("exact");
        // A title is one line (no control characters); tabs and line breaks travel in the summary.
        const string title = "Quotes \" and \\ backslashes, accents é, Cyrillic Москва, emoji 🇷🇺 and 𝄞";
        const string summary = "Line one\r\nline two \u2028 separator, tab\tand newline\n";
        const double latitude = 50.879812345678912;
        const double longitude = -0.10000000000000001;
        const long big = 9_007_199_254_740_993;
        object Body(long org) => new
        {
            type = "statement", title, summary, date = "2021-10-07", status = "completed",
            location = new { name = "Zürich", countryCode = "CH", latitude, longitude },
            participants = new[] { new { organizationId = org, role = "initiator" } },
            quantities = new[] { new { kind = "staff_before", value = big, unit = "persons", note = "« note »" } },
            tags = new[] { "ünïcode-tag" },
        };

        var seeder = new Seeder(app.CreateEditorClient());
        var org = await seeder.OrganizationAsync("Exact org " + p, "other", null);
        var viaApi = await seeder.EventAsync(Body(org));
        var line = JsonSerializer.SerializeToNode(Body(org))!.AsObject();
        line["kind"] = "event";
        line["externalId"] = $"{p}:imported";
        await app.ImportAsync([line.ToJsonString()]);
        using var db = app.OpenDatabase();
        var viaImport = EventId(db, $"{p}:imported");

        foreach (var id in new[] { viaApi, viaImport })
        {
            var stored = await (await app.CreateClient().GetAsync($"/api/v1/events/{id}")).ReadJsonAsync();
            Assert.Equal(title, stored.GetProperty("title").GetString());
            Assert.Equal(summary, stored.GetProperty("summary").GetString());
            Assert.Equal(latitude, stored.GetProperty("location").GetProperty("latitude").GetDouble());
            Assert.Equal(longitude, stored.GetProperty("location").GetProperty("longitude").GetDouble());
            Assert.Equal("Zürich", stored.GetProperty("location").GetProperty("name").GetString());
            Assert.Equal(big, stored.GetProperty("quantities")[0].GetProperty("value").GetInt64());
            Assert.Equal("« note »", stored.GetProperty("quantities")[0].GetProperty("note").GetString());
            Assert.Equal("ünïcode-tag", stored.GetProperty("tags")[0].GetString());
        }

        var found = await (await app.CreateClient().GetAsync("/api/v1/timeline?q=Москва&limit=100")).ReadJsonAsync();
        Assert.Contains(viaImport, found.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task AResponseDatedBeforeAnEventOfTheSameBatchIsRefusedAsThroughTheApi()
    {
        // The answered event waits for the batch's bulk insert: the check must see its date all the same.
        var p = Unique("responsedate");
        string Dated(string name, string date, object? relations = null) => Line(new
        {
            kind = "event", externalId = $"{p}:{name}", type = "statement", title = $"{name} {p}", date, status = "completed",
            participants = new[] { new { organizationExternalId = $"{p}:org", role = "initiator" } },
            relations = relations ?? Array.Empty<object>(),
        });

        var report = await app.ImportAsync(
        [
            Organization(p),
            Dated("measure", "2021-10-06"),
            Dated("early", "2021-10-05", new[] { new { type = "responds_to", targetEventExternalId = $"{p}:measure" } }),
            Dated("answer", "2021-10", new[] { new { type = "responds_to", targetEventExternalId = $"{p}:measure" } }),
        ]);

        Assert.Equal(3, report.GetProperty("created").GetInt32());
        var failure = Assert.Single(report.GetProperty("failures").EnumerateArray());
        Assert.Equal(3, failure.GetProperty("line").GetInt32());
        var message = failure.GetProperty("errors").GetProperty("relations[0].targetEventId")[0].GetString();
        Assert.Contains("cannot be dated before what it answers", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHistorySnapshotOfABulkImportedEventIsExactlyWhatGetReturns()
    {
        var p = Unique("snapshot");
        var report = await app.ImportAsync(
        [
            Organization(p),
            Line(new { kind = "organization", externalId = $"{p}:state", name = "State " + p, organizationKind = "state", countryCode = "RU" }),
            Line(new { kind = "actor", externalId = $"{p}:speaker", name = "Speaker " + p }),
            Line(new { kind = "source", externalId = $"{p}:source", title = "Source " + p, url = $"https://example.org/{p}", publisher = "Publisher", publishedAt = "2021-10-07" }),
            Event(p, "earlier"),
            Line(new
            {
                kind = "event", externalId = $"{p}:whole", type = "retaliation_announced", title = "Whole " + p, summary = "Every part",
                date = "2021-10", endDate = "2021-11-01", status = "announced",
                location = new { name = "Moscow", countryCode = "RU", latitude = 55.7558, longitude = 37.6173 },
                participants = new object[]
                {
                    new { organizationExternalId = $"{p}:state", role = "initiator" },
                    new { actorExternalId = $"{p}:speaker", role = "spokesperson" },
                    new { organizationExternalId = $"{p}:org", role = "target" },
                },
                quantities = new[] { new { kind = "diplomats_expelled", value = 8, unit = "persons", note = "note" } },
                citations = new object[]
                {
                    new { sourceExternalId = $"{p}:source", quote = "tit-for-tat", speakerActorExternalId = $"{p}:speaker", claim = "confirms" },
                    new { sourceExternalId = $"{p}:source" },
                },
                relations = new[] { new { type = "responds_to", targetEventExternalId = $"{p}:earlier" } },
                // Out of order on purpose, with a character above U+FFFF and one above U+D7FF: stored order is by code point.
                tags = new[] { "zeta", "\uFF21-wide", "alpha", "\U0001F1F7-flag" }.Select(System.Text.RegularExpressions.Regex.Unescape).ToArray(),
                externalIds = new Dictionary<string, string> { ["wikidata"] = "Q1", ["acled"] = "A1", ["gdelt"] = "G1" },
            }),
        ]);
        Assert.True(report.GetProperty("failed").GetInt32() == 0, report.ToString());

        using var db = app.OpenDatabase();
        var id = EventId(db, $"{p}:whole");
        Assert.NotEqual(0, id);
        var current = JsonNode.Parse(await app.CreateClient().GetStringAsync($"/api/v1/events/{id}"));
        var history = JsonNode.Parse(await app.CreateClient().GetStringAsync($"/api/v1/events/{id}/history"))!;
        var snapshot = history["items"]![0]!["snapshot"];
        Assert.True(JsonNode.DeepEquals(current, snapshot), $"GET:      {current?.ToJsonString()}\nsnapshot: {snapshot?.ToJsonString()}");
    }

    [Fact]
    [Trait("Store", "sqlite")]
    public async Task ImportGivesItsConnectionsLargerCacheBackWhenItEnds()
    {
        var p = Unique("cache");
        await app.ImportAsync([Organization(p), Event(p, "e")]);

        // Every kept connection, the import's among them, is taken at once and asked.
        var factory = app.Services.GetRequiredService<SqliteConnectionFactory>();
        var connections = Enumerable.Range(0, 40).Select(_ => factory.Open()).ToList();
        try
        {
            Assert.All(connections, connection =>
                Assert.Equal(-SqliteConnectionFactory.CacheKilobytes, connection.ExecuteScalar<long>("PRAGMA cache_size")));
        }
        finally
        {
            connections.ForEach(connection => connection.Dispose());
        }
    }
}
