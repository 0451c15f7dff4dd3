using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using EventTracker.Benchmarks;

// dotnet run -c Release --project tests/EventTracker.Benchmarks -- [--quick] [--events N] [--seconds S] [--out DIR]
//   [--provider sqlite|postgres] [--postgres "<Npgsql connection string of a server>"] [--only "<part of scenario names>"]
//   [--data DIR]: keep the generated and imported data set in DIR, and start later runs from a copy of it
//   [--import-only [--second-import]]: just the import of N events (then N more into the filled database)
//   [--overhead [--rounds R]]: the timeline rows with metrics off and on (default 100 000 events, 2 rounds)
string[] valueOptions = ["--events", "--seconds", "--out", "--provider", "--postgres", "--only", "--data", "--generate", "--rounds"];
string[] flags = ["--quick", "--overhead", "--import-only", "--second-import"];
for (var i = 0; i < args.Length; i++)
{
    // A mistyped option would otherwise start the full run: a million events and half an hour of a machine others share.
    if (valueOptions.Contains(args[i]) && i + 1 < args.Length) { i++; continue; }
    if (flags.Contains(args[i])) { continue; }
    Console.Error.WriteLine(args[i] is "--help" or "-h" ? "" : $"unknown or incomplete option: {args[i]}");
    Console.Error.WriteLine("options: " + string.Join(" ", flags) + " " + string.Join(" ", valueOptions.Select(o => o + " VALUE")));
    return args[i] is "--help" or "-h" ? 0 : 2;
}

var quick = args.Contains("--quick");
var options = new BenchOptions(
    args.SkipWhile(a => a != "--provider").Skip(1).FirstOrDefault() ?? "sqlite",
    args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault(),
    args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault(),
    args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault());
var events = Option("--events", quick ? 10_000 : 1_000_000);
var seconds = Option("--seconds", quick ? 2 : 10);
var outputFolder = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine("tests", "EventTracker.Benchmarks", "results");

if (args.SkipWhile(a => a != "--generate").Skip(1).FirstOrDefault() is { } generateTo)
{
    // Just the synthetic data set, to load with "EventTracker.Api import FILE" or POST /api/v1/import.
    Console.WriteLine(SyntheticData.Write(generateTo, events));
    return 0;
}

if (args.Contains("--overhead"))
{
    // What metrics cost: the timeline rows with metrics off and on, alternating, in one run (README, Performance).
    var overhead = await Overhead.RunAsync(Option("--events", 100_000), seconds, Option("--rounds", 2), options);
    Directory.CreateDirectory(outputFolder);
    await File.WriteAllTextAsync(Path.Combine(outputFolder, "overhead" + (options.Provider == "sqlite" ? "" : "-" + options.Provider) + ".md"), overhead);
    Console.WriteLine();
    Console.WriteLine(overhead);
    return 0;
}

if (args.Contains("--import-only"))
{
    // For profiling the import path alone: dotnet-trace collect -- dotnet EventTracker.Benchmarks.dll --import-only --events N
    await DataSetRun.ImportOnlyAsync(events, options, secondImport: args.Contains("--second-import"));
    return 0;
}

var runs = new List<DataSetResult>();
if (!quick && options.Only is null)
{
    // The same first-page query on a small data set, to see how it scales.
    runs.Add(await DataSetRun.RunAsync(10_000, seconds, measureExport: false, allEndpoints: false, options));
}

runs.Add(await DataSetRun.RunAsync(events, seconds, measureExport: true, allEndpoints: true, options));
if (options.Only is not null)
{
    return 0; // some scenarios only: their lines above are the result
}

var report = new BenchmarkReport(DateTimeOffset.UtcNow, quick ? "quick" : "full", Machine() + $"; store: {options.Provider}", seconds, runs);
Directory.CreateDirectory(outputFolder);
var name = (quick ? "quick" : "full") + (options.Provider == "sqlite" ? "" : "-" + options.Provider);
await File.WriteAllTextAsync(Path.Combine(outputFolder, name + ".json"),
    JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
var markdown = report.ToMarkdown();
await File.WriteAllTextAsync(Path.Combine(outputFolder, name + ".md"), markdown);
Console.WriteLine();
Console.WriteLine(markdown);
return 0;

int Option(string option, int fallback) =>
    args.SkipWhile(a => a != option).Skip(1).FirstOrDefault() is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

static string Machine()
{
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
    var memory = File.Exists("/proc/meminfo")
        ? long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024
        : 0;
    return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {memory} GiB RAM, " +
           $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}";
}

