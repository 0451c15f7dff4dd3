using System.Text.Json;
using System.Text.Json.Nodes;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Foundation;

/// <summary>
/// The committed openapi/openapi.json must equal what the service serves. To rewrite it after an
/// intended change: <c>UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocumentTests</c>.
/// </summary>
public sealed class OpenApiDocumentTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private static readonly string CommittedPath = Path.Combine(RepositoryRoot.Path, "openapi", "openapi.json");

    private async Task<string> ServedDocumentAsync()
    {
        // Fetched as from the default address, so that the server the document names is the committed default.
        using var client = app.CreateClient();
        client.BaseAddress = new Uri(Api.OpenApi.DocumentOrderFilter.DefaultServer);
        var served = await client.GetStringAsync("/swagger/v1/swagger.json");
        return JsonNode.Parse(served)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    [Fact]
    public async Task ServedDocumentMatchesTheCommittedCopy()
    {
        var served = await ServedDocumentAsync();
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, served);
        }

        var committed = File.Exists(CommittedPath) ? await File.ReadAllTextAsync(CommittedPath) : "";
        Assert.True(served == committed,
            "openapi/openapi.json is out of date. Rewrite it with: UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocumentTests");
    }

    [Fact]
    public async Task DocumentDescribesTheApiKeySchemeAndProblemDetails()
    {
        var document = JsonNode.Parse(await ServedDocumentAsync())!;
        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", scheme["type"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", scheme["name"]!.GetValue<string>());
        Assert.Equal("header", scheme["in"]!.GetValue<string>());
        var problem = document["components"]!["schemas"]!["ProblemDetails"]!;
        Assert.NotNull(problem["properties"]!["traceId"]);
        Assert.False(string.IsNullOrWhiteSpace(document["info"]!["description"]!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryOperationHasAnIdSummaryTagsAndAnErrorResponse()
    {
        var document = JsonNode.Parse(await ServedDocumentAsync())!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Path: path.Key, Operation: operation.Value!)))
            .ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, entry =>
        {
            Assert.False(string.IsNullOrEmpty(entry.Operation["operationId"]?.GetValue<string>()), entry.Path);
            Assert.False(string.IsNullOrEmpty(entry.Operation["summary"]?.GetValue<string>()), entry.Path);
            Assert.NotEmpty(entry.Operation["tags"]!.AsArray());
            Assert.Contains(entry.Operation["responses"]!.AsObject(), response => response.Key.StartsWith('4') || response.Key.StartsWith('5'));
        });
    }

    [Fact]
    public async Task SwaggerUiIsServed()
    {
        var response = await app.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/organizations")]
    [InlineData("/api/v1/actors")]
    [InlineData("/api/v1/sources")]
    [InlineData("/api/v1/events")]
    public async Task ResourceOperationsDocumentTheirErrorsAndShowAnExampleBody(string collection)
    {
        var paths = JsonNode.Parse(await ServedDocumentAsync())!["paths"]!;
        static IEnumerable<string> Codes(JsonNode operation) => operation["responses"]!.AsObject().Select(r => r.Key);

        var create = paths[collection]!["post"]!;
        Assert.Superset(new HashSet<string> { "201", "400", "401", "403", "409", "413", "415" }, Codes(create).ToHashSet());
        Assert.NotNull(create["requestBody"]!["content"]!["application/json"]!["example"]);
        Assert.True(create["requestBody"]!["required"]!.GetValue<bool>());

        var item = paths[collection + "/{id}"]!;
        Assert.Superset(new HashSet<string> { "200", "304", "404" }, Codes(item["get"]!).ToHashSet());
        Assert.Superset(new HashSet<string> { "200", "400", "401", "403", "404", "409", "412" }, Codes(item["put"]!).ToHashSet());
        Assert.Superset(new HashSet<string> { "204", "401", "403", "404", "409", "412" }, Codes(item["delete"]!).ToHashSet());
        Assert.NotNull(item["put"]!["requestBody"]!["content"]!["application/json"]!["example"]);
        Assert.All(new[] { item["put"]!, item["delete"]!, create }, op => Assert.NotNull(op["security"]));
        Assert.Null(item["get"]!["security"]);
        Assert.Superset(new HashSet<string> { "200", "400" }, Codes(paths[collection]!["get"]!).ToHashSet());
        Assert.Superset(new HashSet<string> { "200", "404" }, Codes(paths[collection + "/{id}/history"]!["get"]!).ToHashSet());
    }
}
