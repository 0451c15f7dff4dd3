using System.Data;
using System.Text.Json;
using Dapper;
using EventTracker.Api.Common;
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

    public Task WriteAsync<T>(
        IDbConnection connection, IDbTransaction transaction, string entityType, long entityId, long version,
        RevisionAction action, T snapshot, string? changedBy, string changedAt) =>
        connection.ExecuteAsync(InsertSql, new
        {
            EntityType = entityType,
            EntityId = entityId,
            Version = version,
            Action = action.ToString().ToLowerInvariant(),
            Snapshot = JsonSerializer.Serialize(snapshot, json.Value.SerializerOptions),
            ChangedBy = changedBy,
            ChangedAt = changedAt,
        }, transaction);
}
