using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EventTracker.Api.Common;

namespace EventTracker.Api.Events;

/// <summary>
/// Events as the JSON array that EventWriter's statements read with <c>json_each</c>: one object per
/// event holding its columns as stored (dates as spans, enums as text) and its parts as arrays.
/// </summary>
internal static class EventRows
{
    // Non-ASCII text goes through as UTF-8; SQLite decodes whatever escapes remain.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    public static string Json(IReadOnlyList<NewRecord<EventRequest>> events)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var item in events)
            {
                Write(writer, item);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, NewRecord<EventRequest> item)
    {
        var request = item.Request;
        var date = PartialDate.Parse(request.Date!);
        PartialDate? end = request.EndDate is null ? null : PartialDate.Parse(request.EndDate);
        writer.WriteStartObject();
        writer.WriteNumber("id", item.Id);
        writer.WriteString("externalId", item.ExternalId);
        writer.WriteString("type", request.Type);
        writer.WriteString("title", request.Title);
        writer.WriteString("summary", request.Summary);
        writer.WriteString("date", date.Text);
        writer.WriteString("datePrecision", EnumText.ToText(date.Precision));
        writer.WriteString("spanStart", date.FirstText);
        writer.WriteString("spanEnd", date.LastText);
        writer.WriteString("endDate", end?.Text);
        writer.WriteString("endDatePrecision", end is { } e ? EnumText.ToText(e.Precision) : null);
        writer.WriteString("status", EnumText.ToText(request.Status!.Value));
        writer.WriteString("locationName", request.Location?.Name);
        writer.WriteString("countryCode", request.Location?.CountryCode);
        WriteNumber(writer, "latitude", request.Location?.Latitude);
        WriteNumber(writer, "longitude", request.Location?.Longitude);

        writer.WriteStartArray("participants");
        foreach (var p in request.Participants ?? [])
        {
            writer.WriteStartObject();
            WriteNumber(writer, "organizationId", p.OrganizationId);
            WriteNumber(writer, "actorId", p.ActorId);
            writer.WriteString("role", EnumText.ToText(p.Role!.Value));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("quantities");
        foreach (var q in request.Quantities ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("kind", EnumText.ToText(q.Kind!.Value));
            WriteNumber(writer, "value", q.Value);
            writer.WriteString("unit", q.Unit);
            writer.WriteString("note", q.Note);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("citations");
        foreach (var c in request.Citations ?? [])
        {
            writer.WriteStartObject();
            WriteNumber(writer, "sourceId", c.SourceId);
            writer.WriteString("quote", c.Quote);
            WriteNumber(writer, "speakerActorId", c.SpeakerActorId);
            writer.WriteString("claim", EnumText.ToText(c.Claim ?? CitationClaim.Reports));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("relations");
        foreach (var r in request.Relations ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("type", EnumText.ToText(r.Type!.Value));
            WriteNumber(writer, "targetEventId", r.TargetEventId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("tags");
        foreach (var tag in request.Tags ?? [])
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("externalIds");
        foreach (var (system, value) in request.ExternalIds ?? new Dictionary<string, string>())
        {
            writer.WriteString(system, value);
        }

        writer.WriteEndObject();
        writer.WriteString("quotes", string.Join("\n", (request.Citations ?? []).Select(c => c.Quote).Where(q => !string.IsNullOrEmpty(q))));
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
