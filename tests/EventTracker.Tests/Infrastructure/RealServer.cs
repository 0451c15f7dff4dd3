using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EventTracker.Tests.Infrastructure;

/// <summary>
/// The built service run as a real process on 127.0.0.1 (Kestrel, not the in-memory test host), for
/// tests that kill, signal or load it. The database file outlives the process so it can be restarted.
/// </summary>
public sealed class RealServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private readonly string _connectionString;
    private readonly string _provider;

    public RealServer(string databasePath) =>
        (DatabasePath, _connectionString, _provider) = (databasePath, $"Data Source={databasePath}", "sqlite");

    private RealServer(string provider, string connectionString) =>
        (DatabasePath, _connectionString, _provider) = ("", connectionString, provider);

    /// <summary>A server on a PostgreSQL database, which several servers may share.</summary>
    public static RealServer OnPostgres(string connectionString) => new("postgres", connectionString);

    public string DatabasePath { get; }

    /// <summary>Extra settings for the process, as environment variables (e.g. <c>Seed__Demo</c>).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public string Output => string.Join('\n', _output);

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public static string TempDatabasePath() =>
        Path.Combine(Path.GetTempPath(), "eventtracker-real-" + Guid.NewGuid().ToString("N"), "eventtracker.db");

    public async Task StartAsync()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var info = ApiProcess.StartInfo("--urls", BaseAddress.ToString(), $"--ConnectionStrings:EventTracker={_connectionString}");
        info.Environment["Storage__Provider"] = _provider;
        info.Environment["Auth__ApiKeys__0__Name"] = "real-editor";
        info.Environment["Auth__ApiKeys__0__Key"] = EventTrackerApp.EditorKey;
        info.Environment["Auth__ApiKeys__0__Role"] = "admin";
        info.Environment["RateLimits__Enabled"] = "false";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in Settings)
        {
            info.Environment[name] = value;
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, line) => { if (line.Data is not null) { _output.Enqueue(line.Data); } };
        _process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { _output.Enqueue(line.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The server did not become ready:\n{Output}");
    }

    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public async Task KillAsync()
    {
        _process!.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: a graceful stop.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException("kill -TERM failed");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
