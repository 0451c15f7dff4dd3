using Dapper;
using EventTracker.Api.Storage.Sqlite;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.EventTypes;

public static class EventTypesApi
{
    private const string ListSql = """
        SELECT code, label, description, cameo_code, cameo_note, plover_type, plover_mode
        FROM event_types
        ORDER BY sort_order, code
        """;

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

    private static async Task<Ok<EventTypeList>> ListAsync(SqliteConnectionFactory connections, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventTypeRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken));
        var items = rows.Select(row => new EventTypeResponse(
                row.Code,
                row.Label,
                row.Description,
                new CameoMapping(row.CameoCode, row.CameoNote),
                new PloverMapping(row.PloverType, row.PloverMode)))
            .ToList();
        return TypedResults.Ok(new EventTypeList(items));
    }

    private sealed record EventTypeRow(
        string Code, string Label, string Description, string CameoCode, string? CameoNote, string? PloverType, string? PloverMode);
}
