using System.ComponentModel;
using EventTracker.Api.Auth;
using EventTracker.Api.Errors;
using EventTracker.Api.History;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Paging;
using EventTracker.Api.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Actors;

public static class ActorsApi
{
    internal static readonly RecordResource Resource = new(RecordKind.Actor, "/api/v1/actors");

    private static readonly object Example = new
    {
        name = "Maria Zakharova",
        aliases = new[] { "Мария Захарова", "Mariya Zakharova" },
        affiliations = new[]
        {
            new { organizationId = 2, title = "Director of the Information and Press Department (Foreign Ministry spokeswoman)", from = "2015-08", to = (string?)null },
        },
    };

    public static RouteGroupBuilder MapActors(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/actors").WithTags("Actors");
        var edits = group.MapGroup("").RequireEditor();

        group.MapGet("/", ListAsync)
            .WithName("ListActors")
            .WithSummary("List actors")
            .WithDescription("People who act and speak — spokespeople, ministers, secretaries general — in id order. `q` searches names and aliases in any script (`q=Песков` finds Dmitry Peskov).");

        group.MapGet("/{id:recordId}", GetAsync)
            .WithName("GetActor")
            .WithSummary("Get one actor")
            .WithDescription("The actor with their affiliations, each naming its organization. Send `If-None-Match` with the ETag to get 304 when unchanged.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:recordId}/history", HistoryAsync)
            .WithHistoryDocs(Resource, "Actor");

        edits.MapPost("/", CreateAsync)
            .WithName("CreateActor")
            .WithSummary("Create an actor")
            .WithDescription(
                "Creates an actor. Example: Maria Zakharova (aliases `Мария Захарова`), affiliated with the Russian Ministry of Foreign Affairs " +
                "as its spokeswoman from `2015-08`. Affiliation dates may be partial; `to` may be omitted for a role still held.")
            .WithRequestExample(Example)
            .ProducesRecordProblems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        edits.MapPut("/{id:recordId}", UpdateAsync)
            .WithName("UpdateActor")
            .WithSummary("Replace an actor")
            .WithDescription("Replaces the actor and all their affiliations. Send `If-Match` with the ETag you read to refuse the write (412) if someone changed it since.")
            .WithRequestExample(Example)
            .ProducesRecordProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        edits.MapDelete("/{id:recordId}", DeleteAsync)
            .WithName("DeleteActor")
            .WithSummary("Delete an actor")
            .WithDescription("Soft-deletes the actor: gone from lists, kept in history. 409 while a live event names them as participant or speaker.")
            .ProducesRecordProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
        return api;
    }

    private static Task<Results<Ok<Page<ActorResponse>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ListQuery query, CursorCodec cursors, IActorStore store, CancellationToken cancellationToken) =>
        IdKeysetPaging.PageAsync(query, "Actors", cursors, (search, after, take) => store.ListAsync(search, after, take, cancellationToken));

    private static Task<Results<Ok<ActorResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        [Description("The record's id.")] long id, HttpContext http, IActorStore store, CancellationToken cancellationToken) =>
        RecordWrites.GetAsync(store, Resource, id, http, cancellationToken);

    private static Task<Results<Ok<HistoryResponse<ActorResponse>>, ProblemHttpResult>> HistoryAsync(
        [Description("The record's id.")] long id, HistoryReader history, CancellationToken cancellationToken) =>
        history.ListAsync<ActorResponse>(Resource.Kind, id, cancellationToken);

    private static Task<Results<Created<ActorResponse>, ProblemHttpResult>> CreateAsync(
        ActorRequest request, HttpContext http, IActorStore store, RecordWrites writes, CancellationToken cancellationToken) =>
        writes.CreateAsync(store, Resource, request, http, null, cancellationToken);

    private static Task<Results<Ok<ActorResponse>, ProblemHttpResult>> UpdateAsync(
        [Description("The record's id.")] long id, ActorRequest request, HttpContext http, IActorStore store, RecordWrites writes,
        CancellationToken cancellationToken) =>
        writes.UpdateAsync(store, Resource, id, request, http, null, cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [Description("The record's id.")] long id, HttpContext http, IActorStore store, RecordWrites writes, CancellationToken cancellationToken) =>
        writes.DeleteAsync(store, Resource, id, http, UnusedCheck(store), cancellationToken);

    private static DeleteCheck UnusedCheck(IActorStore store) => async (work, id) =>
    {
        var events = await store.ReferencingEventsAsync(work, id);
        return events.Count == 0
            ? null
            : Problems.Conflict(
                "The actor is still in use.",
                "Live events name this actor as a participant or speaker; change or delete them first.",
                new Dictionary<string, object?> { ["referencingEventIds"] = events });
    };
}
