using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using Dapper;
using EventTracker.Api.Storage;
using EventTracker.Api.Hosting;
using EventTracker.Api.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EventTracker.Benchmarks;

/// <summary>
/// What one data set measured; <c>MixedLoadResidentMegabytes</c> is the server's resident memory (RSS) at the end of the
/// uncached mixed load and its peak during it.
/// </summary>
public sealed record DataSetResult(
    int Events, double GenerateSeconds, double ImportSeconds, double ImportEventsPerSecond, long ImportedRecords,
    IReadOnlyList<WrkResult> Endpoints, ExportResult? Export, (double End, double Peak)? MixedLoadResidentMegabytes = null,
    bool ImportReused = false);

/// <summary>Exporting every event as NDJSON while the server's memory is sampled.</summary>
public sealed record ExportResult(long Events, long Bytes, double Seconds, double PeakGrowthMegabytes);

/// <summary>Which store a run uses: <c>--provider sqlite|postgres</c>, and for PostgreSQL the server (<c>--postgres</c>).</summary>
/// <param name="Provider">sqlite or postgres.</param>
/// <param name="PostgresServer">An Npgsql connection string of a server to create the benchmark's database on.</param>
/// <param name="Only">Runs only the scenarios whose name contains it (and /health/live), for profiling: no report is written.</param>
/// <param name="DataFolder">Where a generated and imported data set is kept for later runs to reuse (<see cref="KeptDataSet"/>).</param>
public sealed record BenchOptions(string Provider, string? PostgresServer, string? Only = null, string? DataFolder = null);

/// <summary>Generates a data set, imports it through the import code path, and loads the real server with wrk.</summary>
public static class DataSetRun
{
    public static async Task<DataSetResult> RunAsync(int events, int seconds, bool measureExport, bool allEndpoints, BenchOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"eventtracker-bench-{events}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var (database, made) = await KeptDataSet.OpenAsync(events, folder, options);
        using var disposeDatabase = database;
        var (generateSeconds, importSeconds, imported) = (made.GenerateSeconds, made.ImportSeconds, made.Imported);
        try
        {
            await using var server = await ServerProcess.StartAsync(database);
            var scenarios = (await ScenariosAsync(server, database, allEndpoints))
                .Where(s => options.Only is null || s.Name.Contains(options.Only, StringComparison.Ordinal) || s.Name.StartsWith("health/live", StringComparison.Ordinal))
                .ToList();
            var results = new List<WrkResult>();
            (double End, double Peak)? mixedResident = null;
            foreach (var (name, url, lua, describe) in scenarios)
            {
                // A short unrecorded run first, so that the figures are of steady state, not of the JIT warming up;
                // and none starts while the server still works on requests the last one abandoned.
                await server.WaitUntilIdleAsync();
                // Latency rows ("one connection") measure a request alone; the others, 16 at a time.
                var connections = name.Contains(OneConnection, StringComparison.Ordinal) ? 1 : 16;
                await Wrk.RunAsync(name, url, connections, Math.Max(1, seconds / 5), lua, describe);
                await server.WaitUntilIdleAsync();
                using var sampling = new CancellationTokenSource();
                var peakResident = name == MixedUncached ? SamplePeakAsync(server, sampling.Token) : Task.FromResult(0L);
                var result = await Wrk.RunAsync(name, url, connections, seconds, lua, describe);
                if (name == MixedUncached)
                {
                    var end = server.ResidentBytes();
                    await sampling.CancelAsync();
                    mixedResident = (end / 1e6, Math.Max(end, await peakResident) / 1e6);
                    Console.WriteLine($"[{events}] resident memory under the mixed load: {end / 1e6:F0} MB at its end, peak {mixedResident.Value.Peak:F0} MB");
                }

                Console.WriteLine($"[{events}] {name}: {result.RequestsPerSecond:F0} req/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, errors {result.Errors}");
                results.Add(result);
            }

            await server.WaitUntilIdleAsync();
            if (allEndpoints && (options.Only is null || RenameRun.Name.Contains(options.Only, StringComparison.Ordinal)))
            {
                var rename = await RenameRun.RunAsync(server, database);
                Console.WriteLine($"[{events}] {rename.Name}: p50 {rename.P50Ms:F1} ms, max {rename.P99Ms:F1} ms, errors {rename.Errors}");
                results.Add(rename);
            }

            if (allEndpoints && (options.Only is null || Contention.Contains(options.Only, StringComparison.Ordinal)))
            {
                results.AddRange(await ContentionAsync(database, seconds));
            }

            var export = measureExport && options.Only is null ? await ExportAsync(server) : null;
            return new DataSetResult(events, generateSeconds, importSeconds, events / importSeconds, imported, results, export, mixedResident, made.Reused);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<long> SamplePeakAsync(ServerProcess server, CancellationToken stop)
    {
        var peak = 0L;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, server.ResidentBytes());
            await Task.Delay(200, CancellationToken.None);
        }

        return peak;
    }

