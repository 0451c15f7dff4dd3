using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EventTracker.Benchmarks;

/// <summary>
/// What metrics cost (<c>--overhead</c>): one data set, then the server started again and again, alternately with
/// metrics off (no Observability settings: nothing listens) and on (<c>Observability:MetricsUrl</c>, scraped every
/// 5 s as Prometheus would), each time measuring /health/live and the cached and uncached first timeline page.
/// Rounds alternate so that drift of the machine falls on both sides alike; each row's figure is the mean of its rounds.
/// </summary>
public static class Overhead
{
    private static readonly string[] Rows = ["health/live (framework ceiling)", "timeline, first page, heavy organization", DataSetRun.FirstPageUncached];

    public static async Task<string> RunAsync(int events, int seconds, int rounds, BenchOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"eventtracker-overhead-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        using var database = BenchDatabase.Create(options.Provider, folder, options.PostgresServer);
        try
        {
            var file = Path.Combine(folder, "data.ndjson");
            SyntheticData.Write(file, events);
            await DataSetRun.ImportAsync(file, database);
            long heavy;
            await using (var db = database.Open())
            {
                heavy = await db.ExecuteScalarAsync<long>("SELECT organization_id FROM event_participants WHERE organization_id IS NOT NULL GROUP BY organization_id ORDER BY COUNT(*) DESC LIMIT 1");
            }

            var uncached = Path.Combine(folder, "uncached.lua");
            await File.WriteAllTextAsync(uncached, $"wrk.headers[\"Cache-Control\"] = \"no-cache\"\nwrk.headers[\"X-Api-Key\"] = \"{ServerProcess.ApiKey}\"\n");
            var measured = new Dictionary<(bool On, string Row), List<WrkResult>>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var on in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    foreach (var result in await MeasureAsync(database, on, heavy, uncached, seconds))
                    {
                        Console.WriteLine($"[overhead, round {round + 1}, metrics {(on ? "on" : "off")}] {result.Name}: {result.RequestsPerSecond:F0} req/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, errors {result.Errors}");
                        (measured.TryGetValue((on, result.Name), out var list) ? list : measured[(on, result.Name)] = []).Add(result);
                    }
                }
            }

            return Report(events, seconds, rounds, options, measured);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<WrkResult>> MeasureAsync(BenchDatabase database, bool metricsOn, long heavy, string uncachedScript, int seconds)
    {
        var metricsPort = FreePort();
        string[] settings = metricsOn ? [$"--Observability:MetricsUrl=http://127.0.0.1:{metricsPort}"] : [];
        await using var server = await ServerProcess.StartAsync(database, settings: settings);
        using var stopScraping = new CancellationTokenSource();
        var scraping = metricsOn ? ScrapeAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"), stopScraping.Token) : Task.FromResult(0);
        var byOrganization = new Uri(server.BaseAddress, $"/api/v1/timeline?organization={heavy}");
        var scenarios = new (string Name, Uri Url, string? Lua)[]
        {
            (Rows[0], new Uri(server.BaseAddress, "/health/live"), null),
            (Rows[1], byOrganization, null),
            (Rows[2], byOrganization, uncachedScript),
        };
        var results = new List<WrkResult>();
        foreach (var (name, url, lua) in scenarios)
        {
            await server.WaitUntilIdleAsync();
            await Wrk.RunAsync(name, url, 16, Math.Max(1, seconds / 5), lua);
            await server.WaitUntilIdleAsync();
            results.Add(await Wrk.RunAsync(name, url, 16, seconds, lua));
        }

        await stopScraping.CancelAsync();
        if (metricsOn && await scraping == 0)
        {
            throw new InvalidOperationException("The metrics listener answered no scrape: the 'on' rows did not measure metrics.");
        }

        return results;
    }

    /// <summary>Scrapes like Prometheus (every 5 s) and counts the scrapes that answered 200.</summary>
    private static async Task<int> ScrapeAsync(Uri metrics, CancellationToken stop)
    {
        using var client = new HttpClient();
        var answered = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                answered += (await client.GetAsync(metrics, stop)).StatusCode == HttpStatusCode.OK ? 1 : 0;
                await Task.Delay(TimeSpan.FromSeconds(5), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return answered;
    }

    private static string Report(int events, int seconds, int rounds, BenchOptions options, Dictionary<(bool On, string Row), List<WrkResult>> measured)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Metrics overhead ({options.Provider}), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {events:N0} events, {rounds} rounds of {seconds} s per row and setting, 16 connections.");
        text.AppendLine();
        text.AppendLine("| row | metrics off: req/s | metrics on: req/s | on / off | off: p99 ms | on: p99 ms | rounds off | rounds on |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var row in Rows)
        {
            var (off, on) = (measured[(false, row)], measured[(true, row)]);
            var (offRate, onRate) = (off.Average(r => r.RequestsPerSecond), on.Average(r => r.RequestsPerSecond));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row} | {offRate:N0} | {onRate:N0} | {onRate / offRate - 1:+0.0 %;-0.0 %} | {off.Average(r => r.P99Ms):F2} | {on.Average(r => r.P99Ms):F2} | " +
                $"{string.Join(" / ", off.Select(r => r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))} | {string.Join(" / ", on.Select(r => r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))} |");
        }

        return text.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
