using EventTracker.Api.Common;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Actors;

public static class ActorsApi
{
    internal static readonly ResourceDefinition<ActorRequest, ActorResponse> Definition = new()
    {
        EntityType = "actor",
        CollectionPath = "/api/v1/actors",
        PluralName = "Actors",
        List = ActorStore.ListAsync,
        Get = ActorStore.GetAsync,
        Insert = ActorStore.InsertAsync,
        Update = ActorStore.UpdateAsync,
        SoftDelete = ActorStore.SoftDeleteAsync,
        CheckDelete = CheckUnusedAsync,
    };

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

        var routes = group.MapResource(Definition, "Actor");
        routes.List.WithDescription("People who act and speak — spokespeople, ministers, secretaries general — in id order. `q` searches names and aliases in any script (`q=Песков` finds Dmitry Peskov).");
        routes.Get.WithDescription("The actor with their affiliations, each naming its organization. Send `If-None-Match` with the ETag to get 304 when unchanged.");
        routes.Create.WithRequestExample(Example);
        routes.Update.WithRequestExample(Example);
        routes.Create.WithDescription(
            "Creates an actor. Example: Maria Zakharova (aliases `Мария Захарова`), affiliated with the Russian Ministry of Foreign Affairs " +
            "as its spokeswoman from `2015-08`. Affiliation dates may be partial; `to` may be omitted for a role still held.");
        routes.Update.WithDescription("Replaces the actor and all their affiliations. Send `If-Match` with the ETag you read to refuse the write (412) if someone changed it since.");
        routes.Delete.WithDescription("Soft-deletes the actor: gone from lists, kept in history. 409 while a live event names them as participant or speaker.");
        return api;
    }

    private static async Task<ProblemHttpResult?> CheckUnusedAsync(
        System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long id)
    {
        var events = await ActorStore.ReferencingEventsAsync(connection, transaction, id);
        return events.Count == 0
            ? null
            : Problems.Conflict(
                "The actor is still in use.",
                "Live events name this actor as a participant or speaker; change or delete them first.",
                new Dictionary<string, object?> { ["referencingEventIds"] = events });
    }
}
