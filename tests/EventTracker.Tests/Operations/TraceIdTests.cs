using System.Net;
using System.Net.Http.Json;
using EventTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EventTracker.Tests.Operations;

/// <summary>The published configuration (JSON logs) in a real process, on whichever store the suite runs.</summary>
public sealed class TraceIdLogTests : IAsyncLifetime
{
    private readonly TestDatabase? _database = TestStore.IsPostgres ? TestDatabase.Create() : null;
    private RealServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = _database is null ? new RealServer(RealServer.TempDatabasePath()) : RealServer.OnPostgres(_database.ConnectionString);
        _server.Settings["Logging__Console__FormatterName"] = "json";
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database?.Dispose();
    }

    [Fact]
    public async Task TheJsonLogLinesOfARequestCarryTheW3CTraceIdItsProblemNames()
    {
        using var client = _server.CreateClient(EventTrackerApp.EditorKey);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations") { Content = JsonContent.Create(new { name = "No kind" }) };
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        var problem = await (await client.SendAsync(request)).ReadJsonAsync();
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", problem.GetProperty("traceId").GetString());

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? audit = null;
        while (audit is null && DateTime.UtcNow < deadline)
        {
            audit = _server.Output.Split('\n').FirstOrDefault(line => line.Contains("EventTracker.Audit", StringComparison.Ordinal) && line.Contains("answered 400", StringComparison.Ordinal));
            await Task.Delay(50);
        }

        Assert.NotNull(audit);
        Assert.StartsWith("{", audit, StringComparison.Ordinal);
        Assert.Contains("\"TraceId\":\"0af7651916cd43dd8448eb211c80319c\"", audit, StringComparison.Ordinal);
    }
}

public sealed class OtlpExportTests
{
    [Fact]
    public async Task TheTraceOfARequestIsExportedOverOtlpUnderTheTraceIdItsProblemNames()
    {
        await using var collector = await FakeCollector.StartAsync();
        const string traceId = "5b8efff798038103d269b633813fc60c";
        var app = new OtlpApp(collector.Endpoint);
        try
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timeline?from=2021");
            request.Headers.Add("traceparent", $"00-{traceId}-eee19b7ec3c1b174-01");
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(request)).StatusCode);
            var bogus = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timeline?bogus=1");
            bogus.Headers.Add("traceparent", $"00-{traceId}-eee19b7ec3c1b174-01");
            Assert.Equal(traceId, (await (await app.CreateClient().SendAsync(bogus)).ReadJsonAsync()).GetProperty("traceId").GetString());
            // Spans leave in batches (every 200 ms here); a request's span ends just after its client has the answer.
            for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(200))
            {
                if (collector.Received("/v1/traces").Any(body => Contains(body, Convert.FromHexString(traceId))))
                {
                    break;
                }
            }
        }
        finally
        {
            // Stopping the service flushes the spans it has not sent yet.
            app.Dispose();
        }

        var storeSource = System.Text.Encoding.UTF8.GetBytes(TestStore.IsPostgres ? "Npgsql" : "EventTracker.Sqlite");
        var traces = collector.Received("/v1/traces");
        // The request's spans, and the store's (our own SQLite source, or Npgsql's), under the caller's trace id.
        Assert.Contains(traces, body => Contains(body, Convert.FromHexString(traceId)));
        Assert.Contains(traces, body => Contains(body, storeSource));
    }

    private static bool Contains(byte[] body, byte[] part) => body.AsSpan().IndexOf(part) >= 0;

    private sealed class OtlpApp(Uri collector) : EventTrackerApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            new("Observability:OtlpEndpoint", collector.ToString()),
            new("Observability:OtlpProtocol", "http/protobuf"),
            // OpenTelemetry's own setting: send a batch of spans every 200 ms instead of every 5 s.
            new("OTEL_BSP_SCHEDULE_DELAY", "200"),
        ];
    }

    /// <summary>An OTLP/HTTP receiver that keeps every body posted to it.</summary>
    private sealed class FakeCollector : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Builder.WebApplication _server;
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Path, byte[] Body)> _received = new();

        private FakeCollector(Microsoft.AspNetCore.Builder.WebApplication server, Uri endpoint) => (_server, Endpoint) = (server, endpoint);

        public Uri Endpoint { get; }

        public static async Task<FakeCollector> StartAsync()
        {
            var port = RealServer.FreePort();
            var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var server = builder.Build();
            var collector = new FakeCollector(server, new Uri($"http://127.0.0.1:{port}"));
            Microsoft.AspNetCore.Builder.RunExtensions.Run(server, async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector._received.Enqueue((context.Request.Path.Value ?? "", body.ToArray()));
                context.Response.ContentType = "application/x-protobuf";
            });
            await server.StartAsync();
            return collector;
        }

        public List<byte[]> Received(string path) => _received.Where(item => item.Path == path).Select(item => item.Body).ToList();

        public async ValueTask DisposeAsync() => await _server.DisposeAsync();
    }
}
