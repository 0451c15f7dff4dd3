using System.Text.Json.Nodes;
using EventTracker.Api.Records;

namespace EventTracker.Api.Import;

/// <summary>A field of an import line naming a record by external id, in place of the request's id field.</summary>
internal sealed record ReferenceField(string ExternalField, string IdField, RecordKind Kind);

/// <summary>A list of the request whose items may name records by external id, with the validator's maximum size for it.</summary>
internal sealed record ReferenceList(string Field, int MaxItems, Type ItemType, IReadOnlyList<ReferenceField> References);

/// <summary>
/// How a kind's import line differs from its request: where it names records by external id (fields of the line itself,
/// fields of a list's items) and, for organizations, the field that holds the request's own <c>kind</c>. Both ways of
/// reading a line follow it, the typed read (<see cref="TypedLineReader"/>) and the node tree's rewrite below, so they
/// cannot disagree on where a reference may stand.
/// </summary>
internal sealed record LineShape(
    string KindName, Type RequestType, IReadOnlyList<ReferenceField> References, IReadOnlyList<ReferenceList> Lists, string? OwnKindField = null)
{
    /// <summary>Rewrites a line's node tree into its request's: references by external id replaced (or gathered, see <see cref="ReferenceRewriter"/>).</summary>
    public async Task RewriteAsync(JsonObject body, ReferenceRewriter references)
    {
        // The line's "kind" is the record kind, so an organization's own kind is "organizationKind".
        if (OwnKindField is { } ownKind && body.TryGetPropertyValue(ownKind, out var value))
        {
            body.Remove(ownKind);
            body["kind"] = value;
        }

        foreach (var reference in References)
        {
            await references.ResolveAsync(body, "", reference.ExternalField, reference.IdField, reference.Kind);
        }

        foreach (var list in Lists)
        {
            await references.EachAsync(body, list.Field, list.MaxItems, async (item, path) =>
            {
                foreach (var reference in list.References)
                {
                    await references.ResolveAsync(item, path, reference.ExternalField, reference.IdField, reference.Kind);
                }
            });
        }
    }
}
