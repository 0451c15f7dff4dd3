using System.Net;
using System.Net.Sockets;
using EventTracker.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EventTracker.Tests.Operations;

public sealed class ObservabilityConfigurationTests
{
    [Theory]
    [InlineData("ftp://0.0.0.0:9464", "is not an http:// URL")]
    [InlineData("http://0.0.0.0", "names no port")]
    [InlineData("http://0.0.0.0:9464/scrape", "has a path")]
    [InlineData("http://metrics.example:9464", "give an IP address")]
    [InlineData("not a url", "is not an http:// URL")]
    public void ABadMetricsUrlStopsTheServiceAtStartNamingIt(string url, string reason)
    {
        using var app = new ConfiguredApp(new() { ["Observability:MetricsUrl"] = url });
        var failure = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains($"Observability:MetricsUrl '{url}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMetricsPortThatIsTakenStopsTheServiceAtStartNamingIt()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var app = new ConfiguredApp(new() { ["Observability:MetricsUrl"] = $"http://127.0.0.1:{port}" });
        var failure = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains($"Observability:MetricsUrl 'http://127.0.0.1:{port}' cannot be listened on", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Observability:OtlpEndpoint", "collector:4317", "is not an http:// or https:// URL")]
    [InlineData("Observability:TraceSampleRatio", "1.5", "is not between 0 and 1")]
    [InlineData("Observability:OtlpProtocol", "udp", "is neither grpc nor http/protobuf")]
    public void BadOtlpSettingsStopTheServiceAtStartNamingThem(string key, string value, string reason)
    {
        using var app = new ConfiguredApp(new() { ["Observability:OtlpEndpoint"] = "http://127.0.0.1:4317", [key] = value });
        var failure = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    private sealed class ConfiguredApp(Dictionary<string, string?> settings) : EventTrackerApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => settings;
    }
}
