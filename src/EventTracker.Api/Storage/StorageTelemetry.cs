using EventTracker.Api.Storage.Sqlite;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EventTracker.Api.Storage;

/// <summary>The store's part of the telemetry: Npgsql's metrics and spans on PostgreSQL, our own SQLite command spans on SQLite.</summary>
public static class StorageTelemetry
{
    public static MeterProviderBuilder AddStoreMetrics(this MeterProviderBuilder metrics, IConfiguration configuration) =>
        IsPostgres(configuration) ? metrics.AddNpgsqlInstrumentation() : metrics;

    public static TracerProviderBuilder AddStoreTraces(this TracerProviderBuilder tracing, IConfiguration configuration) =>
        IsPostgres(configuration) ? tracing.AddNpgsql() : tracing.AddSource(SqliteTracing.SourceName);

    private static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration[$"{StorageOptions.Section}:Provider"], StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase);
}
