using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using EventTracker.Api.Paging;
using EventTracker.Api.Timeline;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Builds the timeline's SQL from fixed fragments; every value is a parameter. The query is "driven"
/// by the most selective index: participants by organization or actor (one ordered index range per id,
/// merged), else events by type, else events by date; the other filters are predicates on the event.
/// Rows come back in (span_start, id) order, so pages resume with a keyset and never sort the table.
/// </summary>
public static partial class TimelineSql
{
    /// <summary>Above this many ids one IN list replaces the per-id ordered ranges.</summary>
    private const int MaxDriverArms = 64;

    /// <summary>The longest span a partial date can denote (a leap year), for the overlap index bound.</summary>
    private const int MaxSpanDays = 366;

    /// <summary>
    /// One page of (sort key, event id) rows after <paramref name="after"/>. <paramref name="match"/> is the full-text
    /// query of the filters' text, if any; <paramref name="matchIsCommon"/> says it matches so many events that
    /// walking the date index beats looking every match up.
    /// </summary>
    public static (string Sql, DynamicParameters Parameters) Page(
        IRelationalDialect dialect, ResolvedFilters filters, string? match, bool matchIsCommon, TimelinePosition? after, bool descending, int take)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Take", take);
        var direction = descending ? "DESC" : "ASC";

        var driver = Driver(dialect, filters, new TextCondition(match, dialect.EventText.Matches("e", matchIsCommon)), parameters);
        var conditions = driver.Conditions;
        conditions.AddRange(KeyBounds(filters, driver.KeyColumn, after, descending, parameters));

        if (after is { } position)
        {
            // The key's side of the cursor is in KeyBounds; this breaks ties between events of the same first day.
            parameters.Add("AfterKey", position.SpanStart);
            parameters.Add("AfterId", position.EventId);
            var strict = descending ? "<" : ">";
            conditions.Add($"({driver.KeyColumn} {strict} @AfterKey OR {driver.IdColumn} {strict} @AfterId)");
        }

        var where = string.Join(" AND ", conditions);
        var order = $"ORDER BY sort_key {direction}, event_id {direction} LIMIT @Take";
        var arms = driver.Arms.Select(arm =>
            $"SELECT {driver.KeyColumn} AS sort_key, {driver.IdColumn} AS event_id FROM {driver.From} WHERE {arm} AND {where}").ToList();

