using System.Data;
using System.Text.Json;
using EventTracker.Api.Common;
using EventTracker.Api.Storage.Sqlite;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.History;

public enum RevisionAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>Writes one history row per change, inside the change's own transaction.</summary>
public sealed class RevisionWriter(IOptions<JsonOptions> json)
{
    private const string InsertSql = """
        INSERT INTO revisions (entity_type, entity_id, version, action, snapshot, changed_by, changed_at)
        VALUES (@EntityType, @EntityId, @Version, @Action, @Snapshot, @ChangedBy, @ChangedAt)
        """;

    private static readonly KeptStatement Insert = new(InsertSql);

    public Task WriteAsync<T>(
        IDbConnection connection, IDbTransaction transaction, string entityType, long entityId, long version,
        RevisionAction action, T snapshot, string? changedBy, string changedAt)
    {
        Insert.Execute(connection, transaction,
            ("@EntityType", entityType),
            ("@EntityId", entityId),
            ("@Version", version),
            ("@Action", ActionText(action)),
            ("@Snapshot", JsonSerializer.Serialize(snapshot, json.Value.SerializerOptions)),
            ("@ChangedBy", changedBy),
            ("@ChangedAt", changedAt));
        return Task.CompletedTask;
    }

    private static string ActionText(RevisionAction action) => action switch
    {
        RevisionAction.Created => "created",
        RevisionAction.Updated => "updated",
        _ => "deleted",
    };
}
