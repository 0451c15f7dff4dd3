using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using EventTracker.Api.Import;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Import;

public sealed class ImportTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private static void AssertCounts(JsonElement report, int created, int updated, int unchanged, int failed)
    {
        Assert.Equal(created, report.GetProperty("created").GetInt32());
        Assert.Equal(updated, report.GetProperty("updated").GetInt32());
        Assert.Equal(unchanged, report.GetProperty("unchanged").GetInt32());
        Assert.Equal(failed, report.GetProperty("failed").GetInt32());
    }

    private static List<string> World(string p) =>
    [
        Line(new { kind = "organization", externalId = $"{p}:nato", name = "NATO", organizationKind = "alliance", aliases = new[] { "OTAN" } }),
        Line(new { kind = "organization", externalId = $"{p}:russia", name = "Russian Federation", organizationKind = "state", countryCode = "RU" }),
        Line(new { kind = "organization", externalId = $"{p}:mfa", name = "Russian MFA", organizationKind = "ministry", countryCode = "RU", parentExternalId = $"{p}:russia" }),
        Line(new { kind = "actor", externalId = $"{p}:zakharova", name = "Maria Zakharova", aliases = new[] { "Мария Захарова" },
            affiliations = new[] { new { organizationExternalId = $"{p}:mfa", title = "spokeswoman", from = "2015-08" } } }),
        Line(new { kind = "source", externalId = $"{p}:report", title = "Report " + p, url = $"https://example.org/{p}" }),
        Line(new
        {
            kind = "event", externalId = $"{p}:withdrawal", type = "accreditation_withdrawal", title = "NATO withdraws accreditations",
            date = "2021-10-06", status = "completed",
            participants = new object[] { new { organizationExternalId = $"{p}:nato", role = "initiator" }, new { organizationExternalId = $"{p}:russia", role = "target" } },
            quantities = new[] { new { kind = "accreditations_withdrawn", value = 8 } },
            citations = new[] { new { sourceExternalId = $"{p}:report", quote = "eight members" } },
        }),
        Line(new
        {
            kind = "event", externalId = $"{p}:answer", type = "retaliation_announced", title = "Moscow will prepare tit-for-tat measures",
            date = "2021-10-07", status = "announced",
            participants = new object[] { new { organizationExternalId = $"{p}:mfa", role = "initiator" }, new { actorExternalId = $"{p}:zakharova", role = "spokesperson" } },
            citations = new[] { new { sourceExternalId = $"{p}:report", speakerActorExternalId = $"{p}:zakharova", quote = "tit-for-tat" } },
            relations = new[] { new { type = "responds_to", targetEventExternalId = $"{p}:withdrawal" } },
        }),
    ];

    [Fact]
    public async Task ImportCreatesRecordsThatReferToEachOtherByExternalId()
    {
        var p = Unique("world");
        AssertCounts(await app.ImportAsync(World(p)), created: 7, updated: 0, unchanged: 0, failed: 0);

        var answers = await (await app.CreateClient().GetAsync("/api/v1/events?q=tit-for-tat&limit=500")).ReadJsonAsync();
        var answer = answers.GetProperty("items").EnumerateArray().Last();
        Assert.Equal("Russian MFA", answer.GetProperty("participants")[0].GetProperty("name").GetString());
        Assert.Equal("Maria Zakharova", answer.GetProperty("citations")[0].GetProperty("speakerName").GetString());
        Assert.Equal("NATO withdraws accreditations", answer.GetProperty("relations")[0].GetProperty("targetTitle").GetString());

        var history = await (await app.CreateClient().GetAsync($"/api/v1/events/{answer.GetProperty("id").GetInt64()}/history")).ReadJsonAsync();
        Assert.Equal("test-admin", history.GetProperty("items")[0].GetProperty("changedBy").GetString());
    }

    [Fact]
    public async Task RepeatingAnImportChangesNothing()
    {
        var p = Unique("repeat");
        await app.ImportAsync(World(p));
        using var db = app.OpenDatabase();
        var revisionsBefore = db.ExecuteScalar<long>("SELECT COUNT(*) FROM revisions");
        var eventsBefore = db.ExecuteScalar<long>("SELECT COUNT(*) FROM events");

        AssertCounts(await app.ImportAsync(World(p)), created: 0, updated: 0, unchanged: 7, failed: 0);
        Assert.Equal(revisionsBefore, db.ExecuteScalar<long>("SELECT COUNT(*) FROM revisions"));
        Assert.Equal(eventsBefore, db.ExecuteScalar<long>("SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public async Task AChangedLineUpdatesOnlyThatRecordWithARevision()
    {
        var p = Unique("change");
        await app.ImportAsync(World(p));
        var changed = World(p);
        changed[0] = Line(new { kind = "organization", externalId = $"{p}:nato", name = "North Atlantic Treaty Organization", organizationKind = "alliance", aliases = new[] { "OTAN" } });
        AssertCounts(await app.ImportAsync(changed), created: 0, updated: 1, unchanged: 6, failed: 0);

        using var db = app.OpenDatabase();
        var id = db.ExecuteScalar<long>("SELECT id FROM organizations WHERE external_id = @Id", new { Id = $"{p}:nato" });
        var history = await (await app.CreateClient().GetAsync($"/api/v1/organizations/{id}/history")).ReadJsonAsync();
        Assert.Equal(["updated", "created"], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()));
        Assert.Equal("North Atlantic Treaty Organization", history.GetProperty("items")[0].GetProperty("snapshot").GetProperty("name").GetString());
    }

    [Fact]
    public async Task RecordsMayReferToStoredRecordsById()
    {
        var org = await new Seeder(app.CreateEditorClient()).OrganizationAsync("Stored org", "other", null);
        var report = await app.ImportAsync([Line(new
        {
            kind = "event", externalId = Unique("by-id"), type = "statement", title = "By id", date = "2021", status = "completed",
            participants = new[] { new { organizationId = org, role = "initiator" } },
        })]);
        AssertCounts(report, 1, 0, 0, 0);
    }

    [Fact]
    public async Task BadLinesAreReportedWithTheirNumbersAndNeverStopTheGoodOnes()
    {
        var p = Unique("bad");
        var lines = new List<string>
        {
            Line(new { kind = "organization", externalId = $"{p}:ok1", name = "Good one", organizationKind = "other" }),     // 1
            "{ this is not json",                                                                                          // 2
            "",                                                                                                            // 3 (blank: skipped)
            Line(new { kind = "treaty", externalId = $"{p}:x", name = "X" }),                                              // 4
            Line(new { kind = "organization", name = "No external id", organizationKind = "other" }),                      // 5
            Line(new { kind = "organization", externalId = $"{p}:bad-country", name = "X", organizationKind = "state", countryCode = "ZZ" }), // 6
            Line(new { kind = "organization", externalId = $"{p}:orphan", name = "X", organizationKind = "other", parentExternalId = $"{p}:missing" }), // 7
            Line(new { kind = "organization", externalId = $"{p}:unknown-field", name = "X", organizationKind = "other", colour = "blue" }), // 8
            Line(new
            {
                kind = "event", externalId = $"{p}:ev", type = "statement", title = "Bad participant", date = "2021", status = "completed",
                participants = new object[] { new { organizationExternalId = $"{p}:ok1", role = "initiator" }, new { organizationExternalId = $"{p}:nowhere", role = "target" } },
            }),                                                                                                            // 9
            "[1, 2, 3]",                                                                                                   // 10
            Line(new { kind = "organization", externalId = $"{p}:both", name = "X", organizationKind = "other", parentId = 1, parentExternalId = $"{p}:ok1" }), // 11
            Line(new { kind = "organization", externalId = $"{p}:ok2", name = "Good two", organizationKind = "other", parentExternalId = $"{p}:ok1" }), // 12
        };
        var report = await app.ImportAsync(lines);
        AssertCounts(report, created: 2, updated: 0, unchanged: 0, failed: 9);

        var failures = report.GetProperty("failures").EnumerateArray().ToDictionary(f => f.GetProperty("line").GetInt32(), f => f.GetProperty("errors"));
        Assert.Equal([2, 4, 5, 6, 7, 8, 9, 10, 11], failures.Keys.Order());
        Assert.True(failures[4].TryGetProperty("kind", out _));
        Assert.True(failures[5].TryGetProperty("externalId", out _));
        Assert.True(failures[6].TryGetProperty("countryCode", out _));
        Assert.True(failures[7].TryGetProperty("parentExternalId", out _));
        Assert.True(failures[8].TryGetProperty("colour", out _));
        Assert.True(failures[9].TryGetProperty("participants[1].organizationExternalId", out _));
        Assert.True(failures[11].TryGetProperty("parentExternalId", out _));

        var ok2 = await (await app.CreateClient().GetAsync($"/api/v1/organizations?q={Uri.EscapeDataString("Good two")}")).ReadJsonAsync();
        Assert.Equal("Good one", ok2.GetProperty("items")[0].GetProperty("parent").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ValidationErrorsUseTheSameRulesAndPathsAsTheResourceEndpoints()
    {
        var p = Unique("rules");
        var report = await app.ImportAsync([Line(new
        {
            kind = "event", externalId = $"{p}:ev", type = "invasion", title = new string('t', 301), date = "2021-13", status = "announced",
            quantities = new[] { new { kind = "staff_after", value = -1 } },
        })]);
        var errors = report.GetProperty("failures")[0].GetProperty("errors");
        foreach (var path in new[] { "type", "title", "date", "quantities[0].value" })
        {
            Assert.True(errors.TryGetProperty(path, out _), $"missing {path} in {errors}");
        }
    }

    [Fact]
    public async Task EachRecordIsAtomicWhenItsWriteFailsHalfway()
    {
        var p = Unique("atomic");
        using var refused = RefusedInserts.Into(app, "event_tags", "NEW.tag = 'explode'");

        var report = await app.ImportAsync(
        [
            Line(new { kind = "organization", externalId = $"{p}:org", name = "Atomic org", organizationKind = "other" }),
            Line(new
            {
                kind = "event", externalId = $"{p}:bad", type = "statement", title = "Half written " + p, date = "2021", status = "completed",
                participants = new[] { new { organizationExternalId = $"{p}:org", role = "initiator" } }, tags = new[] { "explode" },
            }),
            Line(new
            {
                kind = "event", externalId = $"{p}:good", type = "statement", title = "Whole " + p, date = "2021", status = "completed",
                participants = new[] { new { organizationExternalId = $"{p}:org", role = "initiator" } },
            }),
        ]);
        AssertCounts(report, created: 2, updated: 0, unchanged: 0, failed: 1);
        Assert.Equal(2, report.GetProperty("failures")[0].GetProperty("line").GetInt32());

        using var db = app.OpenDatabase();
        Assert.Equal(0, db.ExecuteScalar<int>("SELECT COUNT(*) FROM events WHERE title = @T", new { T = "Half written " + p }));
        Assert.Equal(0, db.ExecuteScalar<int>("SELECT COUNT(*) FROM event_participants WHERE event_id NOT IN (SELECT id FROM events)"));
        Assert.Equal(1, db.ExecuteScalar<int>("SELECT COUNT(*) FROM events WHERE title = @T", new { T = "Whole " + p }));
    }

    [Fact]
    public async Task ALargeBodyIsStreamedInBatches()
    {
        var p = Unique("large");
        // More lines than one batch holds: written in two transactions.
        const int events = NdjsonImporter.BatchLines + 500;
        IEnumerable<string> Lines()
        {
            yield return Line(new { kind = "organization", externalId = $"{p}:org", name = "Large org", organizationKind = "other" });
            for (var i = 0; i < events; i++)
            {
                yield return Line(new
                {
                    kind = "event", externalId = $"{p}:{i}", type = "statement", title = $"Generated statement {i}", summary = new string('x', 900),
                    date = $"2000-01-{i % 28 + 1:00}", status = "completed",
                    participants = new[] { new { organizationExternalId = $"{p}:org", role = "initiator" } },
                });
            }
        }

        var report = await app.ImportAsync(Lines());
        AssertCounts(report, created: events + 1, updated: 0, unchanged: 0, failed: 0);
    }

    [Fact]
    public async Task ALineOverTheCapIsSkippedAndReportedWhileTheRestIsRead()
    {
        var p = Unique("long");
        var report = await app.ImportAsync(
        [
            Line(new { kind = "organization", externalId = $"{p}:a", name = "Before", organizationKind = "other" }),
            Line(new { kind = "organization", externalId = $"{p}:b", name = new string('n', 2 * 1024 * 1024), organizationKind = "other" }),
            Line(new { kind = "organization", externalId = $"{p}:c", name = "After", organizationKind = "other" }),
        ]);
        AssertCounts(report, created: 2, updated: 0, unchanged: 0, failed: 1);
        Assert.Equal(2, report.GetProperty("failures")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task ImportNeedsTheAdminRole()
    {
        var body = new NdjsonContent([Line(new { kind = "organization", externalId = Unique("auth"), name = "X", organizationKind = "other" })]);
        await (await app.CreateClient().PostAsync("/api/v1/import", body)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateEditorClient().PostAsync("/api/v1/import", body)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ImportNeedsNdjson()
    {
        var response = await app.CreateAdminClient().PostAsync("/api/v1/import", new StringContent("{}", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    [Trait("Store", "sqlite")]
    public async Task TheCommandLineImportSharesTheCodePathAndIsIdempotent()
    {
        var folder = Path.Combine(Path.GetTempPath(), "eventtracker-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "records.ndjson");
            await File.WriteAllLinesAsync(file, World(Unique("cli")).Append("{ broken"));
            var databasePath = Path.Combine(folder, "db", "cli.db");
            var database = $"--ConnectionStrings:EventTracker=Data Source={databasePath}";

            var first = await ApiProcess.RunAsync("import", file, database);
            Assert.True(first.ExitCode == 1, first.Errors);
            var report = ReportIn(first.Output);
            AssertCounts(report, created: 7, updated: 0, unchanged: 0, failed: 1);
            Assert.Equal(8, report.GetProperty("failures")[0].GetProperty("line").GetInt32());
            Assert.True(File.Exists(databasePath), "the import did not write to the database it was given");

            var second = await ApiProcess.RunAsync("import", file, database);
            AssertCounts(ReportIn(second.Output), created: 0, updated: 0, unchanged: 7, failed: 1);

            var missing = await ApiProcess.RunAsync("import", Path.Combine(folder, "nope.ndjson"), database);
            Assert.Equal(2, missing.ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The console logger writes from a thread of its own, so a log line may follow the report on stdout.
    private static JsonElement ReportIn(string output) =>
        output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("{\"created\"", StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Last();
}
