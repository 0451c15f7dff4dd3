using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace EventTracker.Api.Observability;

/// <summary>
/// Serves <c>/metrics</c> (Prometheus text format) on <c>Observability:MetricsUrl</c> with a Kestrel server of its own:
/// nothing else answers there (404), and the public port has no <c>/metrics</c>. A port that cannot be bound stops the
/// service at start.
/// </summary>
public sealed partial class MetricsListener(IOptions<ObservabilityOptions> options, MeterProvider meterProvider, ILogger<MetricsListener> logger)
    : IHostedService, IAsyncDisposable
{
    public const string Path = "/metrics";

    private WebApplication? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.MetricsUrl!;
        var (address, port) = ObservabilityOptions.ParseMetricsUrl(url, out var error) ?? throw new InvalidOperationException(error);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IMeterFactory, OwnMeters>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (address is null)
            {
                kestrel.ListenLocalhost(port);
            }
            else
            {
                kestrel.Listen(address, port);
            }
        });
        var server = builder.Build();
        server.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider, predicate: null, path: Path, configureBranchedPipeline: null, optionsName: null);
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"Observability:MetricsUrl '{url}' cannot be listened on: {exception.Message}", exception);
        }

        _server = server;
        LogListening(url, Path);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>
    /// The listener's own ASP.NET Core meters under other names: the service's meter provider listens by name, and would
    /// otherwise count every scrape as a request of the service (without a route).
    /// </summary>
    private sealed class OwnMeters : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter("EventTracker.MetricsListener." + options.Name, options.Version);
            lock (_meters)
            {
                _meters.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            lock (_meters)
            {
                _meters.ForEach(meter => meter.Dispose());
                _meters.Clear();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics in Prometheus text format at {Url}{Path}")]
    private partial void LogListening(string url, string path);
}
