using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Import;

/// <summary>
/// The differential test: every body of <see cref="ImportErrorCorpus"/> is sent to its resource's POST and, as one line of an
/// import, to /api/v1/import. A body the API refuses must fail on its own line of the import with the same JSON paths and
/// messages; a body the API accepts must be imported.
/// </summary>
public sealed class ImportMatchesApiErrorsTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public Task OrganizationLinesFailWithTheApisErrors() => CompareAsync("organization", "/api/v1/organizations", ImportErrorCorpus.Organizations);

    [Fact]
    public Task ActorLinesFailWithTheApisErrors() => CompareAsync("actor", "/api/v1/actors", ImportErrorCorpus.Actors);

    [Fact]
    public Task SourceLinesFailWithTheApisErrors() => CompareAsync("source", "/api/v1/sources", ImportErrorCorpus.Sources);

    [Fact]
    public Task EventLinesFailWithTheApisErrors() => CompareAsync("event", "/api/v1/events", ImportErrorCorpus.Events);

    private async Task CompareAsync(string kind, string path, string[] corpus)
    {
        var bodies = Fill(corpus, await StoredRecordsAsync());
        var client = app.CreateEditorClient();
        var expected = new List<SortedDictionary<string, string[]>?>();
        foreach (var body in bodies)
        {
            var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            expected.Add(response.StatusCode == HttpStatusCode.Created ? null : ErrorsOf(await response.ReadJsonAsync(), response.StatusCode));
        }

        Assert.Contains(expected, errors => errors is null);
        Assert.Contains(expected, errors => errors is not null);

        var prefix = Unique(kind);
        var report = await app.ImportAsync(bodies.Select((body, i) => AsLine(kind, $"{prefix}:{i}", body)));
        var failures = report.GetProperty("failures").EnumerateArray()
            .ToDictionary(failure => failure.GetProperty("line").GetInt32(), failure => Sorted(failure.GetProperty("errors")));
        Assert.Equal(0, report.GetProperty("failuresOmitted").GetInt32());
        for (var i = 0; i < bodies.Count; i++)
        {
            var line = i + 1;
            var because = $"line {line}: {bodies[i][..Math.Min(200, bodies[i].Length)]}";
            if (expected[i] is null)
            {
                Assert.False(failures.ContainsKey(line), $"{because} was created by the API but failed in the import: {Show(failures.GetValueOrDefault(line))}");
            }
            else
            {
                Assert.True(failures.ContainsKey(line), $"{because} was refused by the API ({Show(expected[i])}) but imported");
                Assert.True(Show(expected[i]) == Show(failures[line]), $"{because}\n  API:    {Show(expected[i])}\n  import: {Show(failures[line])}");
            }
        }

        Assert.Equal(expected.Count(errors => errors is not null), report.GetProperty("failed").GetInt32());
    }

    /// <summary>The import line for an API body: the record kind and external id added, an organization's own kind renamed.</summary>
    private static string AsLine(string kind, string externalId, string body)
    {
        var line = (JsonObject)JsonNode.Parse(body)!;
        if (kind == "organization" && line.Remove("kind", out var organizationKind))
        {
            line["organizationKind"] = organizationKind;
        }

        var result = new JsonObject { ["kind"] = kind, ["externalId"] = externalId };
        foreach (var (name, value) in line.ToList())
        {
            line.Remove(name);
            result[name] = value;
        }

        return result.ToJsonString();
    }

    /// <summary>A refusal's errors by JSON path; one without an errors map is its detail at "$", as the import reports it.</summary>
    private static SortedDictionary<string, string[]> ErrorsOf(JsonElement problem, HttpStatusCode status)
    {
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, $"{(int)status}: {problem}");
        return problem.TryGetProperty("errors", out var errors)
            ? Sorted(errors)
            : new SortedDictionary<string, string[]>(StringComparer.Ordinal) { ["$"] = [problem.GetProperty("detail").GetString()!] };
    }

    private static SortedDictionary<string, string[]> Sorted(JsonElement errors) =>
        new(errors.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray()), StringComparer.Ordinal);

    private static string Show(SortedDictionary<string, string[]>? errors) =>
        errors is null ? "(none)" : string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}"));

    internal static List<string> Fill(string[] corpus, IReadOnlyDictionary<string, string> values)
    {
        static string Texts(int count, Func<int, string> item) => "[" + string.Join(",", Enumerable.Range(0, count).Select(item)) + "]";
        var all = new Dictionary<string, string>(values)
        {
            ["{aliases101}"] = Texts(101, i => $"\"alias {i}\""),
            ["{tags51}"] = Texts(51, i => $"\"tag{i}\""),
            ["{affiliations101}"] = Texts(101, _ => $"{{\"organizationId\":{values["{org}"]}}}"),
            ["{participants101}"] = Texts(101, _ => $"{{\"organizationId\":{values["{org}"]},\"role\":\"target\"}}"),
            ["{quantities101}"] = Texts(101, _ => "{\"kind\":\"accreditations_withdrawn\",\"value\":1}"),
        };
        foreach (var length in new[] { 65, 301, 501, 2001, 2049, 10001 })
        {
            all[$"{{s{length}}}"] = new string('x', length);
        }

        return corpus.Select(body => all.Aggregate(body, (text, pair) => text.Replace(pair.Key, pair.Value, StringComparison.Ordinal))).ToList();
    }

    private async Task<IReadOnlyDictionary<string, string>> StoredRecordsAsync()
    {
        var client = app.CreateEditorClient();
        async Task<long> CreateAsync(string path, object body)
        {
            var response = await client.PostAsJsonAsync(path, body);
            var created = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToString());
            return created.GetProperty("id").GetInt64();
        }

        var url = $"https://example.org/{Guid.NewGuid():N}";
        var organization = await CreateAsync("/api/v1/organizations", new { name = "Corpus state", kind = "state", countryCode = "BE" });
        var deleted = await CreateAsync("/api/v1/organizations", new { name = "Corpus gone", kind = "alliance" });
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/organizations/{deleted}")).StatusCode);
        return new Dictionary<string, string>
        {
            ["{org}"] = organization.ToString(),
            ["{deleted}"] = deleted.ToString(),
            ["{actor}"] = (await CreateAsync("/api/v1/actors", new { name = "Corpus speaker" })).ToString(),
            ["{source}"] = (await CreateAsync("/api/v1/sources", new { title = "Corpus source", url })).ToString(),
            ["{event}"] = (await CreateAsync("/api/v1/events", new
            {
                type = "accreditation_withdrawal", title = "Corpus target", date = "2021-10-06", status = "completed",
                participants = new[] { new { organizationId = organization, role = "initiator" } },
            })).ToString(),
            ["{missing}"] = "987654321",
            ["{url}"] = url,
        };
    }
}
