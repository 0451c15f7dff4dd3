using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EventTracker.Api.Storage.Relational;
using EventTracker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Timeline;

/// <summary>The service with its refiller held back: a test starts it when it wants the stale documents rendered again.</summary>
public sealed class HeldRefillerApp : EventTrackerApp
{
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        var refiller = services.Single(service => service.ServiceType == typeof(IHostedService) && service.ImplementationType == typeof(ForgottenDocumentRefiller));
        services.Remove(refiller);
    }

    /// <summary>Starts a refiller, which serves every forget pending, and waits until none is left.</summary>
    public async Task RefillAsync()
    {
        var refiller = ActivatorUtilities.CreateInstance<ForgottenDocumentRefiller>(Services);
        await refiller.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            await using var db = OpenDatabase();
            while (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM document_forgets") > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
        finally
        {
            await refiller.StopAsync(CancellationToken.None);
        }
    }
}

/// <summary>
/// A rename through the service forgets the stored documents that show the name by one row (document_forgets), not by
/// deleting each: the rows stay, stale (out of the view event_documents), until the refiller renders them again, and
/// every read in between renders those events from their tables, so no GET shows the old name.
/// </summary>
public sealed class StaleDocumentTests(HeldRefillerApp app) : IClassFixture<HeldRefillerApp>
{
    [Fact]
    public async Task AfterARenameEveryReadShowsTheNewNameAtOnceAndTheStaleDocumentsAreRenderedAgainByTheRefiller()
    {
        var (state, main, target) = await SeedAsync("Stale state");
        var oldName = await NameAsync(state);
        var newName = Unique("Renamed state");

        await RenameAsync(state, newName);

        Assert.Contains(oldName, await KeptRowAsync(main), StringComparison.Ordinal);
        Assert.Contains(oldName, await KeptRowAsync(target), StringComparison.Ordinal);
        Assert.Null(await StoredAsync(main));
        await AssertEveryReadShowsAsync(state, main, newName, oldName);

        await app.RefillAsync();

        foreach (var id in new[] { main, target })
        {
            var stored = await StoredAsync(id);
            Assert.Contains(newName, stored, StringComparison.Ordinal);
            Assert.Equal(await app.CreateClient().GetStringAsync($"/api/v1/events/{id}"), stored);
        }

        await AssertEveryReadShowsAsync(state, main, newName, oldName);
    }

    [Fact]
    public async Task ASecondRenameBeforeTheRefillerRanIsWhatEveryReadShowsAndWhatIsStoredAfter()
    {
        var (state, main, _) = await SeedAsync("Twice state");
        var firstName = await NameAsync(state);
        var secondName = Unique("Second name");
        var thirdName = Unique("Third name");

        await RenameAsync(state, secondName);
        await RenameAsync(state, thirdName);

        await AssertEveryReadShowsAsync(state, main, thirdName, firstName);
        Assert.DoesNotContain(secondName, await app.CreateClient().GetStringAsync($"/api/v1/events/{main}"), StringComparison.Ordinal);
        await app.RefillAsync();

        var stored = await StoredAsync(main);
        Assert.Contains(thirdName, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secondName, stored, StringComparison.Ordinal);
        await AssertEveryReadShowsAsync(state, main, thirdName, secondName);
    }

    [Fact]
    public async Task ADocumentStoredAfterARenameIsNotStaleWhileTheRenameIsStillPending()
    {
        var (state, main, target) = await SeedAsync("Pending state");
        var newName = Unique("Pending renamed");
        await RenameAsync(state, newName);

        // Written after the rename: stored with its stamp, so it is read as stored, not rendered again.
        (await app.CreateEditorClient().PutAsJsonAsync($"/api/v1/events/{main}", MainEvent(state, target, Unique("Edited after the rename")))).EnsureSuccessStatusCode();

        var stored = await StoredAsync(main);
        Assert.Contains(newName, stored, StringComparison.Ordinal);
        Assert.Equal(stored, await app.CreateClient().GetStringAsync($"/api/v1/events/{main}"));
        await app.RefillAsync();
        Assert.Equal(stored, await StoredAsync(main));
    }

    [Fact]
    public async Task RenamedActorAndRetitledSourceAreShownAtOnceAndStoredByTheRefiller()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var state = await seed.OrganizationAsync(Unique("Quoting state"));
        var actor = await seed.ActorAsync(Unique("Speaker before"));
        var source = await seed.SourceAsync(Unique("Report before"), "https://example.org/" + Unique("r"));
        var main = await seed.EventAsync(new
        {
            type = "statement", title = Unique("Quoted"), date = "2022-04-04", status = "completed",
            participants = new object[] { new { organizationId = state, role = "initiator" }, new { actorId = actor, role = "spokesperson" } },
            citations = new[] { new { sourceId = source, quote = "Said so.", speakerActorId = actor } },
        });
        var actorName = Unique("Speaker after");
        var sourceTitle = Unique("Report after");

        (await app.CreateEditorClient().PutAsJsonAsync($"/api/v1/actors/{actor}", new { name = actorName })).EnsureSuccessStatusCode();
        (await app.CreateEditorClient().PutAsJsonAsync($"/api/v1/sources/{source}", new { title = sourceTitle })).EnsureSuccessStatusCode();

