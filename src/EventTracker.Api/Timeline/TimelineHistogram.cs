using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Runtime.InteropServices;
using EventTracker.Api.Caching;
using EventTracker.Api.Errors;
using EventTracker.Api.EventTypes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EventTracker.Api.Timeline;

/// <summary>The bucket size of a histogram.</summary>
public sealed record HistogramOptions
{
    /// <summary>Bucket size: day, week (Monday to Sunday), month (the default) or year.</summary>
    [AllowedValues("day", "week", "month", "year")]
    [DefaultValue("month")]
    [FromQuery(Name = "interval")]
    public string? Interval { get; init; }
}

public sealed class HistogramOptionsValidator : AbstractValidator<HistogramOptions>
{
    public HistogramOptionsValidator() =>
        RuleFor(o => o.Interval).Must(i => i is null or "day" or "week" or "month" or "year")
            .WithMessage("interval must be day, week, month or year.");
}

/// <summary>Counts of events per bucket.</summary>
/// <param name="Interval">The bucket size.</param>
/// <param name="Total">All events counted.</param>
/// <param name="Buckets">From the first to the last bucket with events, empty buckets included.</param>
public sealed record HistogramResponse(string Interval, long Total, IReadOnlyList<HistogramBucket> Buckets);

/// <summary>One bucket.</summary>
/// <param name="Label">2021, 2021-10, 2021-W40 or 2021-10-06.</param>
/// <param name="Start">The bucket's first day.</param>
/// <param name="End">The bucket's last day.</param>
/// <param name="Total">Events in the bucket.</param>
/// <param name="ByType">Events in the bucket per event type (types with none are left out).</param>
public sealed record HistogramBucket(string Label, string Start, string End, long Total, IReadOnlyDictionary<string, long> ByType);

public static class TimelineHistogram
{
    public const int MaxBuckets = 100_000;

    public static async Task<Results<Ok<HistogramResponse>, ProblemHttpResult>> GetAsync(
        [AsParameters] TimelineFilters filters, [AsParameters] HistogramOptions options,
        ITimelineStore store, EventTypeCatalog catalog, HttpContext http, CancellationToken cancellationToken)
    {
        var interval = options.Interval ?? "month";
        var codes = await catalog.CodesAsync();
        IReadOnlyDictionary<(int Day, int Type), long> counts;
        await using (var read = await store.OpenAsync(cancellationToken))
        {
            // Month and year buckets are sums of months: the counts kept at write time answer them when the filters allow.
            var byMonth = interval is "month" or "year" ? await read.CountByFirstMonthAndTypeAsync(filters, codes) : null;
            counts = byMonth ?? await read.CountByFirstDayAndTypeAsync(await read.ResolveAsync(filters, DataVersion.ReadBy(http)), codes);
        }

        var byBucket = new Dictionary<DateOnly, Dictionary<string, long>>();
        // Types in the taxonomy's order within each bucket, whichever order the store counted them in.
        foreach (var ((day, type), count) in counts.OrderBy(c => c.Key.Type))
        {
            var start = BucketStart(DateOnly.FromDayNumber(UnixEpochDayNumber + day), interval);
            if (!byBucket.TryGetValue(start, out var byType))
            {
                byType = new Dictionary<string, long>(StringComparer.Ordinal);
                byBucket[start] = byType;
            }

            // Event types reference the taxonomy (a foreign key), which only migrations change, before start-up.
            var code = type >= 0 ? codes[type] : throw new InvalidOperationException("An event has a type the taxonomy does not list.");
            CollectionsMarshal.GetValueRefOrAddDefault(byType, code, out _) += count;
        }

        var buckets = new List<HistogramBucket>();
        if (byBucket.Count > 0)
        {
            var last = byBucket.Keys.Max();
            for (DateOnly? next = byBucket.Keys.Min(); next is { } start && start <= last; next = Next(start, interval))
            {
                if (buckets.Count == MaxBuckets)
                {
                    return ValidationProblems.For(
                        "interval", $"Too many buckets: the events span more than {MaxBuckets} {interval}s; choose a coarser interval or a narrower date range.");
                }

                var byType = byBucket.GetValueOrDefault(start) ?? new Dictionary<string, long>(StringComparer.Ordinal);
                buckets.Add(new HistogramBucket(Label(start, interval), Text(start), Text(Next(start, interval)?.AddDays(-1) ?? DateOnly.MaxValue), byType.Values.Sum(), byType));
            }
        }

        return TypedResults.Ok(new HistogramResponse(interval, buckets.Sum(b => b.Total), buckets));
    }

    private static DateOnly BucketStart(DateOnly day, string interval) => interval switch
    {
        "day" => day,
        "week" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        "month" => new DateOnly(day.Year, day.Month, 1),
        _ => new DateOnly(day.Year, 1, 1),
    };

    /// <summary>The next bucket's start; null past the calendar's end (only records stored before dates were bounded reach it).</summary>
    private static DateOnly? Next(DateOnly start, string interval) => DateOnly.MaxValue.DayNumber - start.DayNumber < 366 ? null : interval switch
    {
        "day" => start.AddDays(1),
        "week" => start.AddDays(7),
        "month" => start.AddMonths(1),
        _ => start.AddYears(1),
    };

    private static string Label(DateOnly start, string interval) => interval switch
    {
        "day" => Text(start),
        "week" => $"{ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):00}",
        "month" => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => start.ToString("yyyy", CultureInfo.InvariantCulture),
    };

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>DateOnly's day number of 1970-01-01, the day the store's day counts start from.</summary>
    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;
}