/// <summary>Everything one benchmark run measured, with the targets of the benchmark issue.</summary>
internal sealed record BenchmarkReport(DateTimeOffset RanAt, string Mode, string Machine, int SecondsPerEndpoint, IReadOnlyList<DataSetResult> Runs)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var main = Runs[^1];
        text.AppendLine(CultureInfo.InvariantCulture, $"Benchmark ({Mode}), {RanAt:yyyy-MM-dd HH:mm} UTC, {main.Events:N0} events.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine}. wrk on the same machine, 2 threads, 16 connections, {SecondsPerEndpoint} s per endpoint, against the real server on 127.0.0.1 (Production settings, rate limits off).");
        text.AppendLine();
        foreach (var run in Runs)
        {
            var ceiling = run.Endpoints[0].RequestsPerSecond;
            var made = run.ImportReused ? " when the kept data set was made (--data)" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"**{run.Events:N0} events** — import: {run.ImportedRecords:N0} records in {run.ImportSeconds:F1} s ({run.ImportEventsPerSecond:N0} events/s){made}");
            text.AppendLine();
            text.AppendLine("| endpoint | req/s | × /health/live | p50 ms | p90 ms | p99 ms | errors |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var e in run.Endpoints)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {e.Name} | {e.RequestsPerSecond:N0} | {e.RequestsPerSecond / ceiling:P1} | {e.P50Ms:F2} | {e.P90Ms:F2} | {e.P99Ms:F2} | {e.Errors} |");
            }

            if (run.Export is { } export)
            {
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"Export (NDJSON, all events): {export.Events:N0} events, {export.Bytes / 1e6:N0} MB in {export.Seconds:F1} s; peak server memory growth {export.PeakGrowthMegabytes:F1} MB.");
            }

            if (run.MixedLoadResidentMegabytes is { } resident)
            {
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"Server memory (RSS) under the uncached mixed load: {resident.End:N0} MB at its end, peak {resident.Peak:N0} MB.");
            }

            text.AppendLine();
        }

        if (Mode == "full")
        {
            text.AppendLine("| target | measured | met |");
            text.AppendLine("|---|---|---|");
            foreach (var (target, measured, met) in Targets())
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {target} | {measured} | {(met ? "yes" : "**no**")} |");
            }
        }

        return text.ToString();
    }

    private IEnumerable<(string Target, string Measured, bool Met)> Targets()
    {
        var main = Runs[^1];
        WrkResult Find(DataSetResult run, string prefix) => run.Endpoints.First(e => e.Name.StartsWith(prefix, StringComparison.Ordinal));
        var ceiling = Find(main, "health").RequestsPerSecond;
        var first = Find(main, "timeline, first page, heavy organization");
        var firstUncached = Find(main, DataSetRun.FirstPageUncached);
        var deepUncached = main.Endpoints.First(e => e.Name.StartsWith("timeline, deep page", StringComparison.Ordinal) && e.Name.EndsWith("uncached", StringComparison.Ordinal));
        var histogram = Find(main, "histogram");
        var histogramUncached = Find(main, DataSetRun.HistogramUncached);
        var smallUncached = Find(Runs[0], DataSetRun.FirstPageUncached);
        yield return ("first page by organization ≥ 15 % of /health/live req/s", $"{first.RequestsPerSecond / ceiling:P1} (uncached {firstUncached.RequestsPerSecond / ceiling:P1})", first.RequestsPerSecond >= 0.15 * ceiling);
        yield return ("first page by organization p99 ≤ 10 ms", $"{first.P99Ms:F2} ms (uncached {firstUncached.P99Ms:F2} ms)", first.P99Ms <= 10);
        yield return ("deep page within 1.5× of the first page (p50, both uncached)", $"{deepUncached.P50Ms / firstUncached.P50Ms:F2}×", deepUncached.Requests > 0 && deepUncached.P50Ms <= 1.5 * firstUncached.P50Ms);
        yield return ("10 000 vs 1 000 000 events within 2× (first page p50, uncached)", $"{firstUncached.P50Ms / smallUncached.P50Ms:F2}×", firstUncached.P50Ms <= 2 * smallUncached.P50Ms);
        yield return ("histogram p99 ≤ 50 ms", (histogram.Requests == 0 ? "no request finished" : $"{histogram.P99Ms:F2} ms") +
            (histogramUncached.Requests == 0 ? " (uncached: no request finished)" : $" (uncached {histogramUncached.P99Ms:F2} ms)"),
            histogram.Requests > 0 && histogram.P99Ms <= 50);
        var ledger = Find(main, DataSetRun.LedgerUncached);
        var (mixed, mixedUncached, mixedAlone) = (Find(main, DataSetRun.Mixed), Find(main, DataSetRun.MixedUncached), Find(main, DataSetRun.MixedOneConnection));
        var (limitOne, byId, health) = (Find(main, DataSetRun.LimitOneOneConnection), Find(main, DataSetRun.EventByIdOneConnection), Find(main, DataSetRun.HealthOneConnection));
        var share = Machine.Contains("store: postgres", StringComparison.Ordinal) ? 0.10 : 0.15;
        yield return ($"mixed load, no-cache ≥ {share:P0} of /health/live req/s", $"{mixedUncached.RequestsPerSecond / ceiling:P1} (served {mixed.RequestsPerSecond / ceiling:P1})", mixedUncached.RequestsPerSecond >= share * ceiling);
        yield return ("mixed load, served ≥ 20 % of /health/live req/s", $"{mixed.RequestsPerSecond / ceiling:P1}", mixed.RequestsPerSecond >= 0.20 * ceiling);
        yield return ("one connection: mixed page, uncached ≤ 0.8 ms (mean)", $"{1000 / Math.Max(1, mixedAlone.RequestsPerSecond):F2} ms", 1000 / Math.Max(1, mixedAlone.RequestsPerSecond) <= 0.8);
        yield return ("one connection: limit=1, uncached ≤ 0.25 ms (mean)", $"{1000 / Math.Max(1, limitOne.RequestsPerSecond):F2} ms", 1000 / Math.Max(1, limitOne.RequestsPerSecond) <= 0.25);
        yield return ("one connection: event by id ≤ 0.15 ms (mean)", $"{1000 / Math.Max(1, byId.RequestsPerSecond):F2} ms (/health/live {1000 / Math.Max(1, health.RequestsPerSecond):F2} ms)", 1000 / Math.Max(1, byId.RequestsPerSecond) <= 0.15);
        var (histogramAlone, chainAlone) = (Find(main, DataSetRun.HistogramOneConnection), Find(main, DataSetRun.ChainOneConnection));
        yield return ("one connection: monthly histogram of the heavy organization, uncached, ≤ 100 ms (mean)", $"{1000 / Math.Max(0.001, histogramAlone.RequestsPerSecond):F1} ms", histogramAlone.Requests > 0 && 1000 / histogramAlone.RequestsPerSecond <= 100);
        yield return ("one connection: chain, uncached, ≤ 2 ms (mean)", $"{1000 / Math.Max(1, chainAlone.RequestsPerSecond):F2} ms", 1000 / Math.Max(1, chainAlone.RequestsPerSecond) <= 2);
        yield return ("ledger of the two busiest states, uncached, ≤ 200 ms (p50, one connection)", $"{ledger.P50Ms:F2} ms", ledger.Requests > 0 && ledger.P50Ms <= 200);
        var draft = Find(main, DataSetRun.DraftOneConnection);
        yield return ("one connection: draft from a 3 KB article ≤ 5 ms (p50)", $"{draft.P50Ms:F2} ms", draft.Requests > 0 && draft.P50Ms <= 5);
        yield return ("import ≥ 20 000 events/s", $"{main.ImportEventsPerSecond:N0} events/s", main.ImportEventsPerSecond >= 20_000);
        yield return ("export of all events, peak memory growth < 100 MB", $"{main.Export?.PeakGrowthMegabytes:F1} MB", main.Export?.PeakGrowthMegabytes < 100);
    }
}
