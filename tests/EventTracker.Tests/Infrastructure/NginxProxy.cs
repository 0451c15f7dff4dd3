using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EventTracker.Tests.Infrastructure;

/// <summary>
/// Debian's nginx (<c>apt-get install nginx-light</c>; .ci/run installs it) as a real reverse proxy in front of a
/// <see cref="RealServer"/>, configured like deploy/nginx.conf. It reaches the service from <see cref="ProxyAddress"/>
/// (<c>proxy_bind</c>), so the service can tell the proxy apart from clients on other loopback addresses. Two
/// listeners: <see cref="PlainAddress"/> forwards the scheme it was reached with (http), <see cref="TlsAddress"/>
/// sends <c>X-Forwarded-Proto: https</c> as a proxy that terminated TLS would. One process (no master, no daemon),
/// stopped on dispose.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string ProxyAddress = "127.0.0.2";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "eventtracker-nginx-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public Uri PlainAddress { get; private set; } = new("http://127.0.0.1");

    public Uri TlsAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>The nginx executable on PATH, or null.</summary>
    public static string? Executable { get; } = FindOnPath("nginx");

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public async Task StartAsync(Uri upstream)
    {
        Directory.CreateDirectory(_folder);
        var plain = FreePort();
        var tls = FreePort();
        PlainAddress = new Uri($"http://127.0.0.1:{plain}");
        TlsAddress = new Uri($"http://127.0.0.1:{tls}");
        var location = (string proto) => $$"""
                    location / {
                        proxy_pass http://{{upstream.Authority}};
                        proxy_bind {{ProxyAddress}};
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto {{proto}};
                    }
            """;
        var config = $$"""
            daemon off;
            master_process off;
            pid {{_folder}}/nginx.pid;
            error_log {{_folder}}/error.log;
            events {}
            http {
                access_log off;
                client_body_temp_path {{_folder}}/body;
                proxy_temp_path {{_folder}}/proxy;
                fastcgi_temp_path {{_folder}}/fastcgi;
                uwsgi_temp_path {{_folder}}/uwsgi;
                scgi_temp_path {{_folder}}/scgi;
                server {
                    listen 127.0.0.1:{{plain}};
            {{location("$scheme")}}
                }
                server {
                    listen 127.0.0.1:{{tls}};
            {{location("https")}}
                }
            }
            """;
        var configPath = Path.Combine(_folder, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config);

        var info = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("nginx is not on PATH"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", configPath, "-p", _folder, "-e", Path.Combine(_folder, "error.log") })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}:\n{ErrorLog}");
            }

            if (Listening(plain) && Listening(tls))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"nginx did not listen:\n{ErrorLog}");
    }

    /// <summary>A client whose connections come from <paramref name="localAddress"/> (a loopback address such as 127.0.0.3).</summary>
    public static HttpClient ClientFrom(string localAddress, Uri baseAddress)
    {
        var local = IPAddress.Parse(localAddress);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellation) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temporary folder is harmless
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>A test that needs nginx: skipped, and said why, when it is not on PATH.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (NginxProxy.Executable is null)
        {
            Skip = "Needs nginx on PATH (Debian: apt-get install nginx-light; .ci/run installs it).";
        }
    }
}
