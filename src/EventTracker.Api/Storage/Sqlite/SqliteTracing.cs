using System.Diagnostics;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// SQLite commands as trace spans (Microsoft.Data.Sqlite makes none): the <c>EventTracker.Sqlite</c> activity source, one
/// span per statement named after the store operation that runs it. Nothing is created unless traces are exported
/// (<c>Observability:OtlpEndpoint</c>), so a span costs a listener check only.
/// </summary>
public static class SqliteTracing
{
    public const string SourceName = "EventTracker.Sqlite";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartCommand(string? operation, string sql)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var span = Source.StartActivity(operation ?? "sqlite", ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("db.system.name", "sqlite");
            span.SetTag("db.query.text", sql);
        }

        return span;
    }
}
