using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventTracker.Api.OpenApi;

/// <summary>Documents the members every problem response carries beyond RFC 9457's own.</summary>
public sealed class ProblemDetailsSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (!typeof(ProblemDetails).IsAssignableFrom(context.Type) || schema is not OpenApiSchema concrete)
        {
            return;
        }

        concrete.Description = "An RFC 9457 problem: what went wrong, with a traceId to quote when reporting it.";
        concrete.Properties ??= new Dictionary<string, IOpenApiSchema>();
        concrete.Properties["traceId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The request's trace id; the same id is in the service's logs.",
        };
        if (context.Type == typeof(HttpValidationProblemDetails) && concrete.Properties.TryGetValue("errors", out var errors) && errors is OpenApiSchema errorsSchema)
        {
            errorsSchema.Description = "For each JSON path in the request (e.g. `participants[1].organizationId`), what is wrong with it.";
        }
    }
}
