using System.Text.Json.Nodes;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Contract;

/// <summary>What a client generated from the document needs, read from the document the service serves.</summary>
public sealed class OpenApiContractTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private JsonNode? _document;

    private async Task<JsonNode> DocumentAsync() =>
        _document ??= JsonNode.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;

    private async Task<JsonNode> SchemaAsync(string name) => (await DocumentAsync())["components"]!["schemas"]![name]!;

    private async Task<JsonNode> OperationAsync(string path, string method) => (await DocumentAsync())["paths"]![path]![method]!;

    private static HashSet<string> Required(JsonNode schema) =>
        (schema["required"]?.AsArray() ?? []).Select(name => name!.GetValue<string>()).ToHashSet();

    private static bool Nullable(JsonNode property) => property["nullable"]?.GetValue<bool>() == true;

    [Fact]
    public async Task ARequestRequiresWhatTheServiceRequiresAndNoMore()
    {
        var request = await SchemaAsync("EventRequest");

        Assert.Equal(["date", "title", "type"], Required(request).Order());
        Assert.All(Required(request), name => Assert.False(Nullable(request["properties"]![name]!), name));
        Assert.True(Nullable(request["properties"]!["summary"]!));
        Assert.Equal(["kind", "name"], Required(await SchemaAsync("OrganizationRequest")).Order());
        Assert.Equal(["organizationId"], Required(await SchemaAsync("AffiliationRequest")).Order());
    }

    [Fact]
    public async Task AResponseRequiresEveryMemberAndAllowsNullExactlyWhereTheServiceSendsIt()
    {
        var response = await SchemaAsync("EventResponse");
        var properties = response["properties"]!.AsObject();

        Assert.Equal(properties.Select(p => p.Key).Order(), Required(response).Order());
        Assert.True(Nullable(properties["endDatePrecision"]!));
        Assert.True(Nullable(properties["location"]!));
        Assert.True(Nullable(properties["status"]!));
        Assert.False(Nullable(properties["id"]!));
        Assert.False(Nullable(properties["title"]!));
        Assert.False(Nullable(properties["datePrecision"]!));
        Assert.True(Nullable((await SchemaAsync("OrganizationResponse"))["properties"]!["parent"]!));
    }

    [Theory]
    [InlineData("EventResponse", "status", "EventStatus")]
    [InlineData("EventRequest", "status", "EventStatus")]
    [InlineData("EventResponse", "location", "LocationResponse")]
    [InlineData("CitationRequest", "claim", "CitationClaim")]
    public async Task ANullableReferenceKeepsItsTypeForGenerators(string schema, string property, string target)
    {
        // allOf: [$ref] with nullable and no type of its own: a type beside it makes Kiota generate the bare type instead.
        var member = (await SchemaAsync(schema))["properties"]![property]!;

        Assert.Equal($"#/components/schemas/{target}", member["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Null(member["type"]);
        Assert.True(Nullable(member));
    }

    [Theory]
    [InlineData("/api/v1/timeline", "status", "announced,in_effect,completed,cancelled")]
    [InlineData("/api/v1/timeline", "order", "asc,desc")]
    [InlineData("/api/v1/timeline/histogram", "interval", "day,week,month,year")]
    [InlineData("/api/v1/events/export", "format", "csv,ndjson")]
    public async Task FixedVocabulariesOfQueryParametersAreEnums(string path, string parameter, string values)
    {
        var found = (await OperationAsync(path, "get"))["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == parameter)!;
        var schema = found["schema"]!["items"] ?? found["schema"]!;

        Assert.Equal(values.Split(','), schema["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Theory]
    [InlineData("RevisionAction", "created,updated,deleted")]
    [InlineData("ParticipantKind", "organization,actor")]
    [InlineData("HealthStatus", "live,ready")]
    public async Task FixedVocabulariesOfResponsesAreEnums(string schema, string values) =>
        Assert.Equal(values.Split(','), (await SchemaAsync(schema))["enum"]!.AsArray().Select(v => v!.GetValue<string>()));

    [Fact]
    public async Task ConditionalRequestsAndTheirHeadersAreDeclared()
    {
        var get = await OperationAsync("/api/v1/organizations/{id}", "get");
        var put = await OperationAsync("/api/v1/organizations/{id}", "put");
        var post = await OperationAsync("/api/v1/organizations", "post");
        var timeline = await OperationAsync("/api/v1/timeline", "get");

        static IEnumerable<string> HeaderParameters(JsonNode operation) =>
            operation["parameters"]!.AsArray().Where(p => p!["in"]!.GetValue<string>() == "header").Select(p => p!["name"]!.GetValue<string>());

        Assert.Contains("If-None-Match", HeaderParameters(get));
        Assert.NotNull(get["responses"]!["304"]);
        Assert.NotNull(get["responses"]!["200"]!["headers"]!["ETag"]);
        Assert.Contains("If-Match", HeaderParameters(put));
        Assert.NotNull(put["responses"]!["200"]!["headers"]!["ETag"]);
        Assert.NotNull(post["responses"]!["201"]!["headers"]!["Location"]);
        Assert.NotNull(post["responses"]!["429"]!["headers"]!["Retry-After"]);
        Assert.Contains("If-None-Match", HeaderParameters(timeline));
        Assert.NotNull(timeline["responses"]!["304"]);
    }

    [Theory]
    [InlineData("organizations", "Organization")]
    [InlineData("actors", "Actor")]
    [InlineData("sources", "Source")]
    [InlineData("events", "Event")]
    public async Task AHistorySnapshotHasTheResourcesOwnSchema(string collection, string resource)
    {
        var history = (await OperationAsync($"/api/v1/{collection}/{{id}}/history", "get"))["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var revision = await SchemaAsync($"{resource}Revision");

        Assert.Equal($"#/components/schemas/{resource}History", history["$ref"]!.GetValue<string>());
        var snapshot = revision["properties"]!["snapshot"]!;
        Assert.Equal($"#/components/schemas/{resource}Response", (snapshot["$ref"] ?? snapshot["allOf"]![0]!["$ref"])!.GetValue<string>());
        Assert.False(snapshot["nullable"]?.GetValue<bool>() ?? false);
    }

    [Fact]
    public async Task ProblemsDeclareTheMembersTheServiceSends()
    {
        var delete = await OperationAsync("/api/v1/organizations/{id}", "delete");
        var conflict = (await SchemaAsync("ConflictProblem"))["properties"]!.AsObject();
        var stale = await SchemaAsync("PreconditionFailedProblem");
        var validation = await SchemaAsync("HttpValidationProblemDetails");
        var problem = await SchemaAsync("ProblemDetails");

        Assert.Equal("#/components/schemas/ConflictProblem", delete["responses"]!["409"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Contains("referencingEventIds", conflict.Select(p => p.Key));
        Assert.Contains("existingId", conflict.Select(p => p.Key));
        Assert.Contains("currentETag", Required(stale));
        Assert.NotNull(validation["properties"]!["errors"]);
        Assert.False(problem["additionalProperties"]!.GetValue<bool>());
        Assert.True(problem["properties"]!["title"]!["x-ms-primary-error-message"]!.GetValue<bool>());
    }

    [Fact]
    public async Task EveryBadRequestIsAValidationProblem()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var badRequests = paths.SelectMany(path => path.Value!.AsObject())
            .Where(operation => operation.Value!["responses"]!["400"] is not null)
            .Select(operation => operation.Value!["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>())
            .ToList();

        Assert.NotEmpty(badRequests);
        Assert.All(badRequests, schema => Assert.Equal("#/components/schemas/HttpValidationProblemDetails", schema));
    }

    [Fact]
    public async Task ExportDeclaresBothMediaTypes()
    {
        var content = (await OperationAsync("/api/v1/events/export", "get"))["responses"]!["200"]!["content"]!.AsObject();

        Assert.Equal(["application/x-ndjson", "text/csv"], content.Select(media => media.Key).Order());
    }

    [Fact]
    public async Task TheResearchersOperationsComeFirstAndEveryTagIsDescribed()
    {
        var tags = (await DocumentAsync())["tags"]!.AsArray();

        Assert.Equal(["Timeline", "Events", "Chains", "Analyses", "Export"], tags.Take(5).Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal("Health", tags[^1]!["name"]!.GetValue<string>());
        Assert.All(tags, tag => Assert.False(string.IsNullOrWhiteSpace(tag!["description"]?.GetValue<string>())));
    }

    [Fact]
    public async Task TheDocumentNamesTheServerItWasFetchedFrom()
    {
        using var client = app.CreateClient();
        client.BaseAddress = new Uri("http://events.example:8080");

        var document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;

        Assert.Equal("http://events.example:8080", document["servers"]![0]!["url"]!.GetValue<string>());
    }
}
