using Dapper;
using EventTracker.Api.EventTypes;

namespace EventTracker.Api.Storage.Relational;

public sealed class EventTypeStore(IRelationalDialect dialect) : IEventTypeStore
{
    private const string ListSql = """
        SELECT code, label, description, cameo_code, cameo_note, plover_type, plover_mode
        FROM event_types
        ORDER BY sort_order, code
        """;

    public async Task<IReadOnlyList<EventTypeResponse>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventTypeRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken));
        return rows.Select(row => new EventTypeResponse(
                row.Code,
                row.Label,
                row.Description,
                new CameoMapping(row.CameoCode, row.CameoNote),
                new PloverMapping(row.PloverType, row.PloverMode)))
            .ToList();
    }

    private sealed record EventTypeRow(
        string Code, string Label, string Description, string CameoCode, string? CameoNote, string? PloverType, string? PloverMode);
}