        var body = await app.CreateClient().GetStringAsync($"/api/v1/events/{main}");
        Assert.Contains(actorName, body, StringComparison.Ordinal);
        Assert.Contains(sourceTitle, body, StringComparison.Ordinal);
        Assert.DoesNotContain(actorName, await KeptRowAsync(main), StringComparison.Ordinal);
        Assert.Null(await StoredAsync(main));
        await app.RefillAsync();
        Assert.Equal(body, await StoredAsync(main));
    }

    [Fact]
    public async Task ARenameRolledBackLeavesTheStoredDocumentsValidAndNoForgetBehind()
    {
        var (state, main, _) = await SeedAsync("Kept state");
        var name = await NameAsync(state);
        var before = await app.CreateClient().GetStringAsync($"/api/v1/events/{main}");

        await using (var db = app.OpenDatabase())
        {
            await using var transaction = await db.BeginTransactionAsync();
            await DocumentForgets.UpdateShownRecordAsync(db, transaction, "UPDATE organizations SET name = @Name WHERE id = @Id", new { Name = Unique("Never"), Id = state });
            Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM document_forgets", transaction: transaction));
            await transaction.RollbackAsync();
        }

        await using (var db = app.OpenDatabase())
        {
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM document_forgets"));
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM forget_documents_later"));
        }

        Assert.Equal(before, await StoredAsync(main));
        Assert.Equal(before, await app.CreateClient().GetStringAsync($"/api/v1/events/{main}"));
        Assert.Contains(name, before, StringComparison.Ordinal);
    }

    /// <summary>A state, an event it takes part in that responds to another of its events (a chain), both stored.</summary>
    private async Task<(long State, long Main, long Target)> SeedAsync(string name)
    {
        var seed = new Seeder(app.CreateEditorClient());
        var state = await seed.OrganizationAsync(Unique(name), countryCode: "DE");
        var target = await seed.SimpleEventAsync(Unique("Stale target"), "2021-05-01", state);
        var main = await seed.EventAsync(MainEvent(state, target, Unique("Stale main")));
        Assert.NotNull(await StoredAsync(main));
        Assert.NotNull(await StoredAsync(target));
        return (state, main, target);
    }

    private static object MainEvent(long state, long target, string title) => new
    {
        type = "expulsion", title, date = "2021-05-06", status = "completed",
        participants = new object[] { new { organizationId = state, role = "initiator" } },
        relations = new[] { new { type = "responds_to", targetEventId = target } },
    };

    private async Task<string> NameAsync(long state) =>
        JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/api/v1/organizations/{state}")).RootElement.GetProperty("name").GetString()!;

    private async Task RenameAsync(long state, string name) =>
        (await app.CreateEditorClient().PutAsJsonAsync($"/api/v1/organizations/{state}", new { name, kind = "state", countryCode = "DE" })).EnsureSuccessStatusCode();

    private async Task AssertEveryReadShowsAsync(long state, long main, string newName, string oldName)
    {
        var client = app.CreateClient();
        foreach (var url in new[]
                 {
                     $"/api/v1/events/{main}", $"/api/v1/timeline?organization={state}", $"/api/v1/timeline?organization={state}&order=desc&limit=1",
                     $"/api/v1/events/{main}/chain", $"/api/v1/events/export?format=ndjson&organization={state}",
                 })
        {
            var body = await client.GetStringAsync(url);
            Assert.Contains(newName, body, StringComparison.Ordinal);
            Assert.DoesNotContain(oldName, body, StringComparison.Ordinal);
        }

        var feed = await FeedRecordsOfAsync(main);
        Assert.NotEmpty(feed);
        Assert.All(feed, record => Assert.DoesNotContain(oldName, record, StringComparison.Ordinal));
        Assert.Contains(newName, feed[^1], StringComparison.Ordinal);
    }

    /// <summary>The records the change feed carries for event <paramref name="id"/>, oldest first.</summary>
    private async Task<List<string>> FeedRecordsOfAsync(long id)
    {
        var records = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await app.CreateClient().GetAsync("/api/v1/changes?limit=500" + (cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor)))).ReadJsonAsync();
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                if (item.GetProperty("kind").GetString() == "event" && item.GetProperty("id").GetInt64() == id && item.TryGetProperty("record", out var record))
                {
                    records.Add(record.GetRawText());
                }
            }

            cursor = page.GetProperty("items").GetArrayLength() == 0 ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return records;
    }

    /// <summary>The event's current stored document (the view <c>event_documents</c>), or null.</summary>
    private async Task<string?> StoredAsync(long id)
    {
        await using var db = app.OpenDatabase();
        return await db.ExecuteScalarAsync<string?>("SELECT document FROM event_documents WHERE event_id = @Id", new { Id = id });
    }

    /// <summary>The event's stored row, current or stale: a forget leaves it in place.</summary>
    private async Task<string?> KeptRowAsync(long id)
    {
        await using var db = app.OpenDatabase();
        return await db.ExecuteScalarAsync<string?>("SELECT document FROM stored_documents WHERE id = @Id", new { Id = id });
    }
}
