using System.Globalization;
using EventTracker.Api.Caching;
using EventTracker.Api.Errors;
using EventTracker.Api.Events;
using EventTracker.Api.Http;
using EventTracker.Api.Paging;
using EventTracker.Api.Values;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Timeline;

public static class TimelineApi
{
    public static IServiceCollection AddTimeline(this IServiceCollection services) => services.AddSingleton<OrganizationScopes>();

    public static RouteGroupBuilder MapTimeline(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/timeline").WithTags("Timeline");

        group.MapGet("/", GetTimelineAsync)
            .WithName("GetTimeline")
            .WithSummary("Events in date order, filtered")
            .WithDescription(
                "Answers questions such as \"what did Russia and NATO do to each other in October 2021?\": " +
                "`organization=<NATO>&counterpart=<Russia>&from=2021-10&to=2021-10`. Every filter combines with every other; " +
                "repeat a parameter to match any of several values. Each item is the whole event — participants with names and " +
                "roles, quantities, citations with source title, URL and publisher, relations with the target's title and date — " +
                "so a client can draw it without another request. Page with `nextCursor`; a cursor only works with the filters " +
                "and order it came from (400 otherwise). " + ReadCaching.ETagNote)
            .CacheUntilDataChanges();

        group.MapGet("/histogram", TimelineHistogram.GetAsync)
            .WithName("GetTimelineHistogram")
            .WithSummary("Event counts per day, week, month or year, by type")
            .WithDescription(
                "The same filters as the timeline, counted per bucket (`interval=day|week|month|year`; weeks start on Monday) " +
                "with a total and a count per event type. Buckets run from the first to the last bucket with events, empty " +
                "ones included, so the series can be drawn as is. An event counts in the bucket of the first day its date can denote. " +
                ReadCaching.ETagNote)
            .CacheUntilDataChanges();

        return api;
    }

    private static async Task<Results<StoredJsonPage<EventResponse>, ProblemHttpResult>> GetTimelineAsync(
        [AsParameters] TimelineFilters filters, [AsParameters] TimelinePaging paging,
        ITimelineStore store, CursorCodec cursors, HttpContext http, CancellationToken cancellationToken)
    {
        var order = paging.Order ?? "asc";
        TimelinePosition? after = null;
        if (paging.Cursor is not null)
        {
            if (cursors.Decode(paging.Cursor, filters.Fingerprint(order)) is not [var key, var idText] ||
                !PartialDate.IsValid(key) ||
                !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return Problems.BadCursor();
            }

            after = new TimelinePosition(key, id);
        }

        await using var read = await store.OpenAsync(cancellationToken);
        var resolved = await read.ResolveAsync(filters, DataVersion.ReadBy(http));
        var page = await FilteredEvents.ReadDocumentPageAsync(read, resolved, after, order == "desc", paging.Limit ?? ListQuery.DefaultLimit);
        var next = page.Next is { } position
            ? cursors.Encode([position.SpanStart, position.EventId.ToString(CultureInfo.InvariantCulture)], filters.Fingerprint(order))
            : null;
        return new StoredJsonPage<EventResponse>(page.JoinedItems, next);
    }
}
