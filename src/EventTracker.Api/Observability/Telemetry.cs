using EventTracker.Api.Caching;
using EventTracker.Api.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EventTracker.Api.Observability;

/// <summary>
/// OpenTelemetry, only when asked for: with neither <c>Observability:MetricsUrl</c> nor <c>Observability:OtlpEndpoint</c>
/// set nothing is registered (no meter listener, no activity listener), so instruments cost nothing. When on, the hot
/// path pays for one ASP.NET Core instrument (<c>http.server.request.duration</c>: the other Kestrel, routing and
/// diagnostics meters are left out) and the service's own; traces only with an OTLP endpoint.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "eventtracker";
    private const string HostingMeter = "Microsoft.AspNetCore.Hosting";
    private const string RequestDuration = "http.server.request.duration";

    public static IServiceCollection AddEventTrackerMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<EventTrackerMetrics>();
        return services;
    }

    public static IServiceCollection AddEventTrackerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEventTrackerMetrics();
        services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ObservabilityOptions>, ObservabilityOptionsValidator>();

        var options = configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        if (!options.Enabled || new ObservabilityOptionsValidator().Validate(null, options).Failed)
        {
            // Off, or misconfigured: then ValidateOnStart stops the service with the reason before anything listens.
            return services;
        }

        MeteredOutputCacheStore.Decorate(services);
        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(EventTrackerMetrics.MeterName, HostingMeter)
                .AddView(instrument => instrument.Meter.Name == HostingMeter && instrument.Name != RequestDuration ? MetricStreamConfiguration.Drop : null)
                .AddRuntimeInstrumentation()
                .AddStoreMetrics(configuration);
            if (!string.IsNullOrWhiteSpace(options.MetricsUrl))
            {
                metrics.AddPrometheusExporter();
            }

            if (otlp is not null)
            {
                metrics.AddOtlpExporter(exporter => Configure(exporter, otlp, options.OtlpProtocol, "v1/metrics"));
            }
        });

        if (!string.IsNullOrWhiteSpace(options.MetricsUrl))
        {
            services.AddHostedService<MetricsListener>();
        }

        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddStoreTraces(configuration)
                .AddOtlpExporter(exporter => Configure(exporter, otlp, options.OtlpProtocol, "v1/traces")));
        }

        return services;
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, string protocol, string httpPath)
    {
        if (protocol == "http/protobuf")
        {
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + httpPath);
        }
        else
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
        }
    }
}
