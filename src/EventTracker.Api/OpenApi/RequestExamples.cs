using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventTracker.Api.OpenApi;

/// <summary>A whole request body to show in Swagger UI, attached to an endpoint as metadata.</summary>
public sealed record RequestExampleMetadata(object Value);

public static class RequestExamples
{
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, object example) =>
        builder.WithMetadata(new RequestExampleMetadata(example));
}

/// <summary>Writes <see cref="RequestExampleMetadata"/> into the document and marks request bodies as required.</summary>
public sealed class RequestExampleOperationFilter : IOperationFilter
{
    private static readonly JsonSerializerOptions ExampleJson = new(JsonSerializerDefaults.Web);

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody is not OpenApiRequestBody body)
        {
            return;
        }

        body.Required = true;
        var example = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExampleMetadata>().LastOrDefault();
        if (example is null || body.Content is null)
        {
            return;
        }

        foreach (var media in body.Content.Values.OfType<OpenApiMediaType>())
        {
            media.Example = JsonSerializer.SerializeToNode(example.Value, ExampleJson);
        }
    }
}
