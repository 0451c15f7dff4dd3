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

/// <summary>Writes one history row per change, inside the change's own unit of work.</summary>
public sealed class RevisionWriter(IHistoryStore history, IOptions<JsonOptions> json)
{
    public Task WriteAsync<T>(IUnitOfWork work, string entityType, long entityId, long version, RevisionAction action, T snapshot, string? changedBy) =>
        history.AppendAsync(work, entityType, entityId, Revision(work, version, action, snapshot, changedBy));

    /// <summary>The revisions of many records of one type (bulk import), written together.</summary>
    public Task WriteManyAsync<T>(
        IUnitOfWork work, string entityType, IEnumerable<(long EntityId, long Version, RevisionAction Action, T Snapshot)> changes, string? changedBy) =>
        history.AppendManyAsync(work, entityType,
            changes.Select(change => (change.EntityId, Revision(work, change.Version, change.Action, change.Snapshot, changedBy))).ToList());

    private StoredRevision Revision<T>(IUnitOfWork work, long version, RevisionAction action, T snapshot, string? changedBy) =>
        new(version, EnumText.ToText(action), JsonSerializer.Serialize(snapshot, json.Value.SerializerOptions), changedBy, work.Now);
}
