using System.Data;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using EventTracker.Api.History;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Writes a unit of work's <see cref="ChangeLog"/> into <c>changes</c> just before it commits: one row per change,
/// then one "updated" row for every other live record whose answer to GET the changes altered (it embeds a changed
/// record's name, or lists it), so that a client replaying the feed holds what GET returns. Positions come from the
/// table's key as the rows are inserted; the provider makes sure that happens in commit order.
/// </summary>
/// <param name="dialect">How the provider passes id lists and rows.</param>
/// <param name="documents">The events' stored documents, which the unit of work brings in step with the same changes first.</param>
public sealed class ChangeLogWriter(IRelationalDialect dialect, EventDocuments documents)
{
    private static readonly IReadOnlyList<RowColumn> ChangeColumns =
        [RowColumn.Text("kind"), RowColumn.Whole("record_id"), RowColumn.Text("action"), RowColumn.Whole("version")];

    private readonly string _insertSql = $"""
        INSERT INTO changes (kind, record_id, action, version, at)
        SELECT r.kind, r.record_id, r.action, r.version, @Now
        FROM {dialect.JsonRows("@Rows", "r", ChangeColumns)}
        """;

    // A changed organization alters its parent's and children's lists (also when created or deleted); a former parent is touched.
    private readonly string _organizationsSql = $"""
        INSERT INTO changes (kind, record_id, action, version, at)
        SELECT 'organization', o.id, 'updated', o.version, @Now
        FROM organizations o
        WHERE o.deleted_at IS NULL AND NOT (o.id {In(dialect, "Organizations")})
          AND (o.id IN (SELECT c.parent_id FROM organizations c WHERE c.id {In(dialect, "Organizations")})
               OR o.parent_id {In(dialect, "UpdatedOrganizations")}
               OR o.id {In(dialect, "TouchedOrganizations")})
        ORDER BY o.id
        """;

    private readonly string _actorsSql = $"""
        INSERT INTO changes (kind, record_id, action, version, at)
        SELECT 'actor', a.id, 'updated', a.version, @Now
        FROM actors a
        WHERE a.deleted_at IS NULL AND NOT (a.id {In(dialect, "Actors")})
          AND a.id IN (SELECT f.actor_id FROM affiliations f WHERE f.organization_id {In(dialect, "UpdatedOrganizations")})
        ORDER BY a.id
        """;

    private readonly string _eventsSql = $"""
        INSERT INTO changes (kind, record_id, action, version, at)
        SELECT 'event', e.id, 'updated', e.version, @Now
        FROM events e
        WHERE e.deleted_at IS NULL AND NOT (e.id {In(dialect, "Events")})
          AND e.id IN ({WhatAnEventShows.ShowingUpdated(dialect)})
        ORDER BY e.id
        """;

    public EventDocuments Documents => documents;

    private static string In(IRelationalDialect dialect, string parameter) => EventDocuments.In(dialect, parameter);

    public async Task WriteAsync(IDbConnection connection, IDbTransaction transaction, ChangeLog log, string now)
    {
        if (log.IsEmpty)
        {
            return;
        }

        if (log.Changes.Count > 0)
        {
            var rows = JsonSerializer.Serialize(log.Changes.Select(change => new ChangeRow(EnumText.ToText(change.Kind), change.Id, EnumText.ToText(change.Action), change.Version)));
            await connection.ExecuteAsync(_insertSql, new { Rows = rows, Now = now }, transaction);
        }

        const RevisionAction updated = RevisionAction.Updated;
        var organizations = log.IdsOf(RecordKind.Organization);
        var updatedOrganizations = log.IdsOf(RecordKind.Organization, updated);
        var touchedOrganizations = log.Touched.Where(t => t.Kind == RecordKind.Organization).Select(t => t.Id).ToList();
        var updatedActors = log.IdsOf(RecordKind.Actor, updated);
        var updatedSources = log.IdsOf(RecordKind.Source, updated);
        var updatedEvents = log.IdsOf(RecordKind.Event, updated);
        var parameters = new DynamicParameters(new { Now = now });
        void Ids(string name, IReadOnlyCollection<long> ids) => parameters.Add(name, dialect.IdsParameter(ids));
        Ids("Organizations", organizations);
        Ids("UpdatedOrganizations", updatedOrganizations);
        Ids("TouchedOrganizations", touchedOrganizations);
        Ids("Actors", log.IdsOf(RecordKind.Actor));
        Ids("UpdatedActors", updatedActors);
        Ids("UpdatedSources", updatedSources);
        Ids("Events", log.IdsOf(RecordKind.Event));
        Ids("UpdatedEvents", updatedEvents);

        if (organizations.Count > 0 || touchedOrganizations.Count > 0)
        {
            await connection.ExecuteAsync(_organizationsSql, parameters, transaction);
        }

        if (updatedOrganizations.Count > 0)
        {
            await connection.ExecuteAsync(_actorsSql, parameters, transaction);
        }

        if (updatedOrganizations.Count > 0 || updatedActors.Count > 0 || updatedSources.Count > 0 || updatedEvents.Count > 0)
        {
            await connection.ExecuteAsync(_eventsSql, parameters, transaction);
        }
    }

    private sealed record ChangeRow(
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("record_id")] long RecordId,
        [property: JsonPropertyName("action")] string Action,
        [property: JsonPropertyName("version")] long Version);
}
