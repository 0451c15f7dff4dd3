using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EventTracker.Benchmarks;

/// <summary>One wrk run: requests per second and latency percentiles.</summary>
public sealed record WrkResult(string Name, string Request, double RequestsPerSecond, double P50Ms, double P90Ms, double P99Ms, long Requests, long Errors);

/// <summary>Runs wrk (installed by the benchmark script when missing) and reads its report.</summary>
public static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(string name, Uri url, int connections, int seconds, string? luaScript = null, string? describe = null)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { $"-t{Math.Min(2, connections)}", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s" })
        {
            info.ArgumentList.Add(argument);
        }

        if (luaScript is not null)
        {
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add(luaScript);
        }

        info.ArgumentList.Add(url.ToString());
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start; install it with apt-get install wrk");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed: {await process.StandardError.ReadToEndAsync()}\n{output}");
        }

        double Percentile(string p) => Milliseconds(Regex.Match(output, $@"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline));
        var requests = long.Parse(RequestsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var errorsMatch = NonSuccessLine().Match(output);
        var socketErrors = SocketErrorsLine().Match(output);
        var errors = (errorsMatch.Success ? long.Parse(errorsMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 0) +
                     (socketErrors.Success ? socketErrors.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0);
        return new WrkResult(
            name,
            describe ?? url.PathAndQuery,
            double.Parse(RequestsPerSecondLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile("50"), Percentile("90"), Percentile("99"),
            requests, errors);
    }

    private static double Milliseconds(Match match)
    {
        if (!match.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
