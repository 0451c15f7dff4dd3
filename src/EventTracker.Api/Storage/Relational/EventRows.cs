using EventTracker.Api.Events;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Events as the rows both providers insert in one statement per table: per table, one array of values in its
/// columns' order (<see cref="EventTables"/>; dates as spans, enums as text). A store reads them as JSON text, one
/// object per row with properties named after the columns (<see cref="IRelationalDialect.JsonRows"/>), or loads the
/// values themselves into a staging table (<see cref="IRowStaging"/>).
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
        var rows = new EventRows
        {
            Events = new Table(EventTables.EventsWithQuotes),
            Participants = new Table(EventTables.Participants),
            Quantities = new Table(EventTables.Quantities),
            Citations = new Table(EventTables.Citations),
            Relations = new Table(EventTables.Relations),
            Tags = new Table(EventTables.Tags),
            ExternalIds = new Table(EventTables.ExternalIds),
        };
        foreach (var item in events)
        {
            rows.Add(item);
        }

        return rows;
    }

    private void Add(NewRecord<EventRequest> item)
    {
        var (id, request) = (item.Id, item.Request);
        var date = PartialDate.Parse(request.Date!);
        PartialDate? end = request.EndDate is null ? null : PartialDate.Parse(request.EndDate);
        var (spanStart, spanEnd) = (date.FirstText, date.LastText);
        var citations = request.Citations ?? [];
        Events.Add(
            id, request.Type, request.Title, request.Summary, date.Text, EnumText.ToText(date.Precision), spanStart, spanEnd,
            end?.Text, end is { } e ? EnumText.ToText(e.Precision) : null, request.Status is { } status ? EnumText.ToText(status) : null,
            request.Location?.Name, request.Location?.CountryCode, request.Location?.Latitude, request.Location?.Longitude, item.ExternalId,
            string.Join("\n", citations.Select(c => c.Quote).Where(q => !string.IsNullOrEmpty(q))));

        var participants = request.Participants ?? [];
        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i];
            Participants.Add(id, (long)i, p.OrganizationId, p.ActorId, EnumText.ToText(p.Role!.Value), spanStart, request.Type, spanEnd);
        }

        var quantities = request.Quantities ?? [];
        for (var i = 0; i < quantities.Count; i++)
        {
            var q = quantities[i];
            Quantities.Add(id, (long)i, EnumText.ToText(q.Kind!.Value), q.Value, q.Unit, q.Note);
        }

        for (var i = 0; i < citations.Count; i++)
        {
            var c = citations[i];
            Citations.Add(id, (long)i, c.SourceId, c.Quote, c.SpeakerActorId, EnumText.ToText(c.Claim ?? CitationClaim.Reports));
        }

        var relations = request.Relations ?? [];
        for (var i = 0; i < relations.Count; i++)
        {
            var r = relations[i];
            Relations.Add(id, (long)i, EnumText.ToText(r.Type!.Value), r.TargetEventId);
        }

        foreach (var tag in request.Tags ?? [])
        {
            Tags.Add(id, tag);
        }

        foreach (var (system, value) in request.ExternalIds ?? new Dictionary<string, string>())
        {
            ExternalIds.Add(id, system, value);
        }
    }

    /// <summary>One table's rows: values in <see cref="Of"/>'s column order (long, double, string or null), and as JSON text on demand.</summary>
    public sealed class Table(RowTable of)
    {
        // Non-ASCII text goes through as UTF-8; SQLite decodes whatever escapes remain.
        private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private readonly JsonEncodedText[] _names = of.Columns.Select(c => JsonEncodedText.Encode(c.Name)).ToArray();
        private string? _json;

        public RowTable Of { get; } = of;

        public List<object?[]> Rows { get; } = [];

        public int Count => Rows.Count;

        /// <summary>The rows as a JSON array of objects whose properties are named after the columns.</summary>
        public string Json => _json ??= WriteJson();

        public void Add(params object?[] values)
        {
            if (values.Length != _names.Length)
            {
                throw new ArgumentException($"{Of.Name} takes {_names.Length} values, not {values.Length}.", nameof(values));
            }

            Rows.Add(values);
        }

        private string WriteJson()
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartArray();
                foreach (var row in Rows)
                {
                    writer.WriteStartObject();
                    for (var i = 0; i < row.Length; i++)
                    {
                        switch (row[i])
                        {
                            case null:
                                writer.WriteNull(_names[i]);
                                break;
                            case long whole:
                                writer.WriteNumber(_names[i], whole);
                                break;
                            case double real:
                                writer.WriteNumber(_names[i], real);
                                break;
                            case string text:
                                writer.WriteString(_names[i], text);
                                break;
                            default:
                                throw new ArgumentException($"{Of.Name}.{Of.Columns[i].Name} cannot hold a {row[i]!.GetType().Name}.");
                        }
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}
