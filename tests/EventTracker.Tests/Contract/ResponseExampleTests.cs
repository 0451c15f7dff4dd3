using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventTracker.Tests.Import;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Contract;

/// <summary>
/// The response examples in the OpenAPI document are what the service answers on the demo data (with
/// timestamps fixed). To rewrite them after an intended change: <c>UPDATE_OPENAPI=1 dotnet test --filter ResponseExampleTests</c>,
/// then the document itself with <c>--filter OpenApiDocumentTests</c>.
/// </summary>
public sealed class ResponseExampleTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private const string FixedTime = "2021-10-06T12:00:00Z";

    public static TheoryData<string, string> Examples() => new()
    {
        { "GetTimeline", "/api/v1/timeline?organization=1&counterpart=2&from=2021-10&to=2021-10&limit=2" },
        { "GetTimelineHistogram", "/api/v1/timeline/histogram?organization=1&interval=year" },
        { "GetEvent", "/api/v1/events/1" },
        { "ListEvents", "/api/v1/events?limit=1" },
        { "GetEventChain", "/api/v1/events/1/chain" },
        { "GetOrganization", "/api/v1/organizations/1" },
        { "ListOrganizations", "/api/v1/organizations?limit=2" },
        { "GetActor", "/api/v1/actors/1" },
        { "GetSource", "/api/v1/sources/1" },
        { "GetOrganizationHistory", "/api/v1/organizations/1/history" },
        { "ListEventTypes", "/api/v1/event-types" },
        { "GetDyadLedger", "/api/v1/dyads/ledger?a=8&b=2&from=2018-03&to=2018-03" },
        { "GetOrganizationStaffing", "/api/v1/organizations/4/staffing" },
        { "GetEventWave", "/api/v1/events/4/wave" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task TheExampleIsWhatTheDemoDataAnswers(string operationId, string url)
    {
        var answer = WithFixedTimes(JsonNode.Parse((await (await app.CreateClient().GetAsync(url)).ReadJsonAsync()).GetRawText())!);
        var path = Path.Combine(RepositoryRoot.Path, "openapi", "examples", operationId + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, answer.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        Assert.True(File.Exists(path), $"No example for {operationId}; write it with UPDATE_OPENAPI=1.");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(path)), answer),
            $"openapi/examples/{operationId}.json is no longer what {url} answers; rewrite it with UPDATE_OPENAPI=1.");
    }

    [Fact]
    public async Task TheDraftExampleIsWhatTheDemoDataAnswersToTheRequestExample()
    {
        var response = await app.CreateEditorClient().PostAsJsonAsync("/api/v1/drafts", EventTracker.Api.Drafts.DraftsApi.Example);
        var answer = JsonNode.Parse((await response.ReadJsonAsync()).GetRawText())!;
        var path = Path.Combine(RepositoryRoot.Path, "openapi", "examples", "DraftFromArticle.json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, answer.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(path)), answer),
            "openapi/examples/DraftFromArticle.json is no longer what the drafter answers; rewrite it with UPDATE_OPENAPI=1.");
    }

    [Fact]
    public async Task TheDocumentShowsTheExamples()
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var example = document["paths"]!["/api/v1/events/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["example"]!;

        Assert.Equal(1, example["id"]!.GetValue<long>());
        Assert.Equal(FixedTime, example["createdAt"]!.GetValue<string>());
    }

    private const string ExampleCursor = "eyJQIjpbIjIwMjEtMTAtMDYiLCIzIl0sIlEiOiI3QzJFMDQ1RjBBMUI5RDNFIn0Ht0XmLz8pQw";

    private static JsonNode WithFixedTimes(JsonNode node)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (name, value) in json.ToList())
                {
                    json[name] = name is "createdAt" or "updatedAt" or "changedAt" && value is JsonValue ? FixedTime
                        // Cursors are keyed by a secret each database makes for itself: the example shows one of the same shape.
                        : name is "nextCursor" && value is JsonValue ? ExampleCursor
                        : value is null ? null : WithFixedTimes(value.DeepClone());
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = array[i] is { } item ? WithFixedTimes(item.DeepClone()) : null;
                }

                break;
        }

        return node;
    }
}
