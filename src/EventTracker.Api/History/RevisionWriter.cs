using System.Text.Json;
using EventTracker.Api.Common;
using EventTracker.Api.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.History;

public enum RevisionAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>Writes one history row per change, inside the change's own unit of work, and notes the change for the change feed.</summary>
public sealed class RevisionWriter(IHistoryStore history, IOptions<JsonOptions> json)
{
    public Task WriteAsync<T>(IUnitOfWork work, string entityType, long entityId, long version, RevisionAction action, T snapshot, string? changedBy)
    {
        work.Changes.Add(entityType, entityId, EnumText.ToText(action), version);
        return history.AppendAsync(work, entityType, entityId, Revision(work, version, action, snapshot, changedBy));
    }

    /// <summary>The revisions of many records of one type (bulk import), written together.</summary>
    public Task WriteManyAsync<T>(
        IUnitOfWork work, string entityType, IEnumerable<(long EntityId, long Version, RevisionAction Action, T Snapshot)> changes, string? changedBy)
    {
        var revisions = changes.Select(change =>
        {
            work.Changes.Add(entityType, change.EntityId, EnumText.ToText(change.Action), change.Version);
            return (change.EntityId, Revision(work, change.Version, change.Action, change.Snapshot, changedBy));
        }).ToList();
        return history.AppendManyAsync(work, entityType, revisions);
    }

    private StoredRevision Revision<T>(IUnitOfWork work, long version, RevisionAction action, T snapshot, string? changedBy) =>
        new(version, EnumText.ToText(action), JsonSerializer.Serialize(snapshot, json.Value.SerializerOptions), changedBy, work.Now);
}
