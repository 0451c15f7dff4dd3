using System.ComponentModel;
using EventTracker.Api.Auth;
using EventTracker.Api.Errors;
using EventTracker.Api.History;
using EventTracker.Api.Http;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Paging;
using EventTracker.Api.Records;
using EventTracker.Api.Values;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Events;

public static class EventsApi
{
    internal static readonly RecordResource Resource = new(RecordKind.Event, "/api/v1/events");

    private static readonly string[] SelfLinkMessage = ["An event cannot be related to itself."];

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
        var edits = group.MapGroup("").RequireEditor();

        group.MapGet("/", ListAsync)
            .WithName("ListEvents")
            .WithSummary("List events")
            .WithDescription("Events in id (entry) order, each whole. `q` searches titles. For date order and filters use GET /api/v1/timeline.");

        group.MapGet("/{id:recordId}", GetAsync)
            .WithName("GetEvent")
            .WithSummary("Get one event")
            .WithDescription(
                "The whole event: participants with names and roles, quantities, citations with source title, URL and publisher and the " +
                "speaker's name, relations with the target's title and date. Send `If-None-Match` with the ETag to get 304 when unchanged.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:recordId}/history", HistoryAsync)
            .WithHistoryDocs(Resource, "Event");

        edits.MapPost("/", CreateAsync)
            .WithName("CreateEvent")
            .WithSummary("Create an event")
            .WithDescription(
                "Creates an event with all its parts in one transaction. Example from October 2021: `type` `accreditation_withdrawal`, " +
                "`date` `2021-10-06`, `endDate` `2021-10-31`, NATO as `initiator` and Russia's mission to NATO as `target`, quantities " +
                "`accreditations_withdrawn` 8, `staff_before` 20, `staff_after` 10. Moscow's answer is a later event with a " +
                "`responds_to` relation to this one. Every reference must name a live record; errors are keyed by JSON path, e.g. " +
                "`participants[1].organizationId`.")
            .WithRequestExample(Example)
            .ProducesRecordProblems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        edits.MapPut("/{id:recordId}", UpdateAsync)
            .WithName("UpdateEvent")
            .WithSummary("Replace an event")
            .WithDescription(
                "Replaces the event and all its parts in one transaction. Send `If-Match` with the ETag you read to refuse the write " +
                "(412) if someone changed it since. A relation to the event itself, or a response dated before what it answers, is 400.")
            .WithRequestExample(Example)
            .ProducesRecordProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        edits.MapDelete("/{id:recordId}", DeleteAsync)
            .WithName("DeleteEvent")
            .WithSummary("Delete an event")
            .WithDescription("Soft-deletes the event: gone from lists and timelines, kept in history. 409 while another live event links to it.")
            .ProducesRecordProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
        return api;
    }

    private static Task<Results<Ok<Page<EventResponse>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ListQuery query, CursorCodec cursors, IEventStore store, CancellationToken cancellationToken) =>
        IdKeysetPaging.PageAsync(query, "Events", cursors, (search, after, take) => store.ListAsync(search, after, take, cancellationToken));

    // As every record's GET (ETag, 304), with the body straight from the event's stored document.
    private static async Task<Results<StoredJson<EventResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        [Description("The record's id.")] long id, HttpContext http, IEventStore store, CancellationToken cancellationToken)
    {
        if (await store.FindJsonAsync(id, cancellationToken) is not { } found)
        {
            return Problems.NotFound(Resource.EntityType, id);
        }

        var etag = ETags.For(id, found.Version);
        ETags.Set(http.Response, etag);
        return ETags.IsNotModified(http.Request, etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : new StoredJson<EventResponse>(found.Json);
    }

    private static Task<Results<Ok<HistoryResponse<EventResponse>>, ProblemHttpResult>> HistoryAsync(
        [Description("The record's id.")] long id, HistoryReader history, CancellationToken cancellationToken) =>
        history.ListAsync<EventResponse>(Resource.Kind, id, cancellationToken);

    private static Task<Results<Created<EventResponse>, ProblemHttpResult>> CreateAsync(
        EventRequest request, HttpContext http, IEventStore store, RecordWrites writes, CancellationToken cancellationToken) =>
        writes.CreateAsync(store, Resource, request, http, RelationCheck(store.DatesAsync), cancellationToken);

    private static Task<Results<Ok<EventResponse>, ProblemHttpResult>> UpdateAsync(
        [Description("The record's id.")] long id, EventRequest request, HttpContext http, IEventStore store, RecordWrites writes,
        CancellationToken cancellationToken) =>
        writes.UpdateAsync(store, Resource, id, request, http, RelationCheck(store.DatesAsync), cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [Description("The record's id.")] long id, HttpContext http, IEventStore store, RecordWrites writes, CancellationToken cancellationToken) =>
        writes.DeleteAsync(store, Resource, id, http, NotLinkedCheck(store), cancellationToken);

    /// <summary>
    /// No relation to the event itself, and no response dated certainly before what it answers (a response dated
    /// 2024-03 may answer an event of 2024-03-05; one dated 2024-02 may not).
    /// </summary>
    internal static WriteCheck<EventRequest> RelationCheck(EventDatesLookup datesOf) => async (work, id, request) =>
    {
        var relations = request.Relations ?? [];
        var errors = new Dictionary<string, string[]>();
        var answered = new List<(int Index, long Target)>();
        for (var i = 0; i < relations.Count; i++)
        {
            if (relations[i].TargetEventId is not { } target)
            {
                continue;
            }

            if (target == id)
            {
                errors[$"relations[{i}].targetEventId"] = SelfLinkMessage;
            }
            else if (relations[i].Type == RelationType.RespondsTo)
            {
                answered.Add((i, target));
            }
        }

        if (answered.Count > 0 && PartialDate.TryParse(request.Date, out var date))
        {
            var dates = await datesOf(work, answered.Select(a => a.Target).Distinct().ToList());
            foreach (var (index, target) in answered)
            {
                if (dates.TryGetValue(target, out var text) && PartialDate.Parse(text).First > date.Last)
                {
                    errors[$"relations[{index}].targetEventId"] =
                        [$"A response cannot be dated before what it answers: event {target} is dated {text}, after {request.Date}."];
                }
            }
        }

        return errors.Count == 0 ? null : ValidationProblems.For(errors);
    };

    private static DeleteCheck NotLinkedCheck(IEventStore store) => async (work, id) =>
    {
        var linking = await store.InboundRelationsAsync(work, id);
        return linking.Count == 0
            ? null
            : Problems.Conflict(
                "Other events link to this event.",
                "Live events have relations to this one; remove those relations or delete those events first.",
                new Dictionary<string, object?> { ["referencingEventIds"] = linking });
    };
}
