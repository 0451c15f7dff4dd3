using System.Text.Json.Nodes;
using EventTracker.Api.Changes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventTracker.Api.OpenApi;

/// <summary>
/// The change feed's items as generated clients need them: each member (<c>OrganizationChange</c>, ...) a flat object
/// whose <c>kind</c> is one fixed value, and <c>Change</c> the <c>oneOf</c> of the members with a discriminator mapping
/// each <c>kind</c> to its member. (Swashbuckle's own rendering extends a base by <c>allOf</c>, which closed objects —
/// additionalProperties false — cannot validate, and leaves <c>kind</c> an open string.)
/// </summary>
public sealed class TaggedUnionDocumentFilter : IDocumentFilter
{
    private static readonly (string Kind, string Schema)[] Members =
    [
        ("organization", nameof(OrganizationChange)), ("actor", nameof(ActorChange)), ("source", nameof(SourceChange)), ("event", nameof(EventChange)),
    ];

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var document = swaggerDoc;
        var schemas = document.Components?.Schemas;
        if (schemas is null || !schemas.TryGetValue(nameof(Change), out var found) || found is not OpenApiSchema union)
        {
            return;
        }

        foreach (var (kind, name) in Members)
        {
            var member = (OpenApiSchema)schemas[name];
            var properties = new Dictionary<string, IOpenApiSchema>
            {
                ["kind"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [JsonValue.Create(kind)!],
                    Description = "The record type: " + kind + ".",
                },
            };
            foreach (var (property, schema) in union.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (property != "kind")
                {
                    properties[property] = schema;
                }
            }

            foreach (var (property, schema) in member.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                properties[property] = schema;
            }

            member.AllOf = null;
            member.Properties = properties;
            member.Required = new HashSet<string>(properties.Keys);
            member.AdditionalPropertiesAllowed = false;
        }

        union.Type = null;
        union.Properties = null;
        union.Required = null;
        union.AdditionalPropertiesAllowed = true;
        union.AdditionalProperties = null;
        union.OneOf = Members.Select(member => (IOpenApiSchema)new OpenApiSchemaReference(member.Schema, document)).ToList();
        union.Discriminator = new OpenApiDiscriminator
        {
            PropertyName = "kind",
            Mapping = Members.ToDictionary(member => member.Kind, member => new OpenApiSchemaReference(member.Schema, document)),
        };

        if (schemas.TryGetValue(nameof(ChangesPage), out var page) && page is OpenApiSchema pageSchema &&
            pageSchema.Properties?["items"] is OpenApiSchema items)
        {
            var description = (items.Items as OpenApiSchema)?.Description;
            items.Items = new OpenApiSchemaReference(nameof(Change), document);
            if (description is not null && union.Description is null)
            {
                union.Description = description;
            }
        }
    }
}
