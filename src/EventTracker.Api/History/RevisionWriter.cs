using System.Text.Json;
using EventTracker.Api.Records;
using EventTracker.Api.Storage;
using EventTracker.Api.Values;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.History;

public enum RevisionAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// Writes what every change of a record leaves besides the record's own rows, inside the change's unit of work: its
/// history row, its entry in the change feed and, for an event, its stored document (its answer to GET, the same
/// bytes as the snapshot). Every write path (the API, drafts, import) goes through here.
/// </summary>
public sealed class RevisionWriter(IHistoryStore history, IOptions<JsonOptions> json)
{
    public Task WriteAsync<T>(IUnitOfWork work, RecordKind kind, long entityId, long version, RevisionAction action, T snapshot, string? changedBy)
    {
        var revision = Revision(work, version, action, snapshot, changedBy);
        Note(work, kind, entityId, version, action, revision);
        return history.AppendAsync(work, kind, entityId, revision);
    }

    /// <summary>The revisions of many records of one type (bulk import), written together.</summary>
    public Task WriteManyAsync<T>(
        IUnitOfWork work, RecordKind kind, IEnumerable<(long EntityId, long Version, RevisionAction Action, T Snapshot)> changes, string? changedBy)
    {
        var revisions = changes.Select(change =>
        {
            var revision = Revision(work, change.Version, change.Action, change.Snapshot, changedBy);
            Note(work, kind, change.EntityId, change.Version, change.Action, revision);
            return (change.EntityId, revision);
        }).ToList();
        return history.AppendManyAsync(work, kind, revisions);
    }

    // A snapshot is the record as GET returns it, serialised as the API does: an event's is also its stored document.
    private static void Note(IUnitOfWork work, RecordKind kind, long id, long version, RevisionAction action, StoredRevision revision)
    {
        work.Changes.Add(kind, id, action, version);
        if (kind != RecordKind.Event)
        {
            return;
        }

        if (action == RevisionAction.Deleted)
        {
            work.Documents.Drop(id);
        }
        else
        {
            work.Documents.Store(id, revision.Snapshot);
        }
    }

    private StoredRevision Revision<T>(IUnitOfWork work, long version, RevisionAction action, T snapshot, string? changedBy) =>
        new(version, EnumText.ToText(action), JsonSerializer.Serialize(snapshot, json.Value.SerializerOptions), changedBy, work.Now);
}
