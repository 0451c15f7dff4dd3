using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventTracker.Api.OpenApi;

/// <summary>
/// Responses: the service sends every member of a response record, null when empty, so every member is
/// required; whether it may be null comes from the record's nullable annotations.
/// </summary>
public sealed class ResponseSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || !IsResponse(context.Type))
        {
            return;
        }

        concrete.Required = new HashSet<string>(concrete.Properties.Keys, StringComparer.Ordinal);

        // A member typed by a generic parameter (a page's items, a revision's snapshot) carries no nullable
        // annotation Swashbuckle can read; the service never sends null there.
        if (context.Type.IsGenericType)
        {
            var definition = context.Type.GetGenericTypeDefinition();
            foreach (var property in definition.GetProperties().Where(p => p.PropertyType.IsGenericParameter))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (concrete.Properties.TryGetValue(name, out var member))
                {
                    concrete.Properties[name] = NullableSchemas.NonNullable(member);
                }
            }
        }
    }

    private static bool IsResponse(Type type) =>
        type.Assembly == typeof(ResponseSchemaFilter).Assembly &&
        !type.Name.EndsWith("Request", StringComparison.Ordinal) &&
        !typeof(ProblemDetails).IsAssignableFrom(type);
}

/// <summary>
/// Requests: a member the request's validator always requires (NotNull or NotEmpty, unconditionally) is
/// required and not nullable; every other member may be left out.
/// </summary>
public sealed class RequestSchemaFilter(IServiceProvider services) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete ||
            services.GetService(typeof(IValidator<>).MakeGenericType(context.Type)) is not IValidator validator)
        {
            return;
        }

        // Rules on a list's items (RuleForEach) say nothing about the list itself.
        var required = validator.CreateDescriptor().Rules
            .Where(rule => rule.PropertyName is not null && !IsCollectionRule(rule))
            .Where(rule => rule.Components.Any(component =>
                component.Validator is INotNullValidator or INotEmptyValidator && !component.HasCondition && !component.HasAsyncCondition))
            .Select(rule => JsonNamingPolicy.CamelCase.ConvertName(rule.PropertyName!));
        foreach (var name in required)
        {
            if (!concrete.Properties!.TryGetValue(name, out var property))
            {
                continue;
            }

            concrete.Required ??= new HashSet<string>(StringComparer.Ordinal);
            concrete.Required.Add(name);
            concrete.Properties[name] = NullableSchemas.NonNullable(property);
        }
    }

    private static bool IsCollectionRule(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

}

/// <summary>Fixed vocabularies of query parameters (<c>[AllowedValues]</c>) as enums, so Swagger UI offers them as a list.</summary>
public sealed class AllowedValuesParameterFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        var allowed = context.PropertyInfo?.GetCustomAttribute<AllowedValuesAttribute>()
                      ?? context.ParameterInfo?.GetCustomAttribute<AllowedValuesAttribute>();
        if (allowed is null || parameter is not OpenApiParameter { Schema: OpenApiSchema schema })
        {
            return;
        }

        var target = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
        target.Enum = allowed.Values.Select(value => (JsonNode)JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture))!).ToList();
    }
}

internal static class NullableSchemas
{
    public static IOpenApiSchema NonNullable(IOpenApiSchema property) => property switch
    {
        // A nullable reference is written as allOf: [$ref] with nullable; the reference alone is not nullable.
        OpenApiSchema { AllOf.Count: 1 } wrapped when wrapped.Properties is not { Count: > 0 } => wrapped.AllOf[0],
        OpenApiSchema plain when plain.Type is { } type => WithType(plain, type & ~JsonSchemaType.Null),
        _ => property,
    };

    private static OpenApiSchema WithType(OpenApiSchema schema, JsonSchemaType type)
    {
        schema.Type = type;
        return schema;
    }
}

