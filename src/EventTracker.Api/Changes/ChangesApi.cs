using EventTracker.Api.OpenApi;
using EventTracker.Api.Operations;
using EventTracker.Api.Paging;
using EventTracker.Api.Records;
using EventTracker.Api.Values;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Changes;

public static class ChangesApi
{
    public const string CursorHeader = "Changes-Cursor";

    public static IServiceCollection AddChanges(this IServiceCollection services)
    {
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<ChangeWaiter>();
        services.AddOptions<LongPollOptions>().BindConfiguration(LongPollOptions.Section)
            .Validate(o => o.MaxPerInstance >= 0 && o.MaxPerClient >= 0, "LongPolls limits must not be negative.").ValidateOnStart();
        return services;
    }

    public static RouteGroupBuilder MapChanges(this RouteGroupBuilder api)
    {
        api.MapGet("/changes", GetChangesAsync)
            .WithTags("Changes")
            .WithName("GetChanges")
            .WaitsWithoutCost()
            .WithSummary("Every create, update and delete since a cursor, oldest first")
            .WithDescription(
                "Keeps a local copy in sync: follow `nextCursor` (never null) and apply each item in order — upsert `record`, " +
                "or remove the record when `record` is null — and the copy holds what GET returns, deletions included. Every change " +
                "appears exactly once, in the order changes became visible, whichever instance or writer made it. `record` is the " +
                "record as GET returns it when the page is read, so it may already show a later change (which follows as its own " +
                "item). A change that alters what GET returns for other records (renaming an organization that events show) is " +
                "followed by an `updated` item for each of them, with their version unchanged. Start from the first change by " +
                "omitting `after`, or from an export's `Changes-Cursor` header to follow a full copy with increments. With " +
                "`wait=N` an empty answer waits up to N seconds for the next change (long poll). Long polls are capped per instance and " +
                "per client (`LongPolls:MaxPerInstance`, `LongPolls:MaxPerClient`; 1 000 and 20 by default): a poll over the cap is " +
                "answered at once, empty, never held; follow its `nextCursor` after a pause.");
        return api;
    }

    private static async Task<Ok<ChangesPage>> GetChangesAsync(
        [AsParameters] ChangesQuery query, ChangeFeed feed, ChangeWaiter waiter, CursorCodec cursors, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var after = query.After is null ? 0 : cursors.DecodeChangePosition(query.After) ?? 0;
        var kinds = query.Kind is { Length: > 0 } ? query.Kind.Distinct().Select(EnumText.Parse<RecordKind>).ToList() : null;
        var deadline = clock.GetUtcNow().AddSeconds(query.Wait ?? 0);
        IDisposable? held = null;
        try
        {
            while (true)
            {
                var (items, next) = await feed.ReadAsync(after, kinds, query.Limit ?? ChangesQuery.DefaultLimit, cancellationToken);
                var remaining = deadline - clock.GetUtcNow();
                if (items.Count > 0 || remaining <= TimeSpan.Zero ||
                    (held ??= waiter.TryHold(RateLimiting.ClientOf(http))) is null ||
                    !await waiter.WaitAsync(next, remaining, cancellationToken))
                {
                    return TypedResults.Ok(new ChangesPage(items, cursors.EncodeChangePosition(next)));
                }

                after = next;
            }
        }
        finally
        {
            held?.Dispose();
        }
    }
}
