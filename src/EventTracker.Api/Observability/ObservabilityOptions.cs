using Microsoft.Extensions.Options;

namespace EventTracker.Api.Observability;

/// <summary>The <c>Observability</c> configuration section. Neither URL set: no telemetry at all, not even listeners.</summary>
public sealed partial class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Where a listener of its own serves <c>/metrics</c> in Prometheus text format, e.g. <c>http://0.0.0.0:9464</c>.</summary>
    public string? MetricsUrl { get; set; }

    /// <summary>An OTLP collector (<c>http://collector:4317</c>, gRPC) that receives traces and metrics.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The share of requests whose traces are kept, 0 to 1 (a request that arrives sampled stays sampled).</summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    public bool Enabled => !string.IsNullOrWhiteSpace(MetricsUrl) || !string.IsNullOrWhiteSpace(OtlpEndpoint);

    /// <summary>The metrics listener's address (null: localhost) and port, or the reason <see cref="MetricsUrl"/> cannot be listened on.</summary>
    public static (System.Net.IPAddress? Address, int Port)? ParseMetricsUrl(string url, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            error = $"Observability:MetricsUrl '{url}' is not an http:// URL such as http://0.0.0.0:9464.";
            return null;
        }

        var authority = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('/')[0];
        if (!ExplicitPort().IsMatch(authority))
        {
            error = $"Observability:MetricsUrl '{url}' names no port; give one, e.g. http://0.0.0.0:9464.";
            return null;
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            error = $"Observability:MetricsUrl '{url}' has a path; give only scheme, host and port (metrics are served at /metrics there).";
            return null;
        }

        if (uri.IsLoopback && !System.Net.IPAddress.TryParse(uri.DnsSafeHost, out _))
        {
            return (null, uri.Port);
        }

        if (!System.Net.IPAddress.TryParse(uri.DnsSafeHost, out var address))
        {
            error = $"Observability:MetricsUrl '{url}' names a host; give an IP address to listen on (0.0.0.0 or [::] for every one) or localhost.";
            return null;
        }

        return (address, uri.Port);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@":[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex ExplicitPort();
}

public sealed class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, ObservabilityOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.MetricsUrl) && ObservabilityOptions.ParseMetricsUrl(options.MetricsUrl, out var error) is null)
        {
            failures.Add(error!);
        }

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) &&
            (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var otlp) || (otlp.Scheme != Uri.UriSchemeHttp && otlp.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"Observability:OtlpEndpoint '{options.OtlpEndpoint}' is not an http:// or https:// URL such as http://collector:4317.");
        }

        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            failures.Add($"Observability:OtlpProtocol '{options.OtlpProtocol}' is neither grpc nor http/protobuf.");
        }

        if (options.TraceSampleRatio is < 0 or > 1 || double.IsNaN(options.TraceSampleRatio))
        {
            failures.Add($"Observability:TraceSampleRatio {options.TraceSampleRatio} is not between 0 and 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
