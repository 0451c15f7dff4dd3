using EventTracker.Api.Events;

namespace EventTracker.Api.Timeline;

/// <summary>Filtered reads of events: the timeline, its histogram and the export.</summary>
public interface ITimelineStore
{
    /// <summary>A read that stops, inside the store, when <paramref name="stopWhen"/> is cancelled.</summary>
    Task<ITimelineRead> OpenAsync(CancellationToken stopWhen);
}

/// <summary>One read's statements, on one connection of the store.</summary>
public interface ITimelineRead : IAsyncDisposable
{
    /// <summary>The filters with organizations expanded into their sub-organizations and countries into their organizations.</summary>
    /// <param name="filters">The filters as asked.</param>
    /// <param name="dataVersion">The data version the request read, if known: organization scopes are then resolved once per version.</param>
    Task<ResolvedFilters> ResolveAsync(TimelineFilters filters, long? dataVersion = null);

    /// <summary>Up to <paramref name="take"/> distinct events after <paramref name="after"/>, in (first day, id) order.</summary>
    Task<IReadOnlyList<TimelineRow>> ReadIdsAsync(ResolvedFilters filters, TimelinePosition? after, bool descending, int take);

    /// <summary>The live events among <paramref name="ids"/>, whole, in the order of <paramref name="ids"/>.</summary>
    Task<IReadOnlyList<EventResponse>> LoadEventsAsync(IReadOnlyList<long> ids);

    /// <summary>
    /// The live events among <paramref name="ids"/>, in the order of <paramref name="ids"/>, each as the JSON the API sends
    /// for it in UTF-8 (byte for byte what serialising <see cref="LoadEventsAsync"/>'s record gives), separated by commas:
    /// what a page's items array holds between its brackets.
    /// </summary>
    Task<byte[]> LoadJoinedDocumentsAsync(IReadOnlyList<long> ids);

    /// <summary>
    /// Matching events per first day (days since 1970-01-01) and type (its index in <paramref name="typeCodes"/>,
    /// -1 for a type not listed), each event counted once.
    /// </summary>
    Task<IReadOnlyDictionary<(int Day, int Type), long>> CountByFirstDayAndTypeAsync(ResolvedFilters filters, IReadOnlyList<string> typeCodes);

    /// <summary>
    /// Like <see cref="CountByFirstDayAndTypeAsync"/> but per first month (the day of the month's first day), from the
    /// counts the store keeps as it writes; null when these filters need the events themselves.
    /// </summary>
    Task<IReadOnlyDictionary<(int Day, int Type), long>?> CountByFirstMonthAndTypeAsync(TimelineFilters filters, IReadOnlyList<string> typeCodes);
}

/// <summary>A position in the timeline: the sort date and the event id of the last item served.</summary>
public readonly record struct TimelinePosition(string SpanStart, long EventId);

/// <summary>One row of the timeline's id query.</summary>
/// <remarks>
/// A class with setters, not a positional record: Dapper matches constructors on the column types the
/// reader reports, and SQLite reports none for computed or compound columns of an empty result.
/// </remarks>
public sealed class TimelineRow
{
    public string SortKey { get; init; } = "";

    public long EventId { get; init; }
}