    /// <summary>
    /// Imports <paramref name="events"/> generated events into an empty database and reports the rate; with
    /// <paramref name="secondImport"/>, then as many new events again (another seed, other external ids) into the
    /// database the first import filled, to see what a large database costs an import.
    /// </summary>
    public static async Task ImportOnlyAsync(int events, BenchOptions options, bool secondImport = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"eventtracker-bench-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        using var database = BenchDatabase.Create(options.Provider, folder, options.PostgresServer);
        try
        {
            var file = Path.Combine(folder, "data.ndjson");
            SyntheticData.Write(file, events);
            var (seconds, records) = await ImportAsync(file, database);
            Console.WriteLine($"[{options.Provider}] imported {records} records in {seconds:F2} s ({events / seconds:F0} events/s), peak RSS growth {LastImportRssGrowthMb:F0} MB (anonymous {LastImportAnonymousGrowthMb:F0} MB)");
            if (secondImport)
            {
                File.Delete(file);
                SyntheticData.Write(file, events, seed: 7, eventIdPrefix: "second:");
                (seconds, records) = await ImportAsync(file, database);
                Console.WriteLine($"[{options.Provider}] second import into the filled database: {records} records created in {seconds:F2} s ({events / seconds:F0} events/s), peak RSS growth {LastImportRssGrowthMb:F0} MB (anonymous {LastImportAnonymousGrowthMb:F0} MB)");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The importing process's peak resident memory above what it held when the last <see cref="ImportAsync"/> began.</summary>
    internal static double LastImportRssGrowthMb { get; private set; }

    /// <summary>The same for anonymous memory alone (Linux's RssAnon): RSS also counts the pages of a memory-mapped SQLite file.</summary>
    internal static double LastImportAnonymousGrowthMb { get; private set; }

    private static async Task<(long Resident, long Anonymous)> SamplePeakAsync(CancellationToken stop)
    {
        var (resident, anonymous) = (Environment.WorkingSet, AnonymousResidentBytes());
        while (!stop.IsCancellationRequested)
        {
            (resident, anonymous) = (Math.Max(resident, Environment.WorkingSet), Math.Max(anonymous, AnonymousResidentBytes()));
            await Task.Delay(200, CancellationToken.None);
        }

        return (resident, anonymous);
    }

    private static long AnonymousResidentBytes()
    {
        const string status = "/proc/self/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("RssAnon:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    internal static async Task<(double Seconds, long Records)> ImportAsync(string file, BenchDatabase database)
    {
        var builder = WebApplication.CreateBuilder([.. database.ServiceArguments(), "--Logging:LogLevel:Default=Warning"]);
        builder.AddEventTracker();
        await using var app = builder.Build();
        app.Services.GetRequiredService<IStoreSchema>().Migrate();
        await using var stream = File.OpenRead(file);
        var (baseline, anonymousBaseline) = (Environment.WorkingSet, AnonymousResidentBytes());
        using var stopSampling = new CancellationTokenSource();
        var peak = SamplePeakAsync(stopSampling.Token);
        var clock = Stopwatch.StartNew();
        var report = await app.Services.GetRequiredService<NdjsonImporter>().ImportAsync(PipeReader.Create(stream), "benchmark import", CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        await stopSampling.CancelAsync();
        var (peakResident, peakAnonymous) = await peak;
        LastImportRssGrowthMb = (peakResident - baseline) / 1e6;
        LastImportAnonymousGrowthMb = (peakAnonymous - anonymousBaseline) / 1e6;
        if (report.Failed > 0)
        {
            throw new InvalidOperationException($"{report.Failed} generated lines failed: {JsonSerializer.Serialize(report.Failures.Take(3))}");
        }

        return (seconds, report.Created);
    }

    public const string FirstPageUncached = "timeline, first page, heavy organization, uncached";
    public const string OneConnection = "one connection";
    public const string LedgerUncached = "ledger, two busiest states, uncached, " + OneConnection;
    public const string Mixed = "mixed: random state and year, 50 per page";
    public const string MixedUncached = Mixed + ", uncached";
    public const string MixedOneConnection = Mixed + ", uncached, " + OneConnection;
    public const string LimitOneOneConnection = "timeline, one organization and year, limit=1, uncached, " + OneConnection;
    public const string EventByIdOneConnection = "event by id, " + OneConnection;
    public const string HealthOneConnection = "health/live, " + OneConnection;
    public const string HistogramUncached = "histogram, monthly, heavy organization, uncached";
    public const string HistogramOneConnection = HistogramUncached + ", " + OneConnection;
    public const string ChainOneConnection = "chain, uncached, " + OneConnection;
    public const string DraftOneConnection = "draft from a 3 KB article, " + OneConnection;

    private static readonly string UncachedHeaders =
        $"wrk.headers[\"Cache-Control\"] = \"no-cache\"\nwrk.headers[\"X-Api-Key\"] = \"{ServerProcess.ApiKey}\"\n";

    private static async Task<List<(string Name, Uri Url, string? Lua, string? Describe)>> ScenariosAsync(ServerProcess server, BenchDatabase database, bool allEndpoints)
    {
        long heavy, chainEvent, anyEvent, busiestState, secondState;
        List<long> allStates;
        await using (var db = database.Open())
        {
            heavy = await db.ExecuteScalarAsync<long>("SELECT organization_id FROM event_participants WHERE organization_id IS NOT NULL GROUP BY organization_id ORDER BY COUNT(*) DESC LIMIT 1");
            chainEvent = await db.ExecuteScalarAsync<long>("SELECT target_event_id FROM event_relations ORDER BY id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM event_relations)");
            anyEvent = await db.ExecuteScalarAsync<long>("SELECT id FROM events ORDER BY id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM events)");
            var states = (await db.QueryAsync<long>(
                "SELECT p.organization_id FROM event_participants p JOIN organizations o ON o.id = p.organization_id WHERE o.kind = 'state' " +
                "GROUP BY p.organization_id ORDER BY COUNT(*) DESC LIMIT 2")).ToList();
            (busiestState, secondState) = (states[0], states[1]);
            allStates = (await db.QueryAsync<long>("SELECT id FROM organizations WHERE kind = 'state' ORDER BY id")).ToList();
        }

        Uri Url(string pathAndQuery) => new(server.BaseAddress, pathAndQuery);
        var byOrganization = $"/api/v1/timeline?organization={heavy}";
        // The same requests once more with "Cache-Control: no-cache": what computing the answer costs. Only a client
        // with an API key can ask for that (an anonymous no-cache is served from the cache).
        var uncached = Path.Combine(Path.GetTempPath(), $"eventtracker-uncached-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(uncached, UncachedHeaders);
        var scenarios = new List<(string, Uri, string?, string?)>
        {
            ("health/live (framework ceiling)", Url("/health/live"), null, null),
            ("timeline, first page, heavy organization", Url(byOrganization), null, null),
            ($"{FirstPageUncached}", Url(byOrganization), uncached, $"{byOrganization} (no-cache)"),
        };
        if (!allEndpoints)
        {
            return scenarios;
        }

        int heavyEvents;
        await using (var db = database.Open())
        {
            heavyEvents = await db.ExecuteScalarAsync<int>("SELECT COUNT(DISTINCT event_id) FROM event_participants WHERE organization_id = @Heavy", new { Heavy = heavy });
        }

        // 10 000 items deep, or half-way through a smaller data set.
        var depth = Math.Max(500, Math.Min(10_000, heavyEvents / 2 / 500 * 500));
        var deepCursor = await CursorAfterAsync(server, byOrganization, depth);
        var lua = Path.Combine(Path.GetTempPath(), $"eventtracker-post-{Guid.NewGuid():N}.lua");
        var body = JsonSerializer.Serialize(new
        {
            type = "statement", title = "Benchmark statement on embassy staff", date = "2024-05-01", status = "completed",
            participants = new[] { new { organizationId = heavy, role = "initiator" } },
        });
        await File.WriteAllTextAsync(lua, $$"""
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["X-Api-Key"] = "{{ServerProcess.ApiKey}}"
            wrk.body = [[{{body}}]]
            """);

        scenarios.AddRange(
        [
            ("timeline, by type, one year", Url("/api/v1/timeline?type=expulsion&from=2020&to=2020"), null, null),
            ("timeline, full-text q", Url("/api/v1/timeline?q=espionage"), null, null),
            ("timeline, full-text q, uncached", Url("/api/v1/timeline?q=espionage"), uncached, "/api/v1/timeline?q=espionage (no-cache)"),
            ($"timeline, deep page (after {depth:N0} items)", Url($"{byOrganization}&cursor={Uri.EscapeDataString(deepCursor)}"), null, $"{byOrganization}&cursor=(after {depth})"),
            ($"timeline, deep page (after {depth:N0} items), uncached", Url($"{byOrganization}&cursor={Uri.EscapeDataString(deepCursor)}"), uncached, $"{byOrganization}&cursor=(after {depth}) (no-cache)"),
            ("histogram, monthly, heavy organization", Url($"/api/v1/timeline/histogram?interval=month&organization={heavy}"), null, null),
            (HistogramUncached, Url($"/api/v1/timeline/histogram?interval=month&organization={heavy}"), uncached, $"/api/v1/timeline/histogram?interval=month&organization={heavy} (no-cache)"),
            ("chain", Url($"/api/v1/events/{chainEvent}/chain"), null, null),
            ("chain, uncached", Url($"/api/v1/events/{chainEvent}/chain"), uncached, $"/api/v1/events/{chainEvent}/chain (no-cache)"),
            ("event by id", Url($"/api/v1/events/{anyEvent}"), null, null),
            ("ledger, two busiest states", Url($"/api/v1/dyads/ledger?a={busiestState}&b={secondState}"), null, null),
            (Mixed, Url("/api/v1/timeline"), await MixedScriptAsync(allStates, noCache: false), "/api/v1/timeline?organization=<random state>&from=<Y>&to=<Y>&limit=50 (seeded)"),
            (MixedUncached, Url("/api/v1/timeline"), await MixedScriptAsync(allStates, noCache: true), "the same, no-cache"),
            (MixedOneConnection, Url("/api/v1/timeline"), await MixedScriptAsync(allStates, noCache: true), "the same, no-cache, one connection"),
            (LimitOneOneConnection, Url("/api/v1/timeline?organization=1&from=2000&to=2000&limit=1"), uncached, "/api/v1/timeline?organization=1&from=2000&to=2000&limit=1 (no-cache, one connection)"),
            (EventByIdOneConnection, Url($"/api/v1/events/{anyEvent}"), null, null),
            (HealthOneConnection, Url("/health/live"), null, null),
            (HistogramOneConnection, Url($"/api/v1/timeline/histogram?interval=month&organization={heavy}"), uncached, $"/api/v1/timeline/histogram?interval=month&organization={heavy} (no-cache, one connection)"),
            (ChainOneConnection, Url($"/api/v1/events/{chainEvent}/chain"), uncached, $"/api/v1/events/{chainEvent}/chain (no-cache, one connection)"),
            (LedgerUncached, Url($"/api/v1/dyads/ledger?a={busiestState}&b={secondState}"), uncached, $"/api/v1/dyads/ledger?a={busiestState}&b={secondState} (no-cache, one connection)"),
            ("POST event", Url("/api/v1/events"), lua, "POST /api/v1/events"),
            (DraftOneConnection, Url("/api/v1/drafts"), await DraftArticle.ScriptAsync(ServerProcess.ApiKey), $"POST /api/v1/drafts, a {DraftArticle.Text.Length / 1000.0:F1} KB article (one connection)"),
        ]);
        return scenarios;
    }

    public const string Contention = "contention";

    /// <summary>
    /// One anonymous client hammers the most expensive read there is (the ledger of the two busiest states, asking for
    /// no-cache) with 16 connections, on a server with the shipped rate limits, while a researcher with a key reads
    /// cached timelines and a probe asks /health/live: what the others feel (their p99) is the figure.
    /// </summary>
    private static async Task<List<WrkResult>> ContentionAsync(BenchDatabase database, int seconds)
    {
        long busiestState, secondState, heavy;
        await using (var db = database.Open())
        {
            var states = (await db.QueryAsync<long>(
                "SELECT p.organization_id FROM event_participants p JOIN organizations o ON o.id = p.organization_id WHERE o.kind = 'state' " +
                "GROUP BY p.organization_id ORDER BY COUNT(*) DESC LIMIT 2")).ToList();
            (busiestState, secondState) = (states[0], states[1]);
            heavy = await db.ExecuteScalarAsync<long>("SELECT organization_id FROM event_participants WHERE organization_id IS NOT NULL GROUP BY organization_id ORDER BY COUNT(*) DESC LIMIT 1");
        }

        await using var limited = await ServerProcess.StartAsync(database, rateLimited: true);
        var anonymousNoCache = Path.Combine(Path.GetTempPath(), $"eventtracker-anonymous-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(anonymousNoCache, "wrk.headers[\"Cache-Control\"] = \"no-cache\"\n");
        var researcher = Path.Combine(Path.GetTempPath(), $"eventtracker-researcher-{Guid.NewGuid():N}.lua");
        // A person paging and filtering, not a load generator: 20 requests a second per connection keeps inside the
        // reader's own budget (600 a minute), so every answer it gets is a page, not a 429.
        await File.WriteAllTextAsync(researcher, $"wrk.headers[\"X-Api-Key\"] = \"{ServerProcess.ReaderKey}\"\nfunction delay() return 50 end\n");
        var timeline = new Uri(limited.BaseAddress, $"/api/v1/timeline?organization={heavy}");
        using (var warm = new HttpClient { BaseAddress = limited.BaseAddress })
        {
            warm.DefaultRequestHeaders.Add("X-Api-Key", ServerProcess.ReaderKey);
            await warm.GetAsync(timeline);
        }

        var ledger = $"/api/v1/dyads/ledger?a={busiestState}&b={secondState}";
        var hammer = Wrk.RunAsync($"{Contention}: anonymous client hammering the uncached ledger (16 connections)", new Uri(limited.BaseAddress, ledger), 16,
            seconds, anonymousNoCache, $"{ledger} (anonymous, no-cache)");
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(2, seconds / 4.0)));
        var others = await Task.WhenAll(
            Wrk.RunAsync($"{Contention}: another client's cached timeline meanwhile (4 connections, 20 req/s each)", timeline, 4, Math.Max(1, seconds / 2), researcher,
                $"/api/v1/timeline?organization={heavy} (reader key)"),
            Wrk.RunAsync($"{Contention}: health/live meanwhile, {OneConnection}", new Uri(limited.BaseAddress, "/health/live"), 1, Math.Max(1, seconds / 2)));
        var results = new List<WrkResult> { await hammer };
        results.AddRange(others);
        foreach (var result in results)
        {
            Console.WriteLine($"[{Contention}] {result.Name}: {result.RequestsPerSecond:F0} req/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, non-2xx {result.Errors}");
        }

        return results;
    }

    /// <summary>
    /// The mixed load: every request a random state (with its ministry and missions) and a random year, seeded, so that
    /// the read cache can serve only the repeats.
    /// </summary>
    private static async Task<string> MixedScriptAsync(IReadOnlyList<long> states, bool noCache)
    {
        var path = Path.Combine(Path.GetTempPath(), $"eventtracker-mixed-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(path, $$"""
            local states = { {{string.Join(", ", states)}} }
            math.randomseed(20211006)
            {{(noCache ? UncachedHeaders : "")}}
            request = function()
              local year = math.random(1990, 2026)
              local path = "/api/v1/timeline?organization=" .. states[math.random(#states)] .. "&from=" .. year .. "&to=" .. year .. "&limit=50"
              return wrk.format("GET", path)
            end
            """);
        return path;
    }

    private static async Task<string> CursorAfterAsync(ServerProcess server, string query, int items)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        string? cursor = null;
        for (var seen = 0; seen < items; seen += 500)
        {
            var page = JsonDocument.Parse(await client.GetStringAsync($"{query}&limit=500" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")));
            cursor = page.RootElement.GetProperty("nextCursor").GetString() ?? throw new InvalidOperationException($"The heavy organization has fewer than {items} events.");
        }

        return cursor!;
    }

    private static async Task<ExportResult> ExportAsync(ServerProcess server)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var baseline = server.ResidentBytes();
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.ResidentBytes());
                await Task.Delay(50);
            }
        });

        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync("/api/v1/events/export?format=ndjson", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        Console.WriteLine($"export: {lines} events, {bytes / 1e6:F0} MB in {seconds:F1} s, peak memory growth {(peak - baseline) / 1e6:F1} MB");
        return new ExportResult(lines, bytes, seconds, (peak - baseline) / 1e6);
    }
}
