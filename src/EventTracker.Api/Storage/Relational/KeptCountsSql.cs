using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using Dapper;
using EventTracker.Api.Timeline;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// The histogram from the counts kept at write time (table <c>organization_event_counts</c>, kept by the triggers of
/// migration 0010): one organization with its sub-organizations, any types, and a date range whose bounds are whole
/// months or years. Other filters need the events themselves, and the caller counts them by the scan.
/// </summary>
public static class KeptCountsSql
{
    /// <summary>The single organization whose kept counts answer <paramref name="filters"/>, or null when they cannot.</summary>
    public static long? AnsweringOrganization(TimelineFilters filters)
    {
        if (ResolvedFilters.Set(filters.Organization) is not [var organization] || filters.IncludeSubOrganizations == false)
        {
            return null;
        }

        var scanOnly = filters.Counterpart is not null || ResolvedFilters.Set(filters.Actor) is not null || ResolvedFilters.Set(filters.Status) is not null
                       || ResolvedFilters.Set(filters.Country) is not null || SearchText.From(filters.Q) is not null
                       || ResolvedFilters.Set(filters.Source) is not null || ResolvedFilters.Set(filters.Tag) is not null || filters.Wave is not null;
        return scanOnly || !WholeMonths(filters.From) || !WholeMonths(filters.To) ? null : organization;
    }

    private static bool WholeMonths(string? bound) =>
        bound is null || PartialDate.Parse(bound).Precision is DatePrecision.Year or DatePrecision.Month;

    /// <summary>
    /// The statement for <paramref name="filters"/> (which <see cref="AnsweringOrganization"/> accepted): rows of
    /// (first month, type, events). A range keeps the events whose whole span lies inside it, or with overlap those
    /// that touch it; with whole-month bounds the months of the span's ends decide both.
    /// </summary>
    public static (string Sql, DynamicParameters Parameters) Rows(IRelationalDialect dialect, long organization, TimelineFilters filters)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Organization", organization);
        var conditions = new List<string> { "organization_id = @Organization", "events > 0" };
        if (ResolvedFilters.Set(filters.Type) is { } types)
        {
            parameters.Add("Types", types);
            conditions.Add($"event_type {dialect.InList("Types")}");
        }

        var overlap = filters.Overlap ?? false;
        if (filters.From is { } from)
        {
            parameters.Add("FromMonth", Month(PartialDate.Parse(from).First));
            conditions.Add(overlap ? "last_month >= @FromMonth" : "first_month >= @FromMonth");
        }

        if (filters.To is { } to)
        {
            parameters.Add("ToMonth", Month(PartialDate.Parse(to).Last));
            conditions.Add(overlap ? "first_month <= @ToMonth" : "last_month <= @ToMonth");
        }

        return ($"SELECT first_month, event_type, events FROM organization_event_counts WHERE {string.Join(" AND ", conditions)}", parameters);
    }

    /// <summary>
    /// The events per first month (as the day number, since 1970-01-01, of the month's first day) and type (its index in
    /// <paramref name="typeCodes"/>, -1 for one not listed); null if a stored month is not a YYYY-MM the calendar has.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(int Day, int Type), long>?> CountAsync(
        DbConnection connection, IRelationalDialect dialect, long organization, TimelineFilters filters, IReadOnlyList<string> typeCodes,
        CancellationToken cancellationToken)
    {
        var (sql, parameters) = Rows(dialect, organization, filters);
        var typeIndex = typeCodes.Select((code, i) => (code, i)).ToDictionary(t => t.code, t => t.i, StringComparer.Ordinal);
        var days = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new Dictionary<(int Day, int Type), long>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        while (reader.Read())
        {
            var month = reader.GetString(0);
            if (!days.TryGetValue(month, out var day))
            {
                if (FirstDay(month) is not { } first)
                {
                    return null;
                }

                days[month] = day = first;
            }

            var type = typeIndex.GetValueOrDefault(reader.GetString(1), -1);
            CollectionsMarshal.GetValueRefOrAddDefault(counts, (day, type), out _) += reader.GetInt64(2);
        }

        return counts;
    }

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static int? FirstDay(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first.DayNumber - UnixEpochDayNumber
            : null;

    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;
}
