using EventTracker.Api.Events;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Names = EventTracker.Api.Storage.Relational.EventTables.Names;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Events as the rows both providers insert in one statement per table: for each table one JSON array holding one
/// object per row, its properties named after the table's columns (<see cref="EventTables"/>), read by name through
/// <see cref="IRelationalDialect.JsonRows"/> (dates as spans, enums as text). Flat rows keep the store's JSON work to
/// one short parse per row.
/// </summary>
internal sealed class EventRows
{
    public required Table Events { get; init; }
    public required Table Participants { get; init; }
    public required Table Quantities { get; init; }
    public required Table Citations { get; init; }
    public required Table Relations { get; init; }
    public required Table Tags { get; init; }
    public required Table ExternalIds { get; init; }

    /// <summary>One table's rows as JSON text, and how many there are.</summary>
    public sealed record Table(string Json, int Count);

    /// <summary>The parts' rows with the table each goes to, in the order they are written.</summary>
    public IEnumerable<(RowTable Table, Table Rows)> Parts()
    {
        yield return (EventTables.Participants, Participants);
        yield return (EventTables.Quantities, Quantities);
        yield return (EventTables.Citations, Citations);
        yield return (EventTables.Relations, Relations);
        yield return (EventTables.Tags, Tags);
        yield return (EventTables.ExternalIds, ExternalIds);
    }

    public static EventRows Of(IReadOnlyList<NewRecord<EventRequest>> events)
    {
        using var rows = new Builder();
        foreach (var item in events)
        {
            rows.Add(item);
        }

        return rows.Build();
    }

    private sealed class Builder : IDisposable
    {
        // Non-ASCII text goes through as UTF-8; SQLite decodes whatever escapes remain.
        private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private readonly RowWriter _events = new(), _participants = new(), _quantities = new(), _citations = new(),
            _relations = new(), _tags = new(), _externalIds = new();

