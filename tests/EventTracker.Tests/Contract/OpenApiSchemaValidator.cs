using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventTracker.Tests.Contract;

/// <summary>
/// Checks a JSON value against a schema of the OpenAPI 3.0 document, for the constructs the document uses:
/// $ref, allOf, nullable, type, required, properties, additionalProperties, items and enum.
/// </summary>
public sealed class OpenApiSchemaValidator(JsonNode document)
{
    public JsonNode Resolve(JsonNode schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = reference.TrimStart('#', '/').Split('/').Aggregate(document, (node, part) => node[part]!);
        }

        return schema;
    }

    public List<string> Validate(JsonElement value, JsonNode schema)
    {
        var errors = new List<string>();
        Validate(value, schema, "$", errors);
        return errors;
    }

    private void Validate(JsonElement value, JsonNode schema, string path, List<string> errors)
    {
        schema = Resolve(schema);
        var nullable = schema["nullable"]?.GetValue<bool>() == true;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!nullable)
            {
                errors.Add($"{path}: null, but the schema does not allow it");
            }

            return;
        }

        foreach (var part in schema["allOf"]?.AsArray() ?? [])
        {
            Validate(value, part!, path, errors);
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(option => JsonNode.DeepEquals(option, JsonNode.Parse(value.GetRawText()))))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {allowed.ToJsonString()}");
        }

        switch (schema["type"]?.GetValue<string>())
        {
            case "object":
                ValidateObject(value, schema, path, errors);
                break;
            case "array" when value.ValueKind != JsonValueKind.Array:
                errors.Add($"{path}: expected an array, got {value.ValueKind}");
                break;
            case "array":
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Validate(item, schema["items"]!, $"{path}[{index++}]", errors);
                }

                break;
            case "string" when value.ValueKind != JsonValueKind.String:
            case "integer" when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _):
            case "number" when value.ValueKind != JsonValueKind.Number:
            case "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                errors.Add($"{path}: expected {schema["type"]}, got {value.GetRawText()}");
                break;
        }
    }

    private void ValidateObject(JsonElement value, JsonNode schema, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected an object, got {value.ValueKind}");
            return;
        }

        var properties = schema["properties"]?.AsObject();
        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            if (!value.TryGetProperty(required!.GetValue<string>(), out _))
            {
                errors.Add($"{path}: required member {required} is missing");
            }
        }

        foreach (var member in value.EnumerateObject())
        {
            if (properties?[member.Name] is { } property)
            {
                Validate(member.Value, property, $"{path}.{member.Name}", errors);
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                Validate(member.Value, additional, $"{path}.{member.Name}", errors);
            }
            else if (schema["additionalProperties"]?.GetValue<bool>() == false || properties is not null)
            {
                errors.Add($"{path}: member {member.Name} is not in the schema");
            }
        }
    }
}
