using System.Text.Json;
using System.Text.Json.Nodes;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Import;

/// <summary>
/// Replaces an import line's references by external id (<c>parentExternalId</c>,
/// <c>participants[0].organizationExternalId</c>, ...) with the ids they name, so that the line can be
/// read as the ordinary request and checked by the ordinary validator. Given <paramref name="named"/>, it only
/// gathers there the external ids the lines name, changing nothing, so that a batch asks for them all at once.
/// </summary>
internal sealed class ReferenceRewriter(ExternalIdIndex index, HashSet<(RecordKind Kind, string ExternalId)>? named = null)
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public async Task ResolveAsync(JsonObject owner, string path, string externalField, string idField, RecordKind kind)
    {
        if (!owner.TryGetPropertyValue(externalField, out var node))
        {
            return;
        }

        if (named is not null)
        {
            if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                named.Add((kind, value.GetValue<string>()));
            }

            return;
        }

        owner.Remove(externalField);
        var at = path.Length == 0 ? externalField : $"{path}.{externalField}";
        if (node is null)
        {
            return;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            Errors[at] = ["An external id must be a string."];
            return;
        }

        if (owner[idField] is not null)
        {
            Errors[at] = [$"Give {idField} or {externalField}, not both."];
            return;
        }

        var externalId = node.GetValue<string>();
        var found = await index.FindAsync(kind, externalId);
        if (found is null || found.Deleted)
        {
            Errors[at] = [NotFound(kind, externalId)];
            return;
        }

        owner[idField] = found.Id;
    }

    public static string NotFound(RecordKind kind, string externalId) =>
        $"No {kind.ToString().ToLowerInvariant()} has externalId '{externalId}': it must come on an earlier line or already be stored.";

    /// <summary>
    /// Runs <paramref name="each"/> on every object of the array <paramref name="field"/>, with its JSON path. An array
    /// over its maximum size (<paramref name="max"/>, the validator's) is one error, as the validator words it, and its
    /// items are left alone: no error, and no lookup, per item of a huge list.
    /// </summary>
    public async Task EachAsync(JsonObject body, string field, int max, Func<JsonObject, string, Task> each)
    {
        if (body[field] is not JsonArray items)
        {
            return;
        }

        if (items.Count > max)
        {
            if (named is null)
            {
                Errors[field] = [CommonRules.TooManyItems(items.Count, max, field)];
            }

            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JsonObject item)
            {
                await each(item, $"{field}[{i}]");
            }
        }
    }
}