        var sql = arms.Count == 1 ? $"{arms[0]} {order}"
            : dialect.MergesOrderedArms ? $"{string.Join(" UNION ALL ", arms)} {order}"
            : string.Join(" UNION ALL ", arms.Select((arm, i) => $"SELECT sort_key, event_id FROM ({arm} {order}) AS arm{i}")) + $" {order}";
        return (sql, parameters);
    }

    /// <summary>
    /// What the histogram counts, as integers so that reading a row allocates nothing: the day as days
    /// since 1970-01-01 and the type as its index in <paramref name="typeCodes"/>. Driven by events,
    /// one row per (day, type) with its count. Driven by participants, one row per matching participant
    /// with its event id, unordered, which the caller counts once per event — cheaper than SQLite's
    /// COUNT(DISTINCT), which sorts every row.
    /// </summary>
    public static (string Sql, DynamicParameters Parameters, bool RowPerParticipant) HistogramRows(
        IRelationalDialect dialect, ResolvedFilters filters, string? match, IReadOnlyList<string> typeCodes)
    {
        var parameters = new DynamicParameters();
        var driver = Driver(dialect, filters, new TextCondition(match, dialect.EventText.Matches("e", matchIsCommon: false)), parameters);
        var conditions = driver.Conditions;
        conditions.AddRange(KeyBounds(filters, driver.KeyColumn, after: null, descending: false, parameters));
        var scope = driver.Arms.Count == 1 ? driver.Arms[0] : "(" + string.Join(" OR ", driver.Arms) + ")";
        var where = $"{scope} AND {string.Join(" AND ", conditions)}";
        var typeIndex = new StringBuilder($"CASE {driver.TypeColumn}");
        for (var i = 0; i < typeCodes.Count; i++)
        {
            parameters.Add("HistogramType" + i.ToString(CultureInfo.InvariantCulture), typeCodes[i]);
            typeIndex.Append(CultureInfo.InvariantCulture, $" WHEN @HistogramType{i} THEN {i}");
        }

        typeIndex.Append(" ELSE -1 END");
        var day = dialect.DaysSince1970(driver.KeyColumn);
        var sql = driver.ByParticipant
            ? $"SELECT {day}, {typeIndex}, {driver.IdColumn} FROM {driver.From} WHERE {where}"
            : $"SELECT {day}, {typeIndex}, COUNT(*) FROM {driver.From} WHERE {where} GROUP BY {driver.KeyColumn}, {driver.TypeColumn}";
        return (sql, parameters, driver.ByParticipant);
    }

    /// <summary>
    /// The index that drives a query: its table(s), sort key, event id and type columns, one condition per
    /// ordered range ("arm"), and every other filter as a condition. Participants carry their event's
    /// date, type and deleted flag, so the events table is joined only when another filter needs it.
    /// </summary>
    private sealed record DriverQuery(
        string From, string KeyColumn, string IdColumn, string TypeColumn, IReadOnlyList<string> Arms, List<string> Conditions, bool ByParticipant);

    private static DriverQuery Driver(IRelationalDialect dialect, ResolvedFilters filters, TextCondition text, DynamicParameters parameters)
    {
        if (filters.OrganizationScope is { } organizations)
        {
            return ParticipantDriver(dialect, filters, text, parameters, Arms(dialect, "p.organization_id", "DriverOrg", organizations, parameters), skipActor: false);
        }

        if (filters.ActorIds is { } actors)
        {
            return ParticipantDriver(dialect, filters, text, parameters, Arms(dialect, "p.actor_id", "DriverActor", actors, parameters), skipActor: true);
        }

        var conditions = Conditions(dialect, filters, text, parameters, skipActor: false, skipType: filters.Types is not null, "e.type", ("e.span_start", "e.span_end"));
        conditions.Insert(0, "e.deleted_at IS NULL");
        var arms = filters.Types is { } types ? Arms(dialect, "e.type", "DriverType", types, parameters) : ["1 = 1"];
        return new DriverQuery("events e", "e.span_start", "e.id", "e.type", arms, conditions, ByParticipant: false);
    }

    private static DriverQuery ParticipantDriver(
        IRelationalDialect dialect, ResolvedFilters filters, TextCondition text, DynamicParameters parameters, IReadOnlyList<string> arms, bool skipActor)
    {
        // The participant row carries its event's date span too: a date range alone needs no visit to the events table.
        var conditions = Conditions(dialect, filters, text, parameters, skipActor, skipType: false, "p.event_type", ("p.event_span_start", "p.event_span_end"));
        var from = conditions.Any(EventColumn().IsMatch) ? "event_participants p JOIN events e ON e.id = p.event_id" : "event_participants p";
        conditions.Insert(0, "p.event_deleted = 0");
        return new DriverQuery(from, "p.event_span_start", "p.event_id", "p.event_type", arms, conditions, ByParticipant: true);
    }

    private static List<string> Arms<T>(IRelationalDialect dialect, string column, string name, IReadOnlyList<T> values, DynamicParameters parameters)
    {
        if (values.Count == 0)
        {
            return ["1 = 0"];
        }

        if (values.Count > MaxDriverArms)
        {
            parameters.Add(name, values);
            return [$"{column} {dialect.InList(name)}"];
        }

        return values.Select((value, i) =>
        {
            parameters.Add(name + i.ToString(CultureInfo.InvariantCulture), value);
            return $"{column} = @{name}{i}";
        }).ToList();
    }

    /// <summary>The full-text query of the filters' text, and the store's condition for it.</summary>
    private readonly record struct TextCondition(string? Match, string Condition);

    /// <summary>
    /// Every filter but the driving one as a condition. An organization scope always drives (see
    /// <see cref="Driver"/>), so it is never a condition here.
    /// </summary>
    private static List<string> Conditions(
        IRelationalDialect dialect, ResolvedFilters f, TextCondition text, DynamicParameters parameters, bool skipActor, bool skipType, string typeColumn,
        (string Start, string End) span)
    {
        var conditions = new List<string>();
        if (f.ActorIds is { } actors && !skipActor)
        {
            parameters.Add("Actors", actors);
            conditions.Add($"e.id IN (SELECT pa.event_id FROM event_participants pa WHERE pa.actor_id {dialect.InList("Actors")})");
        }

        if (f.CounterpartScope is { } counterparts)
        {
            parameters.Add("Counterparts", counterparts);
            conditions.Add($"EXISTS (SELECT 1 FROM event_participants pc WHERE pc.event_id = e.id AND pc.organization_id {dialect.InList("Counterparts")})");
        }

        if (f.Types is { } types && !skipType)
        {
            parameters.Add("Types", types);
            conditions.Add($"{typeColumn} {dialect.InList("Types")}");
        }

        if (f.Statuses is { } statuses)
        {
            parameters.Add("Statuses", statuses);
            conditions.Add($"e.status {dialect.InList("Statuses")}");
        }

        if (f.Countries is { } countries)
        {
            parameters.Add("Countries", countries);
            parameters.Add("CountryOrganizations", f.CountryOrganizations ?? []);
            conditions.Add($"(e.location_country_code {dialect.InList("Countries")} OR EXISTS (SELECT 1 FROM event_participants pk " +
                           $"WHERE pk.event_id = e.id AND pk.organization_id {dialect.InList("CountryOrganizations")}))");
        }

        // The date range's conditions on the first day (the driving index's key) are in KeyBounds.
        if (f.From is { } from && f.Overlap)
        {
            parameters.Add("FromFirst", from.FirstText);
            conditions.Add($"{span.End} >= @FromFirst");
        }

        if (f.To is { } to && !f.Overlap)
        {
            parameters.Add("ToLast", to.LastText);
            conditions.Add($"{span.End} <= @ToLast");
        }

        if (text.Match is { } match)
        {
            parameters.Add("Match", match);
            conditions.Add(text.Condition);
        }

        if (f.Sources is { } sources)
        {
            parameters.Add("Sources", sources);
            conditions.Add($"EXISTS (SELECT 1 FROM event_citations ci WHERE ci.event_id = e.id AND ci.source_id {dialect.InList("Sources")})");
        }

        if (f.Wave is { } wave)
        {
            parameters.Add("Wave", wave);
            conditions.Add("(e.id = @Wave OR EXISTS (SELECT 1 FROM event_relations w WHERE w.event_id = e.id AND w.type = 'part_of' AND w.target_event_id = @Wave))");
        }

        if (f.Tags is { } tags)
        {
            parameters.Add("Tags", tags);
            conditions.Add($"EXISTS (SELECT 1 FROM event_tags t WHERE t.event_id = e.id AND t.tag {dialect.InList("Tags")})");
        }

        return conditions;
    }

    /// <summary>
    /// One lower and one upper bound on the driving index's key (the first day), so that a date range and a cursor
    /// read only their slice of the index: the tightest of what the range and the cursor ask for, computed here. With
    /// two bounds on one side the store seeks by one and filters by the other, and a statement is planned once for all
    /// values (SQLite's planner stability guarantee is on), so it cannot know which is tighter: a page deep into a long
    /// range would start its seek at the range's first day.
    /// </summary>
    private static IEnumerable<string> KeyBounds(
        ResolvedFilters f, string keyColumn, TimelinePosition? after, bool descending, DynamicParameters parameters)
    {
        var lowest = f.From is not { } from ? null
            : f.Overlap ? from.First.AddDays(-MaxSpanDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : from.FirstText;
        var highest = f.To?.LastText;
        if (after is { } position)
        {
            if (descending)
            {
                highest = Earliest(highest, position.SpanStart);
            }
            else
            {
                lowest = Latest(lowest, position.SpanStart);
            }
        }

        if (lowest is not null)
        {
            parameters.Add("KeyFrom", lowest);
            yield return $"{keyColumn} >= @KeyFrom";
        }

        if (highest is not null)
        {
            parameters.Add("KeyTo", highest);
            yield return $"{keyColumn} <= @KeyTo";
        }
    }

    private static string Latest(string? a, string b) => a is null || string.CompareOrdinal(b, a) > 0 ? b : a;

    private static string Earliest(string? a, string b) => a is null || string.CompareOrdinal(b, a) < 0 ? b : a;

    /// <summary>A condition on a column of the events table (alias <c>e</c>), which then has to be joined.</summary>
    [GeneratedRegex(@"\be\.")]
    private static partial Regex EventColumn();
}
