using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Operations;

/// <summary>migrate-store copies a whole SQLite database into PostgreSQL: the API answers the same, history included.</summary>
[Trait("Store", "postgres")]
public sealed class MigrateStoreTests : IDisposable
{
    private readonly TestDatabase? _target = TestStore.IsPostgres ? TestDatabase.Create() : null;
    private readonly string _sqlite = RealServer.TempDatabasePath();

    [PostgresFact]
    public async Task AnSqliteDatabaseCopiedIntoPostgresAnswersTheSameRecordForRecordAndKeepsNumbering()
    {
        var demo = Path.Combine(RepositoryRoot.Path, "db", "seed", "demo.ndjson");
        var imported = await ApiProcess.RunAsync("import", demo, $"--ConnectionStrings:EventTracker=Data Source={_sqlite}");
        Assert.True(imported.ExitCode == 0, imported.Errors);

        List<string> urls;
        Dictionary<string, JsonNode?> before;
        await using (var sqlite = new RealServer(_sqlite))
        {
            await sqlite.StartAsync();
            var editor = sqlite.CreateClient(EventTrackerApp.EditorKey);
            var source = await (await editor.PostAsJsonAsync("/api/v1/sources", new { title = "Soon deleted", publishedAt = "2021" })).ReadJsonAsync();
            Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/api/v1/sources/{source.GetProperty("id").GetInt64()}")).StatusCode);
            urls = await UrlsAsync(sqlite.CreateClient());
            before = await AnswersAsync(sqlite.CreateClient(), urls);
        }

        var migrated = await ApiProcess.RunAsync("migrate-store", "--to", _target!.ConnectionString, $"--ConnectionStrings:EventTracker=Data Source={_sqlite}");
        Assert.True(migrated.ExitCode == 0, migrated.Output + migrated.Errors);
        Assert.DoesNotContain("DIFFERENT", migrated.Output, StringComparison.Ordinal);

        await using var postgres = RealServer.OnPostgres(_target.ConnectionString);
        await postgres.StartAsync();
        var after = await AnswersAsync(postgres.CreateClient(), urls);
        foreach (var url in urls)
        {
            Assert.True(JsonNode.DeepEquals(before[url], after[url]), $"{url} differs:\n{before[url]}\n{after[url]}");
        }

        var highest = before["/api/v1/organizations?limit=500"]!["items"]!.AsArray().Max(item => item!["id"]!.GetValue<long>());
        var created = await (await postgres.CreateClient(EventTrackerApp.EditorKey).PostAsJsonAsync("/api/v1/organizations",
            new { name = "After the move", kind = "state", countryCode = "BE" })).ReadJsonAsync();
        Assert.Equal(highest + 1, created.GetProperty("id").GetInt64());

        var again = await ApiProcess.RunAsync("migrate-store", "--to", _target.ConnectionString, $"--ConnectionStrings:EventTracker=Data Source={_sqlite}");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds data", again.Errors, StringComparison.Ordinal);
    }

    /// <summary>Every list, every record (by id, deleted ones' history too) and every history the database can answer.</summary>
    private static async Task<List<string>> UrlsAsync(HttpClient client)
    {
        var urls = new List<string> { "/api/v1/timeline?limit=500", "/api/v1/timeline/histogram?interval=month", "/api/v1/event-types" };
        foreach (var collection in new[] { "organizations", "actors", "sources", "events" })
        {
            urls.Add($"/api/v1/{collection}?limit=500");
            var page = await (await client.GetAsync($"/api/v1/{collection}?limit=500")).ReadJsonAsync();
            var ids = page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()).ToList();
            foreach (var id in Enumerable.Range(1, (int)(ids.DefaultIfEmpty(0).Max() + 1)))
            {
                urls.Add($"/api/v1/{collection}/{id}");
                urls.Add($"/api/v1/{collection}/{id}/history");
            }
        }

        return urls;
    }

    private static async Task<Dictionary<string, JsonNode?>> AnswersAsync(HttpClient client, List<string> urls)
    {
        var answers = new Dictionary<string, JsonNode?>();
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            answers[url] = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(body) : JsonValue.Create((int)response.StatusCode);
        }

        return answers;
    }

    public void Dispose()
    {
        _target?.Dispose();
        try
        {
            Directory.Delete(Path.GetDirectoryName(_sqlite)!, recursive: true);
        }
        catch (IOException)
        {
            // left for the temp cleaner
        }
    }
}
