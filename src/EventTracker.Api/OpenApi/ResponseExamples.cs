using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventTracker.Api.OpenApi;

/// <summary>
/// Real answers as examples: <c>openapi/examples/{operationId}.json</c> holds what the service answered on the
/// demo data (timestamps fixed), embedded in the assembly; a test checks they are still what it answers.
/// </summary>
public sealed class ResponseExampleOperationFilter : IOperationFilter
{
    public const string ResourcePrefix = "Examples.";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is not { } id || Read(id) is not { } example || operation.Responses is null)
        {
            return;
        }

        var status = operation.Responses.ContainsKey("201") ? "201" : "200";
        if (operation.Responses.TryGetValue(status, out var response) && response.Content?.TryGetValue("application/json", out var media) == true &&
            media is OpenApiMediaType json)
        {
            json.Example = example;
        }
    }

    private static JsonNode? Read(string operationId)
    {
        using var stream = typeof(ResponseExampleOperationFilter).Assembly.GetManifestResourceStream(ResourcePrefix + operationId + ".json");
        return stream is null ? null : JsonNode.Parse(stream);
    }
}
