using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Operations;

/// <summary>The app with its Prometheus listener on a free port of 127.0.0.1, and a bulk budget of one a minute.</summary>
public sealed class MeteredEventTrackerApp : EventTrackerApp
{
    public int MetricsPort { get; } = RealServer.FreePort();

    public Uri MetricsUrl => new($"http://127.0.0.1:{MetricsPort}/metrics");

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Observability:MetricsUrl", $"http://127.0.0.1:{MetricsPort}"),
        new("RateLimits:Bulk:PermitLimit", "1"),
    ];
}

public sealed partial class ObservabilityTests(MeteredEventTrackerApp app) : IClassFixture<MeteredEventTrackerApp>
{
    private static readonly HttpClient Scraper = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task TheMetricsListenerAnswersInPrometheusTextWithTheNamedInstrumentsAfterRequests()
    {
        var client = app.CreateClient();
        var editor = app.CreateEditorClient();
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync("/api/v1/organizations", new { name = "Metered", kind = "other" })).StatusCode);
        await client.GetAsync("/api/v1/timeline?from=2021");
        await client.GetAsync("/api/v1/timeline?from=2021");
        await app.ImportAsync([Line(new { kind = "organization", externalId = Unique("metered"), name = "Imported", organizationKind = "other" })]);
        // The bulk budget is 1 a minute: the second export is refused.
        await client.GetAsync("/api/v1/events/export?format=ndjson");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/events/export?format=ndjson")).StatusCode);

        // A long poll at the end of the feed is held while the scrapes happen.
        var end = (await (await client.GetAsync("/api/v1/changes")).ReadJsonAsync()).GetProperty("nextCursor").GetString();
        var held = client.GetAsync($"/api/v1/changes?after={Uri.EscapeDataString(end!)}&wait=15");

        var store = TestStore.IsPostgres ? "postgresql" : "sqlite";
        Regex[] expected =
        [
            Sample("http_server_request_duration_seconds_count", "http_route=\"/api/v1/timeline/\""),
            Sample("http_server_request_duration_seconds_count", "http_response_status_code=\"429\""),
            Sample("eventtracker_read_cache_hits_total"),
            Sample("eventtracker_read_cache_misses_total"),
            Sample("eventtracker_read_cache_stored_bytes_total"),
            Sample("eventtracker_data_version"),
            Sample("eventtracker_db_operation_duration_seconds_count", $"db_system_name=\"{store}\",operation=\"TimelineStore.Open\""),
            Sample("eventtracker_db_operation_duration_seconds_count", $"db_system_name=\"{store}\",operation=\"{(TestStore.IsPostgres ? "Postgres" : "Sqlite")}Store.BeginWrite\""),
            Sample("eventtracker_rate_limit_rejections_total", "policy=\"bulk\""),
            Sample("eventtracker_long_polls_held"),
            Sample("eventtracker_change_feed_position"),
            Sample("eventtracker_import_lines_total", "outcome=\"imported\""),
            Sample("dotnet_gc_heap_total_allocated_bytes_total"),
        ];
        // A request is counted as it ends, which may be just after its client has the answer: scrape until all are there.
        var (scrape, text) = (await ScrapeAsync(), "");
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; scrape = await ScrapeAsync())
        {
            text = await scrape.Content.ReadAsStringAsync();
            if (expected.All(sample => sample.IsMatch(text)))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }

        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        Assert.All(expected, sample => Assert.Matches(sample, text));
        await editor.PostAsJsonAsync("/api/v1/organizations", new { name = "Wakes the poll", kind = "other" });
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);

        // Scrapes are not the service's requests: the listener's own ASP.NET Core instruments are on meters of its own.
        var meters = new System.Collections.Concurrent.ConcurrentBag<string>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Name == "http.server.request.duration")
                {
                    meters.Add(instrument.Meter.Name);
                }
            };
            listener.Start();
        }

        Assert.Contains("EventTracker.MetricsListener.Microsoft.AspNetCore.Hosting", meters);
    }

    [Fact]
    public async Task ThePublicPortAnswers404ForMetricsAndTheMetricsListenerServesNothingElse()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateAdminClient().GetAsync("/metrics")).StatusCode);

        await ScrapeAsync();
        var other = await Scraper.GetAsync(new Uri(app.MetricsUrl, "/api/v1/timeline"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Scraper.GetAsync(new Uri(app.MetricsUrl, "/health/live"))).StatusCode);
    }

    [Fact]
    public async Task AProblemsTraceIdIsTheRequestsW3CTraceId()
    {
        var plain = await (await app.CreateClient().GetAsync("/api/v1/timeline?bogus=1")).ReadJsonAsync();
        Assert.Matches("^[0-9a-f]{32}$", plain.GetProperty("traceId").GetString());

        // A caller's traceparent continues its trace: the problem names that trace, as the exported spans do.
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timeline?bogus=1");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        var continued = await (await app.CreateClient().SendAsync(request)).ReadJsonAsync();
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", continued.GetProperty("traceId").GetString());
    }

    private async Task<HttpResponseMessage> ScrapeAsync()
    {
        // The exporter caches a scrape for a moment: a second one later sees the requests above.
        var scrape = await Scraper.GetAsync(app.MetricsUrl);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        return scrape;
    }

    private static Regex Sample(string name, string labels = "") =>
        new($"(?m)^{Regex.Escape(name)}\\{{[^}}\\n]*{Regex.Escape(labels)}[^}}\\n]*\\}} [1-9][0-9.e+]*");
}
