using EventTracker.Api.Events;

namespace EventTracker.Api.Timeline;

/// <summary>A page of filtered events, and where the next page starts (null on the last).</summary>
public sealed record EventPage(IReadOnlyList<EventResponse> Items, TimelinePosition? Next);

/// <summary>
/// The one path of every filtered read — timeline pages, export batches and the histogram's filters:
/// resolve the filters, read the page's ids in order, load those events whole.
/// </summary>
public static class FilteredEvents
{
    public static async Task<EventPage> ReadPageAsync(
        ITimelineRead read, ResolvedFilters filters, TimelinePosition? after, bool descending, int limit)
    {
        // One row more than the page tells whether another page follows.
        var rows = await read.ReadIdsAsync(filters, after, descending, limit + 1);
        var page = rows.Take(limit).ToList();
        var items = await read.LoadEventsAsync(page.Select(row => row.EventId).ToList());
        var next = rows.Count > limit ? new TimelinePosition(page[^1].SortKey, page[^1].EventId) : (TimelinePosition?)null;
        return new EventPage(items, next);
    }
}
