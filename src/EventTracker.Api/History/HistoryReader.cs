using System.Text.Json;
using System.Text.Json.Serialization;
using EventTracker.Api.Errors;
using EventTracker.Api.Records;
using EventTracker.Api.Values;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.History;

/// <summary>A record's revisions with their snapshots read back as the resource they hold.</summary>
public sealed class HistoryReader(IHistoryStore history, IOptions<JsonOptions> json)
{
    // A snapshot is what GET returned when it was written: a field added to the resource since is missing from
    // older ones, and one removed since is still there. Neither may make history unreadable.
    private readonly JsonSerializerOptions _snapshots = new(json.Value.SerializerOptions)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        RespectNullableAnnotations = false,
        RespectRequiredConstructorParameters = false,
    };

    public async Task<Results<Ok<HistoryResponse<T>>, ProblemHttpResult>> ListAsync<T>(RecordKind kind, long id, CancellationToken cancellationToken)
    {
        var rows = await history.ListAsync(kind, id, cancellationToken);
        if (rows.Count == 0)
        {
            return Problems.NotFound(EnumText.ToText(kind), id);
        }

        var items = rows.Select(row => new RevisionResponse<T>(
                row.Version,
                EnumText.Parse<RevisionAction>(row.Action),
                row.ChangedBy,
                Timestamps.Parse(row.ChangedAt),
                JsonSerializer.Deserialize<T>(row.Snapshot, _snapshots)!))
            .ToList();
        return TypedResults.Ok(new HistoryResponse<T>(items));
    }
}
