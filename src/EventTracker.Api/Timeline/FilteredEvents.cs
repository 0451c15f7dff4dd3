using EventTracker.Api.Events;

namespace EventTracker.Api.Timeline;

/// <summary>A page of filtered events (as records, or as their JSON documents), and where the next page starts (null on the last).</summary>
public sealed record EventPage<T>(IReadOnlyList<T> Items, TimelinePosition? Next);

/// <summary>
/// The one path of every filtered read — timeline pages, export batches and the histogram's filters:
/// resolve the filters, read the page's ids in order, load those events whole.
/// </summary>
public static class FilteredEvents
{
    /// <summary>A page of whole events.</summary>
    public static Task<EventPage<EventResponse>> ReadPageAsync(
        ITimelineRead read, ResolvedFilters filters, TimelinePosition? after, bool descending, int limit) =>
        ReadPageAsync(read, filters, after, descending, limit, read.LoadEventsAsync);

    /// <summary>A page of events as the JSON the API sends for each (what a timeline page and NDJSON are made of).</summary>
    public static Task<EventPage<byte[]>> ReadDocumentPageAsync(
        ITimelineRead read, ResolvedFilters filters, TimelinePosition? after, bool descending, int limit) =>
        ReadPageAsync(read, filters, after, descending, limit, read.LoadDocumentsAsync);

    private static async Task<EventPage<T>> ReadPageAsync<T>(
        ITimelineRead read, ResolvedFilters filters, TimelinePosition? after, bool descending, int limit,
        Func<IReadOnlyList<long>, Task<IReadOnlyList<T>>> load)
    {
        // One row more than the page tells whether another page follows.
        var rows = await read.ReadIdsAsync(filters, after, descending, limit + 1);
        var page = rows.Take(limit).ToList();
        var items = await load(page.Select(row => row.EventId).ToList());
        var next = rows.Count > limit ? new TimelinePosition(page[^1].SortKey, page[^1].EventId) : (TimelinePosition?)null;
        return new EventPage<T>(items, next);
    }
}
