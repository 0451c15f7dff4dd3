using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Timeline;

/// <summary>
/// A rename forgets the stored documents of the events that show the name in its write and leaves rendering them
/// again to after it: other writers do not wait behind the re-render, and no read after the rename's answer shows
/// the old name (reads render a forgotten document from the tables until the filler has stored it again).
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class RenameUnderWritersTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    /// <summary>Events of the renamed state: enough that re-rendering them in the write took seconds, few enough for a short test.</summary>
    private const int BusyEvents = 20_000;

    [Fact]
    public async Task RenameOfABusyStateWhileEightWritersWriteKeepsTheirLatencyAndEveryLaterReadShowsTheNewName()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var oldName = Unique("Busy state before");
        var busy = await seed.OrganizationAsync(oldName, countryCode: "DE");
        var ministry = await seed.OrganizationAsync(Unique("Busy ministry"), "ministry", "DE", busy);
        var elsewhere = await seed.OrganizationAsync(Unique("Writers' state"), countryCode: "FR");
        var prefix = Unique("busy");
        var report = await app.ImportAsync(Enumerable.Range(0, BusyEvents).Select(i => Line(new
        {
            kind = "event", externalId = $"{prefix}:{i}", type = "statement", title = $"Busy {i}", status = "completed",
            date = $"{2000 + i % 25}-{1 + i % 12:00}-{1 + i % 28:00}",
            participants = new object[] { new { organizationId = i % 3 == 0 ? ministry : busy, role = "initiator" }, new { organizationId = busy, role = "target" } },
        })));
        Assert.Equal(BusyEvents, report.GetProperty("created").GetInt32());

        // The import's aftermath (its write-ahead log checkpointed, caches warmed) is not what is measured.
        await seed.SimpleEventAsync("Warm-up write", "2023-03-03", elsewhere);
        await Task.Delay(1000);
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, 8).Select(w => WriteUntilStoppedAsync(w, elsewhere, clock, stop.Token)).ToList();
        await Task.Delay(500);

        var newName = Unique("Busy state after");
        var renameStart = clock.Elapsed.TotalMilliseconds;
        var renaming = Stopwatch.StartNew();
        var rename = await app.CreateEditorClient().PutAsJsonAsync($"/api/v1/organizations/{busy}", new { name = newName, kind = "state", countryCode = "DE" });
        var renameMs = renaming.Elapsed.TotalMilliseconds;
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);

        var reader = app.CreateClient();
        var random = new Random(8);
        var shown = 0;
        for (var round = 0; round < 10; round++)
        {
            foreach (var order in new[] { "asc", "desc" })
            {
                var page = await reader.GetStringAsync($"/api/v1/timeline?organization={busy}&order={order}&limit=200");
                Assert.DoesNotContain(oldName, page, StringComparison.Ordinal);
                shown += CountOf(newName, page);
            }

            var start = random.Next(2000, 2024);
            var range = await reader.GetStringAsync($"/api/v1/timeline?organization={ministry}&from={start}&to={start + 1}&limit=100");
            Assert.DoesNotContain(oldName, range, StringComparison.Ordinal);
        }

        Assert.True(shown >= 10 * 2 * 200, $"the new name was shown {shown} times");
        await Task.Delay(500);
        await stop.CancelAsync();
        var writes = (await Task.WhenAll(writers)).SelectMany(l => l).ToList();
        var latencies = writes.Select(w => w.Ms).Order().ToList();
        var slowest = string.Join(", ", writes.OrderByDescending(w => w.Ms).Take(5).Select(w => $"{w.Ms:F0} ms from {w.StartMs - renameStart:F0} ms"));

        Assert.True(latencies.Count >= 8, $"only {latencies.Count} writes");
        var p99 = latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1];
        Assert.True(p99 < 1000, $"writers' p99 was {p99:F0} ms over {latencies.Count} writes (the rename took {renameMs:F0} ms; slowest, relative to the rename's start: {slowest})");
        await AssertRefilledAsync(busy, newName, oldName);
    }

    [Fact]
    public async Task RenamedActorIsShownAtOnceAndTheForgottenDocumentsAreStoredAgain()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var oldName = Unique("Spokesperson before");
        var actor = await seed.ActorAsync(oldName);
        var state = await seed.OrganizationAsync(Unique("Spokesperson's state"));
        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await seed.EventAsync(new
            {
                type = "statement", title = $"Said {i}", date = "2022-05", status = "completed",
                participants = new object[] { new { organizationId = state, role = "initiator" }, new { actorId = actor, role = "spokesperson" } },
            }));
        }

        var newName = Unique("Spokesperson after");
        (await app.CreateEditorClient().PutAsJsonAsync($"/api/v1/actors/{actor}", new { name = newName })).EnsureSuccessStatusCode();

        foreach (var id in ids)
        {
            var body = await app.CreateClient().GetStringAsync($"/api/v1/events/{id}");
            Assert.Contains(newName, body, StringComparison.Ordinal);
            Assert.DoesNotContain(oldName, body, StringComparison.Ordinal);
        }

        await AssertRefilledAsync(state, newName, oldName);
    }

    private async Task<List<(double StartMs, double Ms)>> WriteUntilStoppedAsync(int writer, long organization, Stopwatch clock, CancellationToken stop)
    {
        var client = app.CreateEditorClient();
        var latencies = new List<(double StartMs, double Ms)>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var started = clock.Elapsed.TotalMilliseconds;
            var response = await client.PostAsJsonAsync("/api/v1/events", new
            {
                type = "statement", title = $"Writer {writer} write {i}", date = "2023-03-03", status = "completed",
                participants = new[] { new { organizationId = organization, role = "initiator" } },
            }, CancellationToken.None);
            latencies.Add((started, clock.Elapsed.TotalMilliseconds - started));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        return latencies;
    }

    /// <summary>Waits until every live event of <paramref name="organization"/> has a stored document again, and checks they show the new name.</summary>
    private async Task AssertRefilledAsync(long organization, string newName, string oldName)
    {
        const string Missing = """
            SELECT count(*) FROM events e
            WHERE e.deleted_at IS NULL AND e.id IN (SELECT p.event_id FROM event_participants p WHERE p.organization_id = @Organization)
              AND NOT EXISTS (SELECT 1 FROM event_documents d WHERE d.event_id = e.id)
            """;
        const string Stale = """
            SELECT count(*) FROM event_documents d
            WHERE d.event_id IN (SELECT p.event_id FROM event_participants p WHERE p.organization_id = @Organization)
              AND d.document LIKE @Old
            """;
        var clock = Stopwatch.StartNew();
        await using var connection = app.OpenDatabase();
        long missing;
        while ((missing = await connection.ExecuteScalarAsync<long>(Missing, new { Organization = organization })) > 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, missing);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(Stale, new { Organization = organization, Old = $"%{oldName}%" }));
        var stored = await connection.ExecuteScalarAsync<string>(
            "SELECT d.document FROM event_documents d JOIN event_participants p ON p.event_id = d.event_id WHERE p.organization_id = @Organization LIMIT 1",
            new { Organization = organization });
        Assert.Contains(newName, JsonDocument.Parse(stored!).RootElement.GetRawText(), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string page)
    {
        var count = 0;
        for (var at = page.IndexOf(text, StringComparison.Ordinal); at >= 0; at = page.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
