using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EventTracker.Benchmarks;

/// <summary>The built service as a real process on 127.0.0.1, in the Production environment.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string ApiKey = "benchmark-key-0123456789";

    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>A reader's key, for the rate-limited server: a client of its own, apart from anonymous ones.</summary>
    public const string ReaderKey = "benchmark-reader-key-0123456789";

    /// <summary>Starts the service; rate limits are off unless <paramref name="rateLimited"/> (then with the shipped defaults).</summary>
    public static async Task<ServerProcess> StartAsync(BenchDatabase database, bool rateLimited = false, IReadOnlyList<string>? settings = null)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "EventTracker.Api.dll"), "--urls", baseAddress.ToString(),
            .. database.ServiceArguments(), "--RateLimits:Enabled=" + (rateLimited ? "true" : "false"),
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:EventTracker.Audit=Warning", .. settings ?? [],
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Auth__ApiKeys__0__Name"] = "benchmark";
        info.Environment["Auth__ApiKeys__0__Key"] = ApiKey;
        info.Environment["Auth__ApiKeys__0__Role"] = "admin";
        info.Environment["Auth__ApiKeys__1__Name"] = "benchmark-reader";
        info.Environment["Auth__ApiKeys__1__Key"] = ReaderKey;
        info.Environment["Auth__ApiKeys__1__Role"] = "reader";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { Console.Error.WriteLine("server: " + line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = baseAddress };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return new ServerProcess(process, baseAddress);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        process.Kill();
        throw new TimeoutException("The server did not become ready.");
    }

    /// <summary>The process's resident memory, from /proc.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>
    /// Waits until the server has stopped working: requests a scenario abandoned (wrk closes its
    /// connections, but a computation already running finishes) must not run into the next scenario.
    /// </summary>
    public async Task WaitUntilIdleAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        var quietWindows = 0;
        while (quietWindows < 2 && DateTime.UtcNow < deadline)
        {
            var before = CpuTicks();
            await Task.Delay(250);
            // Under a fifth of one core for a quarter of a second (100 ticks a second).
            quietWindows = CpuTicks() - before < 5 ? quietWindows + 1 : 0;
        }
    }

    /// <summary>User and system CPU time of the process in clock ticks, from /proc.</summary>
    private long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command name: state is field 3 of the man page, utime 14 and stime 15.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
    }
}
