using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EventTracker.Api.Records;

namespace EventTracker.Api.Import;

/// <summary>A reference by external id met in a typed line: the object holding it, the id field it fills, and where it stood.</summary>
internal readonly record struct LineReference(
    object Owner, JsonPropertyInfo IdProperty, RecordKind Kind, string ExternalId, string? List, int Index, string ExternalField)
{
    /// <summary>Its JSON path in the line, as the node tree's rewrite words it; made only for an error.</summary>
    public string Path => List is null ? ExternalField : $"{List}[{Index}].{ExternalField}";
}

/// <summary>A line read straight into its kind's request, its references by external id not yet resolved.</summary>
internal sealed record TypedLine(object Request, string? KindName, string? ExternalId, IReadOnlyList<LineReference> References);

/// <summary>
/// Reads an import line's UTF-8 bytes straight into its kind's request with the serializer settings of the API (the same
/// converters, strict numbers, unknown fields refused), no node tree in between. The request's contract gains the line's
/// fields (<c>kind</c>, <c>externalId</c>, an organization's <c>organizationKind</c>, the references by external id of its
/// <see cref="LineShape"/>), which the serializer hands to this reader as it meets them.
/// A line this reader cannot take whole, for whatever reason (bad JSON or a bad value anywhere, an external id that is not a
/// string, an id given with an external id, a list over its size), is read again as a node tree by the path that words
/// today's errors (<see cref="NdjsonImporter"/>): errors keep one author, and this reader never words one.
/// Names are matched exactly, so a field in another case goes the tree's way too, where the API's case-insensitive binding
/// reads it.
/// </summary>
internal sealed class TypedLineReader
{
    // The serializer's setters have no state of their own: the read in progress on this thread collects what they are given.
    [ThreadStatic]
    private static List<(object Owner, string Field, string? Value)>? t_met;

    private readonly Dictionary<string, (LineShape Shape, JsonTypeInfo Info, Dictionary<string, JsonPropertyInfo> Properties)> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Dictionary<string, JsonPropertyInfo>> _itemProperties = [];

    public TypedLineReader(JsonSerializerOptions api, IReadOnlyList<LineShape> shapes)
    {
        var lineFields = new Dictionary<Type, List<string>>();
        foreach (var shape in shapes)
        {
            lineFields[shape.RequestType] = ["kind", "externalId", .. shape.References.Select(reference => reference.ExternalField)];
            foreach (var list in shape.Lists)
            {
                lineFields[list.ItemType] = list.References.Select(reference => reference.ExternalField).ToList();
            }
        }

        var ownKindFields = shapes.Where(shape => shape.OwnKindField is not null).ToDictionary(shape => shape.RequestType, shape => shape.OwnKindField!);
        var options = new JsonSerializerOptions(api)
        {
            PropertyNameCaseInsensitive = false,
            TypeInfoResolver = (api.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(info =>
            {
                if (info.Kind != JsonTypeInfoKind.Object || !lineFields.TryGetValue(info.Type, out var fields))
                {
                    return;
                }

                if (ownKindFields.TryGetValue(info.Type, out var ownKind))
                {
                    info.Properties.Single(property => property.Name == "kind").Name = ownKind;
                }

                foreach (var field in fields)
                {
                    var property = info.CreateJsonPropertyInfo(typeof(string), field);
                    property.IsSetNullable = true;
                    property.Set = (owner, value) => t_met!.Add((owner, field, (string?)value));
                    info.Properties.Add(property);
                }
            }),
        };
        options.MakeReadOnly();

        foreach (var shape in shapes)
        {
            var info = options.GetTypeInfo(shape.RequestType);
            _kinds[shape.KindName] = (shape, info, info.Properties.ToDictionary(property => property.Name, StringComparer.Ordinal));
            foreach (var list in shape.Lists)
            {
                _itemProperties[list.ItemType] = options.GetTypeInfo(list.ItemType).Properties.ToDictionary(property => property.Name, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The line as its kind's request, or null when the node tree must read it.</summary>
    public TypedLine? TryRead(byte[] bytes)
    {
        if (KindOf(bytes) is not { } kindName || !_kinds.TryGetValue(kindName, out var kind))
        {
            return null;
        }

        var met = t_met = [];
        object? request;
        try
        {
            request = JsonSerializer.Deserialize(bytes, kind.Info);
        }
#pragma warning disable CA1031 // Whatever refused the line, the tree's path finds it again and words it.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
        finally
        {
            t_met = null;
        }

        if (request is null || Met(met, request, "kind") != kindName)
        {
            return null;
        }

        var references = new List<LineReference>();
        foreach (var field in kind.Shape.References)
        {
            if (!TryAdd(references, met, request, kind.Properties, field, null, 0))
            {
                return null;
            }
        }

        foreach (var list in kind.Shape.Lists)
        {
            if (kind.Properties[list.Field].Get!(request) is not IList items)
            {
                continue;
            }

            if (items.Count > list.MaxItems)
            {
                return null;
            }

            var properties = _itemProperties[list.ItemType];
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not { } item)
                {
                    continue;
                }

                foreach (var field in list.References)
                {
                    if (!TryAdd(references, met, item, properties, field, list.Field, i))
                    {
                        return null;
                    }
                }
            }
        }

        return new TypedLine(request, kindName, Met(met, request, "externalId"), references);
    }

    /// <summary>Adds the reference <paramref name="owner"/> makes in <paramref name="field"/>, if any; false when it gives the id too.</summary>
    private static bool TryAdd(
        List<LineReference> references, List<(object Owner, string Field, string? Value)> met, object owner, Dictionary<string, JsonPropertyInfo> properties,
        ReferenceField field, string? list, int index)
    {
        if (Met(met, owner, field.ExternalField) is not { } externalId)
        {
            return true;
        }

        var id = properties[field.IdField];
        if (id.Get!(owner) is not null)
        {
            return false;
        }

        references.Add(new LineReference(owner, id, field.Kind, externalId, list, index, field.ExternalField));
        return true;
    }

    /// <summary>The value the line gave the field of <paramref name="owner"/>; the last one, as the serializer keeps for any field named twice.</summary>
    private static string? Met(List<(object Owner, string Field, string? Value)> met, object owner, string field)
    {
        for (var i = met.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(met[i].Owner, owner) && met[i].Field == field)
            {
                return met[i].Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The line's first <c>kind</c> when it is a string; null for anything else. A <c>kind</c> named again later is not looked for:
    /// the serializer keeps the last, and <see cref="TryRead"/> leaves a line whose two differ to the tree.
    /// </summary>
    private static string? KindOf(byte[] bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKind = reader.ValueTextEquals("kind"u8);
                reader.Read();
                if (isKind)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
