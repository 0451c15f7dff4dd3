using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EventTracker.Tests.Infrastructure;

/// <summary>
/// The change feed's promise as a property: 16 writers create, update and delete records of every kind (some writes
/// refused by validation) while a follower polls the feed; afterwards the follower's replica, built only from the
/// feed, equals what GET returns, and every acknowledged write appeared exactly once. Writers touch only records that
/// no other record shows, so each write is exactly one item.
/// </summary>
public static class ReplicaScenario
{
    public static async Task RunAsync(IReadOnlyList<HttpClient> editors, HttpClient follower, TimeSpan duration)
    {
        var baseOrganization = await new Seeder(editors[0]).OrganizationAsync("Replica base " + Guid.NewGuid().ToString("N")[..8], "other", null);
        var feed = new FeedFollower(follower, await FeedFollower.EndAsync(follower));
        var acknowledged = new ConcurrentBag<(string Kind, long Id, long Version)>();
        var unexpected = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(duration);

        var following = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await feed.PollAsync(wait: 1, limit: 50);
            }
        });

        var writers = editors.Select((client, writer) => Task.Run(async () =>
        {
            var random = new Random(writer);
            var mine = new List<(string Kind, long Id, long Version)>();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var unique = $"{writer}-{i}-{Guid.NewGuid():N}"[..24];
                var operation = mine.Count == 0 ? 0 : random.Next(10);
                if (operation <= 3)
                {
                    var kind = new[] { "organization", "actor", "source", "event" }[random.Next(4)];
                    var response = await client.PostAsJsonAsync($"/api/v1/{FeedFollower.PathOf(kind)}", Body(kind, unique, baseOrganization));
                    if (await WrittenAsync(response, HttpStatusCode.Created) is { } json)
                    {
                        mine.Add((kind, json.GetProperty("id").GetInt64(), json.GetProperty("version").GetInt64()));
                        acknowledged.Add(mine[^1]);
                    }
                }
                else if (operation <= 6)
                {
                    var index = random.Next(mine.Count);
                    var (kind, id, _) = mine[index];
                    var response = await client.PutAsJsonAsync($"/api/v1/{FeedFollower.PathOf(kind)}/{id}", Body(kind, unique, baseOrganization));
                    if (await WrittenAsync(response, HttpStatusCode.OK) is { } json)
                    {
                        mine[index] = (kind, id, json.GetProperty("version").GetInt64());
                        acknowledged.Add(mine[index]);
                    }
                }
                else if (operation <= 8)
                {
                    var index = random.Next(mine.Count);
                    var (kind, id, version) = mine[index];
                    var response = await client.DeleteAsync($"/api/v1/{FeedFollower.PathOf(kind)}/{id}");
                    if (await WrittenAsync(response, HttpStatusCode.NoContent) is not null)
                    {
                        mine.RemoveAt(index);
                        acknowledged.Add((kind, id, version + 1));
                    }
                }
                else
                {
                    // Refused by validation: nothing may reach the feed.
                    var response = await client.PostAsJsonAsync("/api/v1/events", new { type = "statement", title = "", date = "2021-13" });
                    if (response.StatusCode != HttpStatusCode.BadRequest)
                    {
                        unexpected.Add($"invalid event: {(int)response.StatusCode}");
                    }
                }
            }
        })).ToList();

        async Task<JsonElement?> WrittenAsync(HttpResponseMessage response, HttpStatusCode expected)
        {
            var json = response.StatusCode == HttpStatusCode.NoContent ? default : await response.ReadJsonAsync();
            if (response.StatusCode == expected)
            {
                return json;
            }

            unexpected.Add($"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {json}");
            return null;
        }

        await Task.WhenAll(writers);
        await following;
        await feed.CatchUpAsync();

        Assert.Empty(unexpected);
        var seen = feed.Items.Select(item => (item.GetProperty("kind").GetString()!, item.GetProperty("id").GetInt64(), item.GetProperty("version").GetInt64()))
            .Order().ToList();
        Assert.Equal(acknowledged.Order().ToList(), seen);
        Assert.True(seen.Count > 50, $"only {seen.Count} changes were made");

        foreach (var (kind, id) in seen.Select(s => (s.Item1, s.Item2)).Distinct())
        {
            var response = await follower.GetAsync($"/api/v1/{FeedFollower.PathOf(kind)}/{id}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                Assert.False(feed.Replica.ContainsKey((kind, id)), $"{kind} {id} is deleted but the replica holds it");
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True(feed.Replica.TryGetValue((kind, id), out var replica), $"{kind} {id} is missing from the replica");
                Assert.Equal(await response.Content.ReadAsStringAsync(), replica);
            }
        }
    }

    private static object Body(string kind, string unique, long organization) => kind switch
    {
        "organization" => new { name = "Replica org " + unique, kind = "other" },
        "actor" => new { name = "Replica actor " + unique },
        "source" => new { title = "Replica source " + unique, url = $"https://example.org/replica/{unique}" },
        _ => new
        {
            type = "statement", title = "Replica event " + unique, date = "2021-10-06", status = "completed",
            participants = new[] { new { organizationId = organization, role = "initiator" } },
        },
    };
}
