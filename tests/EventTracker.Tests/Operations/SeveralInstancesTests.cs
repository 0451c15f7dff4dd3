using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Operations;

/// <summary>
/// Two real API processes on one PostgreSQL database: any instance answers any request,
/// a read that starts after a write was acknowledged — by either — sees it, read cache included; writers spread
/// over both get no 5xx; killing one loses no acknowledged write and the other keeps serving.
/// </summary>
[Trait("Store", "postgres")]
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private readonly TestDatabase? _database = TestStore.IsPostgres ? TestDatabase.Create() : null;
    private RealServer _a = null!;
    private RealServer _b = null!;

    public async Task InitializeAsync()
    {
        if (_database is null)
        {
            return;
        }

        _a = RealServer.OnPostgres(_database.ConnectionString);
        _b = RealServer.OnPostgres(_database.ConnectionString);
        // Started together: both run the migrations, one after the other under the advisory lock.
        await Task.WhenAll(_a.StartAsync(), _b.StartAsync());
    }

    public async Task DisposeAsync()
    {
        if (_database is null)
        {
            return;
        }

        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _database.Dispose();
    }

    private static async Task<long> CreateAsync(HttpClient editor, string path, object body)
    {
        var response = await editor.PostAsJsonAsync(path, body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {json}");
        return json.GetProperty("id").GetInt64();
    }

    private static object Event(string title, string date, long organization, long? answers = null) => new
    {
        type = "expulsion",
        title,
        date,
        participants = new[] { new { organizationId = organization, role = "initiator" } },
        relations = answers is { } target ? new[] { new { type = "responds_to", targetEventId = target } } : null,
    };

    [PostgresFact]
    public async Task AWriteOnOneInstanceIsSeenByTheVeryNextReadOnTheOtherCacheIncluded()
    {
        var editorA = _a.CreateClient(EventTrackerApp.EditorKey);
        var readerB = _b.CreateClient();
        var state = await CreateAsync(editorA, "/api/v1/organizations", new { name = "Shared State", kind = "state", countryCode = "RU" });
        var first = await CreateAsync(editorA, "/api/v1/events", Event("First", "2021-10-06", state));

        // B computes and caches these answers now...
        var timelineUrl = $"/api/v1/timeline?organization={state}";
        var histogramUrl = $"/api/v1/timeline/histogram?organization={state}&interval=day";
        var chainUrl = $"/api/v1/events/{first}/chain";
        Assert.Single((await (await readerB.GetAsync(timelineUrl)).ReadJsonAsync()).GetProperty("items").EnumerateArray());
        await readerB.GetAsync(histogramUrl);
        await readerB.GetAsync(chainUrl);

        // ...A writes, and B's very next reads see it.
        var answer = await CreateAsync(editorA, "/api/v1/events", Event("Answer", "2021-10-08", state, answers: first));

        var timeline = await (await readerB.GetAsync(timelineUrl)).ReadJsonAsync();
        Assert.Equal([first, answer], timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        var histogram = await (await readerB.GetAsync(histogramUrl)).ReadJsonAsync();
        Assert.Equal(2, histogram.GetProperty("total").GetInt64());
        var chain = await (await readerB.GetAsync(chainUrl)).ReadJsonAsync();
        Assert.Equal(2, chain.GetProperty("steps").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await readerB.GetAsync($"/api/v1/events/{answer}")).StatusCode);
    }

    [PostgresFact]
    public async Task SixteenWritersSpreadOverBothInstancesGetNo5xxAndEveryWriteIsStoredOnce()
    {
        var state = await CreateAsync(_a.CreateClient(EventTrackerApp.EditorKey), "/api/v1/organizations",
            new { name = "Busy State", kind = "state", countryCode = "RU" });
        var failures = new List<string>();
        var created = new List<long>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var writers = Enumerable.Range(0, 16).Select(async writer =>
        {
            var client = (writer % 2 == 0 ? _a : _b).CreateClient(EventTrackerApp.EditorKey);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var response = await client.PostAsJsonAsync("/api/v1/events", Event($"Writer {writer} event {i}", "2021-10-06", state));
                var body = await response.Content.ReadAsStringAsync();
                lock (failures)
                {
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        created.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64());
                    }
                    else
                    {
                        failures.Add($"{(int)response.StatusCode}: {body}");
                    }
                }
            }
        });
        await Task.WhenAll(writers);

        Assert.Empty(failures);
        Assert.True(created.Count > 16, $"only {created.Count} writes in 5 s");
        Assert.Equal(created.Count, created.Distinct().Count());
        var all = await (await _b.CreateClient().GetAsync($"/api/v1/timeline?organization={state}&limit=500")).ReadJsonAsync();
        Assert.Equal(Math.Min(500, created.Count), all.GetProperty("items").GetArrayLength());
    }

    [PostgresFact]
    public async Task AFollowerOfTheChangeFeedSeesEveryWriteOfBothInstancesOnceAndEndsWithTheSameData()
    {
        var editors = Enumerable.Range(0, 16).Select(writer => (writer % 2 == 0 ? _a : _b).CreateClient(EventTrackerApp.EditorKey)).ToList();

        await ReplicaScenario.RunAsync(editors, _b.CreateClient(), TimeSpan.FromSeconds(5));
    }

    [PostgresFact]
    public async Task KillingOneInstanceUnderLoadLosesNoAcknowledgedWriteAndTheOtherKeepsServing()
    {
        var state = await CreateAsync(_b.CreateClient(EventTrackerApp.EditorKey), "/api/v1/organizations",
            new { name = "Survivor State", kind = "state", countryCode = "RU" });
        var acknowledged = new List<long>();
        var acknowledgedCount = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(async writer =>
        {
            var client = _a.CreateClient(EventTrackerApp.EditorKey);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var response = await client.PostAsJsonAsync("/api/v1/events", Event($"Before the kill {writer}/{i}", "2021-10-06", state));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var id = (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
                        lock (acknowledged)
                        {
                            acknowledged.Add(id);
                        }

                        Interlocked.Increment(ref acknowledgedCount);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
                {
                    return; // the instance is gone, perhaps half-way through an answer: that write was not acknowledged
                }
            }
        }).ToList();

        // Killed once writes are flowing (however loaded the machine is), in the middle of them.
        for (var waited = 0; waited < 200 && Volatile.Read(ref acknowledgedCount) < 20; waited++)
        {
            await Task.Delay(50);
        }

        await _a.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.NotEmpty(acknowledged);
        var survivor = _b.CreateClient(EventTrackerApp.EditorKey);
        foreach (var id in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await survivor.GetAsync($"/api/v1/events/{id}")).StatusCode);
        }

        await CreateAsync(survivor, "/api/v1/events", Event("After the kill", "2021-10-07", state));
    }
}
