using static EventTracker.Api.Storage.Relational.RowColumn;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// The columns an event write fills, per table, once for both providers: <see cref="EventRows"/> names each row's
/// properties after them and the statements of <see cref="EventStore"/> list them, so a column is added in one place.
/// </summary>
internal static class EventTables
{
    /// <summary>The event's own row; its JSON rows also carry <c>quotes</c> (the citations' quotes) for the text index.</summary>
    public static readonly RowTable Events = new("events",
    [
        Whole("id"), Text("type"), Text("title"), Text("summary"), Text("date"), Text("date_precision"), Text("span_start"),
        Text("span_end"), Text("end_date"), Text("end_date_precision"), Text("status"), Text("location_name"),
        Text("location_country_code"), Real("location_latitude"), Real("location_longitude"), Text("external_id"),
    ]);

    /// <summary>The rows <see cref="EventRows"/> makes of events: their columns and the citations' quotes, for the text index.</summary>
    public static readonly RowTable EventsWithQuotes = new("events", [.. Events.Columns, Text("quotes")]);

    /// <summary>The columns an update of an event sets (all but its id and external id).</summary>
    public static readonly IReadOnlyList<RowColumn> Updated = Events.Columns.Where(c => c.Name is not ("id" or "external_id")).ToArray();

    /// <summary>What the text index reads of an event's JSON row.</summary>
    public static readonly IReadOnlyList<RowColumn> Searched = [Whole("id"), Text("title"), Text("summary"), Text("quotes")];

    public static readonly RowTable Participants = new("event_participants",
    [
        Whole("event_id"), Whole("position"), Whole("organization_id"), Whole("actor_id"), Text("role"),
        Text("event_span_start"), Text("event_type"), Text("event_span_end"),
    ]);

    public static readonly RowTable Quantities = new("event_quantities",
        [Whole("event_id"), Whole("position"), Text("kind"), Whole("value"), Text("unit"), Text("note")]);

    public static readonly RowTable Citations = new("event_citations",
        [Whole("event_id"), Whole("position"), Whole("source_id"), Text("quote"), Whole("speaker_actor_id"), Text("claim")]);

    public static readonly RowTable Relations = new("event_relations",
        [Whole("event_id"), Whole("position"), Text("type"), Whole("target_event_id")]);

    public static readonly RowTable Tags = new("event_tags", [Whole("event_id"), Text("tag")]);

    public static readonly RowTable ExternalIds = new("event_external_ids", [Whole("event_id"), Text("system"), Text("value")]);
}
