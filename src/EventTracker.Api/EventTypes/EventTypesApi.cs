using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.EventTypes;

public static class EventTypesApi
{
    public static IServiceCollection AddEventTypes(this IServiceCollection services) => services.AddSingleton<EventTypeCatalog>();

    public static RouteGroupBuilder MapEventTypes(this RouteGroupBuilder api)
    {
        api.MapGet("/event-types", ListAsync)
            .WithTags("Event types")
            .WithName("ListEventTypes")
            .WithSummary("List the event taxonomy")
            .WithDescription(
                "The controlled vocabulary for an event's `type`, with the CAMEO code and the PLOVER " +
                "event type and mode each maps to, for matching records with GDELT, ICEWS and POLECAT.");
        return api;
    }

    private static async Task<Ok<EventTypeList>> ListAsync(IEventTypeStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new EventTypeList(await store.ListAsync(cancellationToken)));
}