        public void Add(NewRecord<EventRequest> item)
        {
            var (id, request) = (item.Id, item.Request);
            var date = PartialDate.Parse(request.Date!);
            PartialDate? end = request.EndDate is null ? null : PartialDate.Parse(request.EndDate);
            var spanStart = date.FirstText;
            var citations = request.Citations ?? [];
            _events.Row(w =>
            {
                w.WriteNumber(Names.Id, id);
                w.WriteString(Names.Type, request.Type);
                w.WriteString(Names.Title, request.Title);
                Text(w, Names.Summary, request.Summary);
                w.WriteString(Names.Date, date.Text);
                w.WriteString(Names.DatePrecision, EnumText.ToText(date.Precision));
                w.WriteString(Names.SpanStart, spanStart);
                w.WriteString(Names.SpanEnd, date.LastText);
                Text(w, Names.EndDate, end?.Text);
                Text(w, Names.EndDatePrecision, end is { } e ? EnumText.ToText(e.Precision) : null);
                Text(w, Names.Status, request.Status is { } status ? EnumText.ToText(status) : null);
                Text(w, Names.LocationName, request.Location?.Name);
                Text(w, Names.LocationCountryCode, request.Location?.CountryCode);
                Number(w, Names.LocationLatitude, request.Location?.Latitude);
                Number(w, Names.LocationLongitude, request.Location?.Longitude);
                Text(w, Names.ExternalId, item.ExternalId);
                w.WriteString(Names.Quotes, string.Join("\n", citations.Select(c => c.Quote).Where(q => !string.IsNullOrEmpty(q))));
            });

            var participants = request.Participants ?? [];
            for (var i = 0; i < participants.Count; i++)
            {
                var p = participants[i];
                _participants.Row(w =>
                {
                    w.WriteNumber(Names.EventId, id);
                    w.WriteNumber(Names.Position, i);
                    Number(w, Names.OrganizationId, p.OrganizationId);
                    Number(w, Names.ActorId, p.ActorId);
                    w.WriteString(Names.Role, EnumText.ToText(p.Role!.Value));
                    w.WriteString(Names.EventSpanStart, spanStart);
                    w.WriteString(Names.EventType, request.Type);
                    w.WriteString(Names.EventSpanEnd, date.LastText);
                });
            }

            var quantities = request.Quantities ?? [];
            for (var i = 0; i < quantities.Count; i++)
            {
                var q = quantities[i];
                _quantities.Row(w =>
                {
                    w.WriteNumber(Names.EventId, id);
                    w.WriteNumber(Names.Position, i);
                    w.WriteString(Names.Kind, EnumText.ToText(q.Kind!.Value));
                    Number(w, Names.Value, q.Value);
                    Text(w, Names.Unit, q.Unit);
                    Text(w, Names.Note, q.Note);
                });
            }

            for (var i = 0; i < citations.Count; i++)
            {
                var c = citations[i];
                _citations.Row(w =>
                {
                    w.WriteNumber(Names.EventId, id);
                    w.WriteNumber(Names.Position, i);
                    Number(w, Names.SourceId, c.SourceId);
                    Text(w, Names.Quote, c.Quote);
                    Number(w, Names.SpeakerActorId, c.SpeakerActorId);
                    w.WriteString(Names.Claim, EnumText.ToText(c.Claim ?? CitationClaim.Reports));
                });
            }

            var relations = request.Relations ?? [];
            for (var i = 0; i < relations.Count; i++)
            {
                var r = relations[i];
                _relations.Row(w =>
                {
                    w.WriteNumber(Names.EventId, id);
                    w.WriteNumber(Names.Position, i);
                    w.WriteString(Names.Type, EnumText.ToText(r.Type!.Value));
                    Number(w, Names.TargetEventId, r.TargetEventId);
                });
            }

            foreach (var tag in request.Tags ?? [])
            {
                _tags.Row(w =>
                {
                    w.WriteNumber(Names.EventId, id);
                    w.WriteString(Names.Tag, tag);
                });
            }

            foreach (var (system, value) in request.ExternalIds ?? new Dictionary<string, string>())
            {
                _externalIds.Row(w =>
                {
                    w.WriteNumber(Names.EventId, id);
                    w.WriteString(Names.System, system);
                    w.WriteString(Names.Value, value);
                });
            }
        }

        public EventRows Build() => new()
        {
            Events = _events.Finish(),
            Participants = _participants.Finish(),
            Quantities = _quantities.Finish(),
            Citations = _citations.Finish(),
            Relations = _relations.Finish(),
            Tags = _tags.Finish(),
            ExternalIds = _externalIds.Finish(),
        };

        public void Dispose()
        {
            foreach (var writer in new[] { _events, _participants, _quantities, _citations, _relations, _tags, _externalIds })
            {
                writer.Dispose();
            }
        }

        private static void Text(Utf8JsonWriter writer, JsonEncodedText name, string? value)
        {
            if (value is null)
            {
                writer.WriteNull(name);
            }
            else
            {
                writer.WriteString(name, value);
            }
        }

        private static void Number(Utf8JsonWriter writer, JsonEncodedText name, long? value)
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

        private static void Number(Utf8JsonWriter writer, JsonEncodedText name, double? value)
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

        private sealed class RowWriter : IDisposable
        {
            private readonly ArrayBufferWriter<byte> _buffer = new(4096);
            private readonly Utf8JsonWriter _writer;
            private int _count;

            public RowWriter()
            {
                _writer = new Utf8JsonWriter(_buffer, WriterOptions);
                _writer.WriteStartArray();
            }

            public void Row(Action<Utf8JsonWriter> values)
            {
                _writer.WriteStartObject();
                values(_writer);
                _writer.WriteEndObject();
                _count++;
            }

            public Table Finish()
            {
                _writer.WriteEndArray();
                _writer.Flush();
                return new Table(Encoding.UTF8.GetString(_buffer.WrittenSpan), _count);
            }

            public void Dispose() => _writer.Dispose();
        }
    }
}
