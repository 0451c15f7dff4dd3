using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;

namespace EventTracker.Benchmarks;

/// <summary>
/// Renames of the busiest state (<c>PUT /api/v1/organizations/{id}</c>), each timed alone once every event's stored
/// document is back (a rename makes those that show the name stale with one row of document_forgets; the service
/// renders them again after it and then removes the row). Asked of the tables, not of the view event_documents,
/// whose check of every stale document would load the machine the refiller runs on while it is polled.
/// </summary>
public static class RenameRun
{
    public const string Name = "rename of the busiest state, one connection";

    private const int Renames = 3;

    public static async Task<WrkResult> RunAsync(ServerProcess server, BenchDatabase database)
    {
        long state;
        await using (var db = database.Open())
        {
            state = await db.ExecuteScalarAsync<long>(
                "SELECT p.organization_id FROM event_participants p JOIN organizations o ON o.id = p.organization_id WHERE o.kind = 'state' " +
                "GROUP BY p.organization_id ORDER BY COUNT(*) DESC LIMIT 1");
        }

        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ServerProcess.ApiKey);
        var current = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/organizations/{state}")).RootElement;
        var times = new List<double>();
        var errors = 0L;
        for (var i = 0; i < Renames; i++)
        {
            var refill = await WaitForDocumentsAsync(database);
            var clock = Stopwatch.StartNew();
            var response = await client.PutAsJsonAsync($"/api/v1/organizations/{state}", new
            {
                name = $"{current.GetProperty("name").GetString()} ({i + 1})",
                kind = current.GetProperty("kind").GetString(),
                countryCode = current.GetProperty("countryCode").GetString(),
            });
            times.Add(clock.Elapsed.TotalMilliseconds);
            errors += response.IsSuccessStatusCode ? 0 : 1;
            Console.WriteLine($"[rename] {times[^1]:F1} ms ({(int)response.StatusCode}); the previous rename's documents were back {refill:F1} s after it was waited for");
        }

        Console.WriteLine($"[rename] the last rename's documents were back after {await WaitForDocumentsAsync(database):F1} s");
        times.Sort();
        return new WrkResult(Name, $"PUT /api/v1/organizations/{state} (a new name, {Renames} times)", 1000 / times.Average(), times[times.Count / 2], times[^1], times[^1], Renames, errors);
    }

    /// <summary>Waits until every live event has its stored document and no forget is pending; returns the seconds waited.</summary>
    private static async Task<double> WaitForDocumentsAsync(BenchDatabase database)
    {
        var clock = Stopwatch.StartNew();
        await using var db = database.Open();
        while (await db.ExecuteScalarAsync<long>(
                   "SELECT (SELECT count(*) FROM events e WHERE e.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM stored_documents d WHERE d.id = e.id))" +
                   " + (SELECT count(*) FROM document_forgets)") > 0
               && clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(250);
        }

        return clock.Elapsed.TotalSeconds;
    }
}
