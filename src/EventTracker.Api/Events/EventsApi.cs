using System.Data;
using Dapper;
using EventTracker.Api.Common;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Events;

public static class EventsApi
{
    private const string ListSql = """
        SELECT id FROM events WHERE deleted_at IS NULL AND id > @After ORDER BY id LIMIT @Take
        """;

    private const string SearchSql = """
        SELECT id FROM events
        WHERE deleted_at IS NULL AND id > @After
          AND id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH @Match)
        ORDER BY id
        LIMIT @Take
        """;

    private const string InboundRelationsSql = """
        SELECT DISTINCT e.id
        FROM event_relations r JOIN events e ON e.id = r.event_id
        WHERE r.target_event_id = @Id AND e.deleted_at IS NULL
        ORDER BY e.id
        LIMIT 100
        """;

    private static readonly string[] SelfLinkMessage = ["An event cannot be related to itself."];

    internal static readonly ResourceDefinition<EventRequest, EventResponse> Definition = new()
    {
        EntityType = "event",
        CollectionPath = "/api/v1/events",
        PluralName = "Events",
        List = ListPageAsync,
        Get = EventReader.GetAsync,
        GetMany = (connection, ids, transaction) => EventReader.LoadAsync(connection, ids, transaction),
        Insert = EventWriter.InsertAsync,
        InsertMany = new BulkInsert<EventRequest, EventResponse>(
            EventWriter.FirstFreeIdSql, EventWriter.InsertMany, EventSnapshots.ForNewAsync),
        Update = EventWriter.UpdateAsync,
        SoftDelete = EventWriter.SoftDeleteAsync,
        CheckWrite = CheckNoSelfLinkAsync,
        CheckDelete = CheckNotLinkedAsync,
    };

    private static readonly object Example = new
    {
        type = "accreditation_withdrawal",
        title = "NATO withdraws the accreditation of eight members of Russia's mission and halves its size",
        summary = "NATO withdrew the accreditation of eight members of the Russian Mission to NATO whom it described as undeclared " +
                  "Russian intelligence officers, and cut the mission's maximum size from 20 to 10, to take effect by the end of October.",
        date = "2021-10-06",
        endDate = "2021-10-31",
        status = "in_effect",
        location = new { name = "Brussels", countryCode = "BE", latitude = 50.8798, longitude = 4.4258 },
        participants = new object[]
        {
            new { organizationId = 1, role = "initiator" },
            new { organizationId = 4, role = "target" },
        },
        quantities = new object[]
        {
            new { kind = "accreditations_withdrawn", value = 8, unit = "persons" },
            new { kind = "staff_before", value = 20, unit = "persons" },
            new { kind = "staff_after", value = 10, unit = "persons" },
        },
        citations = new[] { new { sourceId = 1, quote = "undeclared Russian intelligence officers", claim = "reports" } },
        relations = new[] { new { type = "follows_up", targetEventId = 1 } },
        tags = new[] { "nato-russia", "mission-staff" },
    };

    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events");

        var routes = group.MapResource(Definition, "Event");
        routes.List.WithDescription("Events in id (entry) order, each whole. `q` searches titles. For date order and filters use GET /api/v1/timeline.");
        routes.Get.WithDescription(
            "The whole event: participants with names and roles, quantities, citations with source title, URL and publisher and the " +
            "speaker's name, relations with the target's title and date. Send `If-None-Match` with the ETag to get 304 when unchanged.");
        routes.Create.WithRequestExample(Example);
        routes.Update.WithRequestExample(Example);
        routes.Create.WithDescription(
            "Creates an event with all its parts in one transaction. Example from October 2021: `type` `accreditation_withdrawal`, " +
            "`date` `2021-10-06`, `endDate` `2021-10-31`, NATO as `initiator` and Russia's mission to NATO as `target`, quantities " +
            "`accreditations_withdrawn` 8, `staff_before` 20, `staff_after` 10. Moscow's answer is a later event with a " +
            "`responds_to` relation to this one. Every reference must name a live record; errors are keyed by JSON path, e.g. " +
            "`participants[1].organizationId`.");
        routes.Update.WithDescription(
            "Replaces the event and all its parts in one transaction. Send `If-Match` with the ETag you read to refuse the write " +
            "(412) if someone changed it since. A relation to the event itself is 400.");
        routes.Delete.WithDescription(
            "Soft-deletes the event: gone from lists and timelines, kept in history. 409 while another live event links to it.");
        return api;
    }

    private static async Task<IReadOnlyList<EventResponse>> ListPageAsync(
        IDbConnection connection, string? match, long after, int take, CancellationToken cancellationToken)
    {
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            match is null ? ListSql : SearchSql,
            new { After = after, Take = take, Match = match is null ? null : $"title : ({match})" },
            cancellationToken: cancellationToken))).ToList();
        return await EventReader.LoadAsync(connection, ids, cancellationToken: cancellationToken);
    }

    private static Task<ProblemHttpResult?> CheckNoSelfLinkAsync(IDbConnection connection, IDbTransaction transaction, long? id, EventRequest request)
    {
        var errors = (request.Relations ?? [])
            .Select((relation, index) => (relation, index))
            .Where(pair => id is not null && pair.relation.TargetEventId == id)
            .ToDictionary(pair => $"relations[{pair.index}].targetEventId", _ => SelfLinkMessage);
        return Task.FromResult(errors.Count == 0 ? null : ValidationProblems.For(errors));
    }

    private static async Task<ProblemHttpResult?> CheckNotLinkedAsync(IDbConnection connection, IDbTransaction transaction, long id)
    {
        var linking = (await connection.QueryAsync<long>(InboundRelationsSql, new { Id = id }, transaction)).ToList();
        return linking.Count == 0
            ? null
            : Problems.Conflict(
                "Other events link to this event.",
                "Live events have relations to this one; remove those relations or delete those events first.",
                new Dictionary<string, object?> { ["referencingEventIds"] = linking });
    }
}
