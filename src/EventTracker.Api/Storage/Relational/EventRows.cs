using EventTracker.Api.Events;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EventTracker.Api.Common;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Events as the rows both providers' event writers insert in one statement per table (SQLite reads them
/// with <c>json_each</c>, PostgreSQL with <c>jsonb_array_elements</c>): for each table one JSON array holding
/// one small array per row, its values in the statement's column order (dates as spans, enums as text).
/// Flat rows keep the store's JSON work to one short parse per row.
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
    public required Table Search { get; init; }

    /// <summary>One table's rows as JSON text, and how many there are.</summary>
    public sealed record Table(string Json, int Count);

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
            _relations = new(), _tags = new(), _externalIds = new(), _search = new();

        public void Add(NewRecord<EventRequest> item)
        {
            var (id, request) = (item.Id, item.Request);
            var date = PartialDate.Parse(request.Date!);
            PartialDate? end = request.EndDate is null ? null : PartialDate.Parse(request.EndDate);
            var spanStart = date.FirstText;
            _events.Row(w =>
            {
                w.WriteNumberValue(id);
                w.WriteStringValue(request.Type);
                w.WriteStringValue(request.Title);
                Text(w, request.Summary);
                w.WriteStringValue(date.Text);
                w.WriteStringValue(EnumText.ToText(date.Precision));
                w.WriteStringValue(spanStart);
                w.WriteStringValue(date.LastText);
                Text(w, end?.Text);
                Text(w, end is { } e ? EnumText.ToText(e.Precision) : null);
                Text(w, request.Status is { } status ? EnumText.ToText(status) : null);
                Text(w, request.Location?.Name);
                Text(w, request.Location?.CountryCode);
                Number(w, request.Location?.Latitude);
                Number(w, request.Location?.Longitude);
                Text(w, item.ExternalId);
            });

            var participants = request.Participants ?? [];
            for (var i = 0; i < participants.Count; i++)
            {
                var p = participants[i];
                _participants.Row(w =>
                {
                    w.WriteNumberValue(id);
                    w.WriteNumberValue(i);
                    Number(w, p.OrganizationId);
                    Number(w, p.ActorId);
                    w.WriteStringValue(EnumText.ToText(p.Role!.Value));
                    w.WriteStringValue(spanStart);
                    w.WriteStringValue(request.Type);
                    w.WriteStringValue(date.LastText);
                });
            }

            var quantities = request.Quantities ?? [];
            for (var i = 0; i < quantities.Count; i++)
            {
                var q = quantities[i];
                _quantities.Row(w =>
                {
                    w.WriteNumberValue(id);
                    w.WriteNumberValue(i);
                    w.WriteStringValue(EnumText.ToText(q.Kind!.Value));
                    Number(w, q.Value);
                    Text(w, q.Unit);
                    Text(w, q.Note);
                });
            }

            var citations = request.Citations ?? [];
            for (var i = 0; i < citations.Count; i++)
            {
                var c = citations[i];
                _citations.Row(w =>
                {
                    w.WriteNumberValue(id);
                    w.WriteNumberValue(i);
                    Number(w, c.SourceId);
                    Text(w, c.Quote);
                    Number(w, c.SpeakerActorId);
                    w.WriteStringValue(EnumText.ToText(c.Claim ?? CitationClaim.Reports));
                });
            }

            var relations = request.Relations ?? [];
            for (var i = 0; i < relations.Count; i++)
            {
                var r = relations[i];
                _relations.Row(w =>
                {
                    w.WriteNumberValue(id);
                    w.WriteNumberValue(i);
                    w.WriteStringValue(EnumText.ToText(r.Type!.Value));
                    Number(w, r.TargetEventId);
                });
            }

            foreach (var tag in request.Tags ?? [])
            {
                _tags.Row(w =>
                {
                    w.WriteNumberValue(id);
                    w.WriteStringValue(tag);
                });
            }

            foreach (var (system, value) in request.ExternalIds ?? new Dictionary<string, string>())
            {
                _externalIds.Row(w =>
                {
                    w.WriteNumberValue(id);
                    w.WriteStringValue(system);
                    w.WriteStringValue(value);
                });
            }

            _search.Row(w =>
            {
                w.WriteNumberValue(id);
                w.WriteStringValue(request.Title);
                Text(w, request.Summary);
                w.WriteStringValue(string.Join("\n", citations.Select(c => c.Quote).Where(q => !string.IsNullOrEmpty(q))));
            });
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
            Search = _search.Finish(),
        };

        public void Dispose()
        {
            foreach (var writer in new[] { _events, _participants, _quantities, _citations, _relations, _tags, _externalIds, _search })
            {
                writer.Dispose();
            }
        }

        private static void Text(Utf8JsonWriter writer, string? value)
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }

        private static void Number(Utf8JsonWriter writer, long? value)
        {
            if (value is { } number)
            {
                writer.WriteNumberValue(number);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        private static void Number(Utf8JsonWriter writer, double? value)
        {
            if (value is { } number)
            {
                writer.WriteNumberValue(number);
            }
            else
            {
                writer.WriteNullValue();
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
                _writer.WriteStartArray();
                values(_writer);
                _writer.WriteEndArray();
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
