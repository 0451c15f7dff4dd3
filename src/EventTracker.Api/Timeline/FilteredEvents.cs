using EventTracker.Api.Events;

namespace EventTracker.Api.Timeline;

/// <summary>A page of filtered events, and where the next page starts (null on the last).</summary>
public sealed record EventPage<T>(IReadOnlyList<T> Items, TimelinePosition? Next);

/// <summary>A page of filtered events as their JSON documents separated by commas, and where the next page starts (null on the last).</summary>
public sealed record DocumentPage(byte[] JoinedItems, TimelinePosition? Next);

/// <summary>
/// The one path of every filtered read — timeline pages, export batches and the histogram's filters:
/// resolve the filters, read the page's ids in order, load those events whole.
/// </summary>
public static class FilteredEvents
{
    /// <summary>A page of whole events.</summary>
    public static async Task<EventPage<EventResponse>> ReadPageAsync(
        ITimelineRead read, ResolvedFilters filters, TimelinePosition? after, bool descending, int limit)
    {
        var (items, next) = await ReadPageAsync(read, filters, after, descending, limit, read.LoadEventsAsync);
        return new EventPage<EventResponse>(items, next);
    }

    /// <summary>A page of events as the JSON the API sends for each, joined (what a timeline page's items are made of).</summary>
    public static async Task<DocumentPage> ReadDocumentPageAsync(
        ITimelineRead read, ResolvedFilters filters, TimelinePosition? after, bool descending, int limit)
    {
        var (items, next) = await ReadPageAsync(read, filters, after, descending, limit, read.LoadJoinedDocumentsAsync);
        return new DocumentPage(items, next);
    }

    private static async Task<(T Items, TimelinePosition? Next)> ReadPageAsync<T>(
        ITimelineRead read, ResolvedFilters filters, TimelinePosition? after, bool descending, int limit,
        Func<IReadOnlyList<long>, Task<T>> load)
    {
        // One row more than the page tells whether another page follows.
        var rows = await read.ReadIdsAsync(filters, after, descending, limit + 1);
        var page = rows.Take(limit).ToList();
        var items = await load(page.Select(row => row.EventId).ToList());
        var next = rows.Count > limit ? new TimelinePosition(page[^1].SortKey, page[^1].EventId) : (TimelinePosition?)null;
        return (items, next);
    }
}
