using System.Text.Json.Nodes;
using EventTracker.Api.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventTracker.Api.Errors;

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
            Description = "The request's W3C trace id (32 hex digits); the same id is in the service's logs and, where traces are exported, names the request's trace.",
        };

        // Every member the service sends is declared: nothing lands in a generated client's catch-all bag.
        concrete.AdditionalPropertiesAllowed = false;
        concrete.AdditionalProperties = null;
        concrete.Required = new HashSet<string>((concrete.Required ?? new HashSet<string>()).Union(["title", "status"]), StringComparer.Ordinal);
        if (concrete.Properties.TryGetValue("title", out var title) && title is OpenApiSchema titleSchema)
        {
            // Kiota makes this the generated exception's message.
            titleSchema.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            titleSchema.Extensions["x-ms-primary-error-message"] = new JsonNodeExtension(JsonValue.Create(true));
        }
        if (context.Type == typeof(HttpValidationProblemDetails) && concrete.Properties.TryGetValue("errors", out var errors) && errors is OpenApiSchema errorsSchema)
        {
            errorsSchema.Description =
                "For each JSON path in the request (e.g. `participants[1].organizationId`), what is wrong with it. " +
                $"At most {InvalidParams.MaxListed} messages in all, the first found; `{InvalidParams.OmittedMember}` counts the rest.";
            concrete.Properties[InvalidParams.Member] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = context.SchemaGenerator.GenerateSchema(typeof(InvalidParam), context.SchemaRepository),
                Description = $"The same as `errors`, one entry per message, for clients that cannot read a map (at most {InvalidParams.MaxListed}).",
            };
            concrete.Properties[InvalidParams.OmittedMember] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Minimum = "0",
                Description =
                    $"How many messages are not listed in `errors` and `{InvalidParams.Member}`, which hold at most {InvalidParams.MaxListed}; " +
                    "0 when all are. A list over its maximum size is one error, not one per item.",
            };
            concrete.Required.UnionWith(["errors", InvalidParams.Member, InvalidParams.OmittedMember]);
        }
    }
}
