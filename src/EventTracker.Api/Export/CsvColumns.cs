using System.Globalization;
using CsvHelper;
using EventTracker.Api.Events;
using EventTracker.Api.Values;

namespace EventTracker.Api.Export;

/// <summary>
/// The CSV export's columns: one row per event; lists are flattened into one field each, their
/// entries separated by <see cref="ListSeparator"/>.
/// </summary>
/// <remarks>
/// Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, tab or carriage return as a formula. Unless the client asks for the raw text, every such cell is written
/// quoted with a single quote <c>'</c> before it, which spreadsheets show as text. The four number columns (id,
/// latitude, longitude, version) are left as they are: the service writes them from numbers, so they hold nothing
/// but a number (a negative longitude stays a number), and no other column's value the service formats (dates,
/// enums, timestamps) starts with one of those characters. Free text does get the quote, even where it is
/// harmless (a title "-1 diplomats" is written <c>'-1 diplomats</c>): OWASP's rule has no exceptions for text.
/// </remarks>
public static class CsvColumns
{
    public const string ListSeparator = " | ";

    /// <summary>What a spreadsheet takes for the start of a formula, after OWASP's CSV Injection guidance.</summary>
    public static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Written before a cell that starts like a formula, so that a spreadsheet shows it as text.</summary>
    public const char FormulaGuard = '\'';

    private static readonly (string Name, string Meaning, Func<EventResponse, string?> Value)[] Columns =
    [
        ("id", "event id", e => Text(e.Id)),
        ("type", "event type", e => e.Type),
        ("title", "title", e => e.Title),
        ("summary", "summary", e => e.Summary),
        ("date", "date as entered (YYYY, YYYY-MM or YYYY-MM-DD)", e => e.Date),
        ("datePrecision", "day, month or year", e => EnumText.ToText(e.DatePrecision)),
        ("endDate", "deadline or end", e => e.EndDate),
        ("status", "announced, in_effect, completed or cancelled; empty when the sources do not say", e => e.Status is { } status ? EnumText.ToText(status) : null),
        ("locationName", "place name", e => e.Location?.Name),
        ("locationCountryCode", "ISO 3166-1 alpha-2", e => e.Location?.CountryCode),
        ("latitude", "degrees north", e => e.Location?.Latitude?.ToString("R", CultureInfo.InvariantCulture)),
        ("longitude", "degrees east", e => e.Location?.Longitude?.ToString("R", CultureInfo.InvariantCulture)),
        ("initiators", "names of participants with role initiator", e => Names(e, ParticipantRole.Initiator)),
        ("targets", "names of participants with role target", e => Names(e, ParticipantRole.Target)),
        ("participants", "every participant as role:organization|actor:id:name", e => List(e.Participants.Select(p =>
            $"{EnumText.ToText(p.Role)}:{EnumText.ToText(p.Kind)}:{Text(p.OrganizationId ?? p.ActorId ?? 0)}:{p.Name}"))),
        ("quantities", "kind=value unit", e => List(e.Quantities.Select(q => $"{EnumText.ToText(q.Kind)}={Text(q.Value)}{(q.Unit is null ? "" : " " + q.Unit)}"))),
        ("sourceIds", "ids of cited sources", e => List(e.Citations.Select(c => Text(c.SourceId)))),
        ("sourceTitles", "titles of cited sources", e => List(e.Citations.Select(c => c.SourceTitle))),
        ("sourceUrls", "URLs of cited sources (empty for offline sources)", e => List(e.Citations.Select(c => c.SourceUrl ?? ""))),
        ("quotes", "verbatim quotes, in citation order", e => List(e.Citations.Select(c => c.Quote ?? ""))),
        ("relations", "type:targetEventId", e => List(e.Relations.Select(r => $"{EnumText.ToText(r.Type)}:{Text(r.TargetEventId)}"))),
        ("tags", "tags", e => List(e.Tags)),
        ("externalIds", "dataset:id", e => List(e.ExternalIds.Select(x => $"{x.Key}:{x.Value}"))),
        ("version", "record version", e => Text(e.Version)),
        ("createdAt", "UTC", e => e.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
        ("updatedAt", "UTC", e => e.UpdatedAt.ToString("O", CultureInfo.InvariantCulture)),
    ];

    public static string Documentation => string.Join("; ", Columns.Select(c => $"`{c.Name}` ({c.Meaning})"));

    public static void WriteHeader(CsvWriter csv)
    {
        foreach (var column in Columns)
        {
            csv.WriteField(column.Name);
        }

        csv.NextRecord();
    }

    /// <summary>The columns the service writes from numbers: never neutralised (see the remarks).</summary>
    private static readonly HashSet<string> NumberColumns = new(["id", "latitude", "longitude", "version"], StringComparer.Ordinal);

    private static readonly bool[] Guarded = Columns.Select(column => !NumberColumns.Contains(column.Name)).ToArray();

    /// <summary>Writes one event; <paramref name="neutralizeFormulas"/> guards text cells that start like a formula.</summary>
    public static void WriteRow(CsvWriter csv, EventResponse e, bool neutralizeFormulas = true)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            var value = Columns[i].Value(e) ?? "";
            if (neutralizeFormulas && Guarded[i] && StartsLikeAFormula(value))
            {
                csv.WriteField(FormulaGuard + value, shouldQuote: true);
            }
            else
            {
                csv.WriteField(value);
            }
        }

        csv.NextRecord();
    }

    public static bool StartsLikeAFormula(string value) => value.Length > 0 && Array.IndexOf(FormulaStarts, value[0]) >= 0;

    private static string Names(EventResponse e, ParticipantRole role) =>
        List(e.Participants.Where(p => p.Role == role).Select(p => p.Name));

    private static string List(IEnumerable<string> values) => string.Join(ListSeparator, values);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
