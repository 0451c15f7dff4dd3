using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventTracker.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace EventTracker.Tests.Operations;

/// <summary>Crash safety, concurrent writers and graceful shutdown, against the real server process.</summary>
[Trait("Store", "sqlite")]
public sealed class RealProcessTests
{
    private static object Organization(string name) => new { name, kind = "other" };

    [Fact]
    public async Task EveryAcknowledgedWriteSurvivesKillMinus9()
    {
        var path = RealServer.TempDatabasePath();
        var acknowledged = new ConcurrentDictionary<long, string>();
        await using (var server = new RealServer(path))
        {
            await server.StartAsync();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
            {
                using var client = server.CreateClient(EventTrackerApp.EditorKey);
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var name = $"durable {writer}-{i} Ärger Дурабельный";
                    try
                    {
                        var response = await client.PostAsJsonAsync("/api/v1/organizations", Organization(name));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var id = (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
                            acknowledged[id] = name;
                        }
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or IOException)
                    {
                        return; // the server died under us: this write was never acknowledged
                    }
                }
            })).ToList();

            while (acknowledged.Count < 300)
            {
                await Task.WhenAny(Task.WhenAll(writers), Task.Delay(20));
                Assert.False(writers.All(w => w.IsCompleted), "writers stopped before the kill:\n" + server.Output);
            }

            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using (var restarted = new RealServer(path))
        {
            await restarted.StartAsync();
            using var client = restarted.CreateClient();
            foreach (var (id, name) in acknowledged)
            {
                var response = await client.GetAsync($"/api/v1/organizations/{id}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"acknowledged organization {id} is gone");
                Assert.Equal(name, (await response.ReadJsonAsync()).GetProperty("name").GetString());
            }
        }

        using var db = new SqliteConnection($"Data Source={path}");
        db.Open();
        Assert.Equal("ok", db.ExecuteScalar<string>("PRAGMA integrity_check"));
        Assert.True(db.ExecuteScalar<long>("SELECT COUNT(*) FROM revisions WHERE entity_type = 'organization'") >= acknowledged.Count);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task SixteenConcurrentWritersForTenSecondsGetNo5xxAndNoLockErrors()
    {
        await using var server = new RealServer(RealServer.TempDatabasePath());
        await server.StartAsync();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var lockErrors = 0;
        var until = DateTime.UtcNow.AddSeconds(10);

        var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            using var client = server.CreateClient(EventTrackerApp.EditorKey);
            for (var i = 0; DateTime.UtcNow < until; i++)
            {
                var response = i % 3 == 2
                    ? await client.PutAsJsonAsync($"/api/v1/organizations/{(i % 50) + 1}", Organization($"updated {writer}-{i}"))
                    : await client.PostAsJsonAsync("/api/v1/organizations", Organization($"writer {writer}-{i}"));
                statuses.Add(response.StatusCode);
                var body = await response.Content.ReadAsStringAsync();
                if (body.Contains("database is locked", StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref lockErrors);
                }
            }
        })).ToList();
        await Task.WhenAll(writers);

        Assert.True(statuses.Count > 100, $"only {statuses.Count} requests completed");
        Assert.DoesNotContain(statuses, status => (int)status >= 500);
        Assert.Equal(0, lockErrors);
        Assert.DoesNotContain("database is locked", server.Output, StringComparison.OrdinalIgnoreCase);
        Assert.True(statuses.Count(s => s == HttpStatusCode.Created) > 50);
    }

    [Fact]
    public async Task SigtermLetsAnInFlightRequestFinishAndCheckpointsTheWal()
    {
        var path = RealServer.TempDatabasePath();
        await using var server = new RealServer(path);
        await server.StartAsync();
        using var client = server.CreateClient(EventTrackerApp.EditorKey);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/organizations", Organization($"before stop {i}"))).StatusCode);
        }

        // An import whose body is still being sent when the signal arrives.
        var halfSent = new TaskCompletionSource();
        var finishSending = new TaskCompletionSource();
        IEnumerable<string> Lines()
        {
            for (var i = 0; i < 200; i++)
            {
                if (i == 100)
                {
                    halfSent.SetResult();
                    finishSending.Task.Wait();
                }

                yield return $$"""{"kind":"organization","externalId":"inflight:{{i}}","name":"In flight {{i}}","organizationKind":"other"}""";
            }
        }

        var import = Task.Run(() => client.PostAsync("/api/v1/import", new NdjsonContent(Lines())));
        await halfSent.Task;
        server.Terminate();
        finishSending.SetResult();

        var response = await import;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, (await response.ReadJsonAsync()).GetProperty("created").GetInt32());
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("WAL checkpoint at shutdown: complete=True", server.Output, StringComparison.Ordinal);

        var wal = path + "-wal";
        Assert.True(!File.Exists(wal) || new FileInfo(wal).Length == 0, "the WAL was not checkpointed at shutdown");
        using var db = new SqliteConnection($"Data Source={path}");
        db.Open();
        Assert.Equal(220, db.ExecuteScalar<long>("SELECT COUNT(*) FROM organizations"));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task TheRealServerSendsNoServerBannerAndTheBackupCommandCopiesOnline()
    {
        var path = RealServer.TempDatabasePath();
        await using var server = new RealServer(path);
        await server.StartAsync();
        using var client = server.CreateClient(EventTrackerApp.EditorKey);
        var response = await client.PostAsJsonAsync("/api/v1/organizations", Organization("Backed up"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Server"));

        var backup = Path.Combine(Path.GetDirectoryName(path)!, "backup", "copy.db");
        var result = await ApiProcess.RunAsync("backup", backup, $"--ConnectionStrings:EventTracker=Data Source={path}");
        Assert.True(result.ExitCode == 0, result.Errors + result.Output);
        Assert.Contains(backup, result.Output, StringComparison.Ordinal);

        using var copy = new SqliteConnection($"Data Source={backup}");
        copy.Open();
        Assert.Equal("ok", copy.ExecuteScalar<string>("PRAGMA integrity_check"));
        Assert.Equal(1, copy.ExecuteScalar<long>("SELECT COUNT(*) FROM organizations WHERE name = 'Backed up'"));
        SqliteConnection.ClearAllPools();

        Assert.Equal(2, (await ApiProcess.RunAsync("backup", backup, $"--ConnectionStrings:EventTracker=Data Source={path}")).ExitCode);
    }
}
