using System.Net;
using System.Text.Json;

namespace EventTracker.Tests.Infrastructure;

/// <summary>A client of the change feed, as the README's recipe: follows nextCursor and keeps a replica built only from it.</summary>
public sealed class FeedFollower(HttpClient client, string? cursor = null)
{
    public string? Cursor { get; private set; } = cursor;

    /// <summary>Every item read, in order.</summary>
    public List<JsonElement> Items { get; } = [];

    /// <summary>(kind, id) → the record's JSON, as the feed last gave it.</summary>
    public Dictionary<(string Kind, long Id), string> Replica { get; } = [];

    /// <summary>The cursor at the feed's end now: reads every page until one is empty.</summary>
    public static async Task<string> EndAsync(HttpClient client)
    {
        var follower = new FeedFollower(client);
        await follower.CatchUpAsync();
        return follower.Cursor!;
    }

    /// <summary>Reads one page (waiting up to <paramref name="wait"/> seconds when nothing is new) and applies it; answers its item count.</summary>
    public async Task<int> PollAsync(int wait = 0, int limit = 1000, string? kinds = null)
    {
        var url = $"/api/v1/changes?limit={limit}&wait={wait}" + (Cursor is null ? "" : $"&after={Uri.EscapeDataString(Cursor)}") + (kinds ?? "");
        var response = await client.GetAsync(url);
        var page = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {page}");
        var next = page.GetProperty("nextCursor").GetString();
        Assert.False(string.IsNullOrEmpty(next));
        Cursor = next;
        var items = page.GetProperty("items").EnumerateArray().ToList();
        foreach (var item in items)
        {
            Items.Add(item);
            var key = (item.GetProperty("kind").GetString()!, item.GetProperty("id").GetInt64());
            var record = item.GetProperty("record");
            if (record.ValueKind == JsonValueKind.Null)
            {
                Replica.Remove(key);
            }
            else
            {
                Replica[key] = record.GetRawText();
            }
        }

        return items.Count;
    }

    public async Task CatchUpAsync(string? kinds = null)
    {
        while (await PollAsync(kinds: kinds) > 0)
        {
        }
    }

    public static string PathOf(string kind) => kind switch
    {
        "organization" => "organizations",
        "actor" => "actors",
        "source" => "sources",
        _ => "events",
    };
}
