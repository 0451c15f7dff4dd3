using System.Globalization;
using EventTracker.Api.Errors;
using EventTracker.Api.Records;
using EventTracker.Api.Values;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Paging;

/// <summary>
/// Paging for the resource lists: ordered by id, resumed after the last id served, one extra row read
/// to know whether another page exists. Inserts between pages never shift or repeat items.
/// </summary>
public static class IdKeysetPaging
{
    public delegate Task<IReadOnlyList<T>> FetchPage<T>(SearchText? search, long afterId, int take);

    public static async Task<Results<Ok<Page<T>>, ProblemHttpResult>> PageAsync<T>(
        ListQuery query, string listName, CursorCodec cursors, FetchPage<T> fetch) where T : IVersionedRecord
    {
        var search = SearchText.From(query.Q);
        var fingerprint = Cursor.Fingerprint(listName, search?.ToString());
        long after = 0;
        if (query.Cursor is not null)
        {
            var position = cursors.Decode(query.Cursor, fingerprint);
            if (position is not [var last] || !long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            {
                return Problems.BadCursor();
            }
        }

        var limit = query.EffectiveLimit;
        var rows = await fetch(search, after, limit + 1);
        var items = rows.Take(limit).ToList();
        var next = rows.Count > limit
            ? cursors.Encode([items[^1].Id.ToString(CultureInfo.InvariantCulture)], fingerprint)
            : null;
        return TypedResults.Ok(new Page<T>(items, next));
    }
}
