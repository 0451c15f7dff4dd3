using System.Text.Json;
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

    /// <summary>The property names of the JSON rows, encoded once.</summary>
    public static class Names
    {
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
        public static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
        public static readonly JsonEncodedText Date = JsonEncodedText.Encode("date");
        public static readonly JsonEncodedText DatePrecision = JsonEncodedText.Encode("date_precision");
        public static readonly JsonEncodedText SpanStart = JsonEncodedText.Encode("span_start");
        public static readonly JsonEncodedText SpanEnd = JsonEncodedText.Encode("span_end");
        public static readonly JsonEncodedText EndDate = JsonEncodedText.Encode("end_date");
        public static readonly JsonEncodedText EndDatePrecision = JsonEncodedText.Encode("end_date_precision");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText LocationName = JsonEncodedText.Encode("location_name");
        public static readonly JsonEncodedText LocationCountryCode = JsonEncodedText.Encode("location_country_code");
        public static readonly JsonEncodedText LocationLatitude = JsonEncodedText.Encode("location_latitude");
        public static readonly JsonEncodedText LocationLongitude = JsonEncodedText.Encode("location_longitude");
        public static readonly JsonEncodedText ExternalId = JsonEncodedText.Encode("external_id");
        public static readonly JsonEncodedText Quotes = JsonEncodedText.Encode("quotes");
        public static readonly JsonEncodedText EventId = JsonEncodedText.Encode("event_id");
        public static readonly JsonEncodedText Position = JsonEncodedText.Encode("position");
        public static readonly JsonEncodedText OrganizationId = JsonEncodedText.Encode("organization_id");
        public static readonly JsonEncodedText ActorId = JsonEncodedText.Encode("actor_id");
        public static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
        public static readonly JsonEncodedText EventSpanStart = JsonEncodedText.Encode("event_span_start");
        public static readonly JsonEncodedText EventType = JsonEncodedText.Encode("event_type");
        public static readonly JsonEncodedText EventSpanEnd = JsonEncodedText.Encode("event_span_end");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
        public static readonly JsonEncodedText Note = JsonEncodedText.Encode("note");
        public static readonly JsonEncodedText SourceId = JsonEncodedText.Encode("source_id");
        public static readonly JsonEncodedText Quote = JsonEncodedText.Encode("quote");
        public static readonly JsonEncodedText SpeakerActorId = JsonEncodedText.Encode("speaker_actor_id");
        public static readonly JsonEncodedText Claim = JsonEncodedText.Encode("claim");
        public static readonly JsonEncodedText TargetEventId = JsonEncodedText.Encode("target_event_id");
        public static readonly JsonEncodedText Tag = JsonEncodedText.Encode("tag");
        public static readonly JsonEncodedText System = JsonEncodedText.Encode("system");
    }
}
