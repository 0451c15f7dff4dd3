using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Timeline;

/// <summary>
/// A monthly or yearly histogram of one organization, with types and a range of whole months or years, is answered from
/// the counts kept at write time; the same question with its bounds spelled as days (the same first and last day) is
/// answered by counting the events. Both must give the same bytes, on a generated data set with every date precision,
/// and stay equal after renames, re-parenting, event updates, deletes and imports.
/// </summary>
public sealed class KeptCountsDifferentialTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private static readonly string[] Types = ["statement", "expulsion", "staff_cap", "retaliation_announced"];

    private sealed record Tree(List<long> Organizations, Dictionary<long, long?> Parents);

    [Fact]
    public async Task KeptCountsAnswerLikeTheScanAfterEveryKindOfWrite()
    {
        var random = new Random(28);
        var editor = app.CreateEditorClient();
        var tree = await TreeAsync(new Seeder(editor));
        var events = new List<long>();

        await ImportEventsAsync(tree, random, 120, events);
        await AssertSameAnswersAsync(tree, random, "after the import");

        foreach (var id in events.Take(20))
        {
            var update = await editor.PutAsJsonAsync($"/api/v1/events/{id}", RandomEvent(tree, random, "Updated " + id));
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        await AssertSameAnswersAsync(tree, random, "after event updates");

        foreach (var id in events.Skip(20).Take(15))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/api/v1/events/{id}")).StatusCode);
        }

        await AssertSameAnswersAsync(tree, random, "after deletes");

        // A ministry with a mission below it moves to another state; then a mission moves up to a state directly.
        await MoveAsync(editor, tree, tree.Organizations[1], tree.Organizations[7]);
        await AssertSameAnswersAsync(tree, random, "after moving a ministry");
        await MoveAsync(editor, tree, tree.Organizations[2], tree.Organizations[0]);
        await MoveAsync(editor, tree, tree.Organizations[9], null);
        await AssertSameAnswersAsync(tree, random, "after moving a mission and detaching a ministry");

        var renamed = await editor.PutAsJsonAsync($"/api/v1/organizations/{tree.Organizations[0]}",
            new { name = Unique("Renamed state"), kind = "state", countryCode = "FR" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        await ImportEventsAsync(tree, random, 60, events);
        await AssertSameAnswersAsync(tree, random, "after a rename and a second import");
    }

    [Fact]
    public async Task HistogramOfAnOrganizationAndItsMinistryCountsTheirSharedEventOnceFromTheKeptCounts()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var state = await seed.OrganizationAsync(Unique("Kept state"));
        var ministry = await seed.OrganizationAsync(Unique("Kept ministry"), "ministry", parentId: state);
        await seed.EventAsync(new
        {
            type = "statement", title = "Both", date = "2021", status = "completed",
            participants = new[] { new { organizationId = state, role = "initiator" }, new { organizationId = ministry, role = "target" } },
        });
        await seed.SimpleEventAsync("Ministry alone", "2021-03-04", ministry, "expulsion");

        var body = await (await app.CreateClient().GetAsync($"/api/v1/timeline/histogram?interval=month&organization={state}")).ReadJsonAsync();

        Assert.Equal(2, body.GetProperty("total").GetInt64());
        var buckets = body.GetProperty("buckets");
        Assert.Equal(3, buckets.GetArrayLength()); // 2021-01 (the year's first day) to 2021-03
        Assert.Equal(1, buckets[0].GetProperty("byType").GetProperty("statement").GetInt64());
        Assert.Equal(1, buckets[2].GetProperty("byType").GetProperty("expulsion").GetInt64());
    }

    /// <summary>Three states, each with two ministries, the first ministry of each with a mission: ids in that order.</summary>
    private static async Task<Tree> TreeAsync(Seeder seed)
    {
        var tree = new Tree([], []);
        for (var s = 0; s < 3; s++)
        {
            var state = await seed.OrganizationAsync(Unique("Differential state"));
            var ministry = await seed.OrganizationAsync(Unique("Differential ministry"), "ministry", parentId: state);
            var mission = await seed.OrganizationAsync(Unique("Differential mission"), "diplomatic_mission", parentId: ministry);
            var other = await seed.OrganizationAsync(Unique("Differential other ministry"), "ministry", parentId: state);
            tree.Organizations.AddRange([state, ministry, mission, other]);
            tree.Parents[state] = null;
            tree.Parents[ministry] = state;
            tree.Parents[mission] = ministry;
            tree.Parents[other] = state;
        }

        return tree;
    }

    private static async Task MoveAsync(HttpClient editor, Tree tree, long organization, long? parent)
    {
        var kind = parent is null ? "state" : "ministry";
        var moved = await editor.PutAsJsonAsync($"/api/v1/organizations/{organization}",
            new { name = Unique("Moved"), kind, countryCode = "RU", parentId = parent });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        tree.Parents[organization] = parent;
    }

    private async Task ImportEventsAsync(Tree tree, Random random, int count, List<long> ids)
    {
        var prefix = Unique("differential");
        var lines = Enumerable.Range(0, count)
            .Select(i => Line(new Dictionary<string, object>(RandomEvent(tree, random, $"Imported {i}")) { ["kind"] = "event", ["externalId"] = $"{prefix}:{i}" }))
            .ToList();
        var report = await app.ImportAsync(lines);
        Assert.Equal(count, report.GetProperty("created").GetInt32());

        var states = string.Join('&', tree.Organizations.Where(o => tree.Parents[o] is null).Select(o => $"organization={o}"));
        var page = await (await app.CreateClient().GetAsync($"/api/v1/timeline?{states}&limit=500")).ReadJsonAsync();
        ids.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Where(id => !ids.Contains(id)));
    }

    /// <summary>An event with a date of any precision and one to three organizations (often a state with its own ministry).</summary>
    private static Dictionary<string, object> RandomEvent(Tree tree, Random random, string title)
    {
        var year = random.Next(2018, 2023);
        var date = random.Next(3) switch
        {
            0 => year.ToString(CultureInfo.InvariantCulture),
            1 => $"{year}-{random.Next(1, 13):00}",
            _ => new DateOnly(year, 1, 1).AddDays(random.Next(365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var participants = Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => tree.Organizations[random.Next(tree.Organizations.Count)])
            .Distinct()
            .Select((organizationId, i) => new { organizationId, role = i == 0 ? "initiator" : "target" })
            .ToArray();
        return new Dictionary<string, object>
        {
            ["type"] = Types[random.Next(Types.Length)], ["title"] = title, ["date"] = date, ["status"] = "completed", ["participants"] = participants,
        };
    }

    private async Task AssertSameAnswersAsync(Tree tree, Random random, string when)
    {
        var client = app.CreateClient();
        for (var i = 0; i < 40; i++)
        {
            var organization = tree.Organizations[random.Next(tree.Organizations.Count)];
            var query = new List<string> { $"organization={organization}", $"interval={(random.Next(3) == 0 ? "year" : "month")}" };
            query.AddRange(Types.Where(_ => random.Next(4) == 0).Select(type => $"type={type}"));
            if (random.Next(2) == 0)
            {
                query.Add($"overlap={(random.Next(2) == 0 ? "true" : "false")}");
            }

            var (from, to) = (RandomBound(random), RandomBound(random));
            if (from is not null && to is not null && string.CompareOrdinal(Bound("from", from, first: true, days: true).Single()[5..], Bound("to", to, first: true, days: true).Single()[3..]) > 0)
            {
                (from, to) = (to, from);
            }

            var kept = string.Join('&', query.Concat(Bound("from", from, first: true, days: false)).Concat(Bound("to", to, first: false, days: false)));
            // The same first and last day written as days: a range the kept counts cannot answer, so the events are counted.
            var scanned = string.Join('&', query.Concat(Bound("from", from ?? "2000", first: true, days: true)).Concat(Bound("to", to, first: false, days: true)));

            var keptAnswer = await client.GetAsync("/api/v1/timeline/histogram?" + kept);
            var scannedAnswer = await client.GetAsync("/api/v1/timeline/histogram?" + scanned);
            var (keptBody, scannedBody) = (await keptAnswer.Content.ReadAsStringAsync(), await scannedAnswer.Content.ReadAsStringAsync());
            Assert.True(keptAnswer.StatusCode == HttpStatusCode.OK, $"{kept}: {keptBody}");
            Assert.True(scannedAnswer.StatusCode == HttpStatusCode.OK, $"{scanned}: {scannedBody}");
            Assert.True(keptBody == scannedBody, $"{when}: {kept} answered\n{keptBody}\nbut {scanned} answered\n{scannedBody}");
        }
    }

    private static string? RandomBound(Random random) => random.Next(3) switch
    {
        0 => null,
        1 => random.Next(2017, 2024).ToString(CultureInfo.InvariantCulture),
        _ => $"{random.Next(2017, 2024)}-{random.Next(1, 13):00}",
    };

    private static IEnumerable<string> Bound(string name, string? value, bool first, bool days)
    {
        if (value is null)
        {
            yield break;
        }

        if (!days)
        {
            yield return $"{name}={value}";
            yield break;
        }

        var parts = value.Split('-').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var (year, month) = (parts[0], parts.Length > 1 ? parts[1] : first ? 1 : 12);
        var day = first ? 1 : DateTime.DaysInMonth(year, month);
        yield return $"{name}={year:0000}-{month:00}-{day:00}";
    }
}
