using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventTracker.Tests.Import;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Contract;

/// <summary>
/// Every read the demo data set answers, checked against the schema the OpenAPI document declares for it:
/// required members present, nulls only where the schema allows them, enums within their values, no
/// undeclared members. A generated client that trusts the document reads every one of them.
/// </summary>
public sealed class ResponseConformanceTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private async Task<(JsonNode Document, OpenApiSchemaValidator Validator)> DocumentAsync()
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        return (document, new OpenApiSchemaValidator(document));
    }

    private async Task<List<string>> CheckAsync(string pathTemplate, string url)
    {
        var (document, validator) = await DocumentAsync();
        var response = await app.CreateClient().GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        var schema = document["paths"]![pathTemplate]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var body = await response.ReadJsonAsync();
        return validator.Validate(body, schema).Select(error => $"{url}: {error}").ToList();
    }

    private async Task<List<long>> IdsAsync(string collection) =>
        (await (await app.CreateClient().GetAsync($"/api/v1/{collection}?limit=500")).ReadJsonAsync())
        .GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()).ToList();

    [Theory]
    [InlineData("organizations")]
    [InlineData("actors")]
    [InlineData("sources")]
    [InlineData("events")]
    public async Task EveryRecordItsListAndItsHistoryMatchTheirSchemas(string collection)
    {
        var errors = await CheckAsync($"/api/v1/{collection}", $"/api/v1/{collection}?limit=500");
        var ids = await IdsAsync(collection);
        Assert.NotEmpty(ids);
        foreach (var id in ids)
        {
            errors.AddRange(await CheckAsync($"/api/v1/{collection}/{{id}}", $"/api/v1/{collection}/{id}"));
            errors.AddRange(await CheckAsync($"/api/v1/{collection}/{{id}}/history", $"/api/v1/{collection}/{id}/history"));
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task TimelinesHistogramsAndChainsMatchTheirSchemas()
    {
        var errors = new List<string>();
        foreach (var query in new[] { "", "?limit=2", "?order=desc&overlap=true", "?q=mission", "?status=completed&status=announced" })
        {
            errors.AddRange(await CheckAsync("/api/v1/timeline", "/api/v1/timeline" + query));
        }

        foreach (var interval in new[] { "day", "week", "month", "year" })
        {
            errors.AddRange(await CheckAsync("/api/v1/timeline/histogram", $"/api/v1/timeline/histogram?interval={interval}"));
        }

        foreach (var id in await IdsAsync("events"))
        {
            errors.AddRange(await CheckAsync("/api/v1/events/{id}/chain", $"/api/v1/events/{id}/chain"));
        }

        errors.AddRange(await CheckAsync("/api/v1/event-types", "/api/v1/event-types"));
        errors.AddRange(await CheckAsync("/health/live", "/health/live"));
        errors.AddRange(await CheckAsync("/health/ready", "/health/ready"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheValidatorCatchesWhatTheDocumentForbids()
    {
        var (document, validator) = await DocumentAsync();
        var organization = document["components"]!["schemas"]!["OrganizationResponse"]!;
        var valid = await (await app.CreateClient().GetAsync($"/api/v1/organizations/{(await IdsAsync("organizations"))[0]}")).ReadJsonAsync();
        var broken = JsonNode.Parse(valid.GetRawText())!.AsObject();
        broken["name"] = null;
        broken.Remove("version");
        broken["kind"] = "empire";
        broken["surprise"] = 1;

        var errors = validator.Validate(JsonDocument.Parse(broken.ToJsonString()).RootElement, organization);

        Assert.Empty(validator.Validate(valid, organization));
        Assert.Contains(errors, e => e.Contains("$.name: null", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("version is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("\"empire\" is not one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("surprise is not in the schema", StringComparison.Ordinal));
    }
}
