using System.Net;
using System.Net.Http.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Storage.Sqlite;

/// <summary>The service runs SQLite without its per-call mutexes, and concurrent reads and writes still hold.</summary>
[Trait("Store", "sqlite")]
public sealed class ThreadingModeTests
{
    [Fact]
    public async Task TheServerRunsSqliteInMultiThreadModeAndConcurrentReadsAndWritesAllSucceed()
    {
        await using var server = new RealServer(RealServer.TempDatabasePath());
        await server.StartAsync();
        Assert.Contains("multi-thread mode", server.Output, StringComparison.Ordinal);

        using var client = server.CreateClient(EventTrackerApp.EditorKey);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var seen = new List<HttpStatusCode>();
            for (var i = 0; i < 25; i++)
            {
                using var request = worker % 4 == 0
                    ? new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations") { Content = JsonContent.Create(new { name = $"mode {worker}-{i}", kind = "other" }) }
                    : new HttpRequestMessage(HttpMethod.Get, $"/api/v1/timeline?limit=20&from={1990 + i}");
                request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
                using var response = await client.SendAsync(request);
                seen.Add(response.StatusCode);
            }

            return seen;
        })));

        var all = statuses.SelectMany(s => s).ToList();
        Assert.All(all, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{status}:\n{server.Output}"));
        Assert.Equal(4 * 25, all.Count(status => status == HttpStatusCode.Created));
    }
}
