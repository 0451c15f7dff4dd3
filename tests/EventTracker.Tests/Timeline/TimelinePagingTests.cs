using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Timeline;

/// <summary>Paging through the timeline while others write: every event present at the start is seen exactly once.</summary>
public sealed class TimelinePagingTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Theory]
    [InlineData("asc", "")]
    [InlineData("desc", "")]
    [InlineData("asc", "&organization={org}")]
    [InlineData("desc", "&organization={org}&from=2000&to=2030")]
    [InlineData("asc", "&type=statement&type=expulsion")]
    public async Task PagingVisitsEveryEventOnceWithInsertsBetweenPages(string order, string filterTemplate)
    {
        var seed = new Seeder(app.CreateEditorClient());
        var org = await seed.OrganizationAsync("Paging org " + Guid.NewGuid().ToString("N")[..6], "other", null);
        var other = await seed.OrganizationAsync("Paging other " + Guid.NewGuid().ToString("N")[..6], "other", null);
        var filter = filterTemplate.Replace("{org}", org.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var dates = new[] { "2001", "2005-06", "2005-06-01", "2005-06-01", "2005-06-01", "2010-01-31", "2015", "2020-02-29", "2021-10-06", "2021-10" };
        var types = new[] { "statement", "expulsion" };
        for (var i = 0; i < dates.Length; i++)
        {
            // Two participants from the filtered scope: the page query must not return the event twice.
            await seed.EventAsync(new
            {
                type = types[i % 2], title = $"Paged {i}", date = dates[i], status = "completed",
                participants = new object[] { new { organizationId = org, role = "initiator" }, new { organizationId = org, role = "affected" }, new { organizationId = other, role = "target" } },
            });
        }

        var before = await AllIdsAsync(order, filter);
        Assert.True(before.Count >= dates.Length);

        var seen = new List<long>();
        string? cursor = null;
        var insertions = 0;
        do
        {
            var page = await (await app.CreateClient().GetAsync(
                $"/api/v1/timeline?limit=3&order={order}{filter}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
            // Others write meanwhile: events before, inside and after the part already served.
            await seed.EventAsync(new
            {
                type = types[insertions % 2], title = $"Inserted {insertions}", date = new[] { "1999", "2005-06-01", "2030-01-01" }[insertions % 3],
                status = "completed", participants = new[] { new { organizationId = org, role = "initiator" } },
            });
            insertions++;
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), before.ToHashSet());
        var positions = before.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        var servedOriginals = seen.Where(positions.ContainsKey).Select(id => positions[id]).ToList();
        Assert.Equal(servedOriginals.Order().ToList(), servedOriginals);
    }

    private async Task<List<long>> AllIdsAsync(string order, string filter)
    {
        var page = await (await app.CreateClient().GetAsync($"/api/v1/timeline?limit=500&order={order}{filter}")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()).ToList();
    }
}
