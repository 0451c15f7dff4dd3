using Dapper;
using EventTracker.Api.Import;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Import;

/// <summary>
/// A large import forgets what it remembered (external ids, live records, event dates) between batches, so its memory
/// stays flat; what a later batch refers to is then read again from the tables. Here it forgets after every batch.
/// </summary>
public sealed class ImportMemoryTests(ImportMemoryTests.ForgetfulApp app) : IClassFixture<ImportMemoryTests.ForgetfulApp>
{
    public sealed class ForgetfulApp : EventTrackerApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [new("Import:RememberedRecords", "2")];
    }

    private static string Organization(string p, string name) =>
        Line(new { kind = "organization", externalId = $"{p}:{name}", name = $"{name} {p}", organizationKind = "other" });

    private static string Event(string p, string name, string date, string organization, string? title = null, object? relations = null) => Line(new
    {
        kind = "event", externalId = $"{p}:{name}", type = "statement", title = title ?? $"{name} {p}", date, status = "completed",
        participants = new[] { new { organizationExternalId = $"{p}:{organization}", role = "initiator" } },
        relations = relations ?? Array.Empty<object>(),
    });

    [Fact]
    public async Task ALaterBatchStillFindsUpdatesAndDatesWhatAnEarlierBatchWroteAfterTheImportForgotIt()
    {
        var p = Unique("forget");
        var lines = new List<string> { Organization(p, "first"), Organization(p, "second") };
        lines.Add(Event(p, "early", "2021-10-06", "first"));
        lines.AddRange(Enumerable.Range(0, NdjsonImporter.BatchLines).Select(i => Event(p, $"filler{i}", "2021-10-01", "first")));
        // The second batch: every reference is to a record of the first one.
        lines.Add(Event(p, "answer", "2021-10-07", "second",
            relations: new[] { new { type = "responds_to", targetEventExternalId = $"{p}:early" } }));
        lines.Add(Event(p, "too-early-answer", "2021-10-05", "second",
            relations: new[] { new { type = "responds_to", targetEventExternalId = $"{p}:early" } }));
        lines.Add(Event(p, "filler3", "2021-10-01", "first", title: $"filler3 {p}, retitled"));

        var report = await app.ImportAsync(lines);

        Assert.Equal(2 + 1 + NdjsonImporter.BatchLines + 1, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("updated").GetInt32());
        Assert.Equal(1, report.GetProperty("failed").GetInt32());
        var failure = report.GetProperty("failures")[0];
        Assert.Equal($"{p}:too-early-answer", failure.GetProperty("externalId").GetString());
        Assert.Contains("cannot be dated before what it answers", failure.ToString(), StringComparison.Ordinal);

        using var db = app.OpenDatabase();
        Assert.Equal(1, db.ExecuteScalar<int>("SELECT COUNT(*) FROM events WHERE external_id = @Id", new { Id = $"{p}:filler3" }));
        Assert.Equal($"filler3 {p}, retitled", db.ExecuteScalar<string>("SELECT title FROM events WHERE external_id = @Id", new { Id = $"{p}:filler3" }));
        Assert.Equal(1, db.ExecuteScalar<int>(
            """
            SELECT COUNT(*) FROM event_relations r
            JOIN events source ON source.id = r.event_id JOIN events target ON target.id = r.target_event_id
            WHERE source.external_id = @Answer AND target.external_id = @Early
            """, new { Answer = $"{p}:answer", Early = $"{p}:early" }));
        Assert.Equal(1, db.ExecuteScalar<int>(
            """
            SELECT COUNT(*) FROM event_participants pa
            JOIN events e ON e.id = pa.event_id JOIN organizations o ON o.id = pa.organization_id
            WHERE e.external_id = @Answer AND o.external_id = @Second
            """, new { Answer = $"{p}:answer", Second = $"{p}:second" }));
    }
}
