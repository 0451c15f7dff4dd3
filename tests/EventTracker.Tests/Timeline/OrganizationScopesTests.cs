using System.Net.Http.Json;
using System.Text.Json;
using EventTracker.Api.Timeline;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Timeline;

/// <summary>Organization scopes are resolved once per data version; a write that moves an organization is seen by the next read.</summary>
public sealed class OrganizationScopesTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private static Func<Task<IReadOnlyList<long>>> Counting(List<int> calls, params long[] scope) => () =>
    {
        calls.Add(1);
        return Task.FromResult<IReadOnlyList<long>>(scope);
    };

    [Fact]
    public async Task AScopeIsResolvedOncePerDataVersionAndAgainAfterAWrite()
    {
        var scopes = new OrganizationScopes();
        var calls = new List<int>();

        Assert.Equal([1, 2], await scopes.GetOrResolveAsync(7, [1], true, Counting(calls, 1, 2)));
        Assert.Equal([1, 2], await scopes.GetOrResolveAsync(7, [1], true, Counting(calls, 9)));
        Assert.Single(calls);
        Assert.Equal([1, 3], await scopes.GetOrResolveAsync(8, [1], true, Counting(calls, 1, 3)));
        Assert.Equal(2, calls.Count);
    }

    [Fact]
    public async Task AReadOfAnOlderVersionOrOfNoKnownVersionIsResolvedAfreshAndNotKept()
    {
        var scopes = new OrganizationScopes();
        var calls = new List<int>();
        await scopes.GetOrResolveAsync(8, [1], true, Counting(calls, 1, 3));

        Assert.Equal([1, 2], await scopes.GetOrResolveAsync(7, [1], true, Counting(calls, 1, 2)));
        Assert.Equal([1, 2], await scopes.GetOrResolveAsync(null, [1], true, Counting(calls, 1, 2)));
        Assert.Equal([1, 3], await scopes.GetOrResolveAsync(8, [1], true, Counting(calls, 9)));
        Assert.Equal(3, calls.Count);
    }

    [Fact]
    public async Task RootsAreOneScopeInAnyOrderButNotWithAndWithoutChildren()
    {
        var scopes = new OrganizationScopes();
        var calls = new List<int>();
        await scopes.GetOrResolveAsync(1, [2, 1], true, Counting(calls, 1, 2));
        await scopes.GetOrResolveAsync(1, [1, 2], true, Counting(calls, 9));
        await scopes.GetOrResolveAsync(1, [1, 2], false, Counting(calls, 1, 2));

        Assert.Equal(2, calls.Count);
    }

    [Fact]
    public async Task AnOrganizationMovedUnderAnotherJoinsItsScopeForTheVeryNextRead()
    {
        var editor = app.CreateEditorClient();
        var seed = new Seeder(editor);
        var parent = await seed.OrganizationAsync(Unique("Scope parent"), "state", "RU");
        var elsewhere = await seed.OrganizationAsync(Unique("Scope elsewhere"), "state", "FR");
        var child = await seed.OrganizationAsync(Unique("Scope child"), "ministry", "FR", elsewhere);
        var @event = await seed.SimpleEventAsync(Unique("Scope event"), "2021-10-07", child);
        var reader = app.CreateClient();
        async Task<long[]> TimelineOfParentAsync() =>
            JsonDocument.Parse(await reader.GetStringAsync($"/api/v1/timeline?organization={parent}")).RootElement
                .GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()).ToArray();

        Assert.Empty(await TimelineOfParentAsync());
        (await editor.PutAsJsonAsync($"/api/v1/organizations/{child}", new { name = Unique("Scope child moved"), kind = "ministry", countryCode = "RU", parentId = parent }))
            .EnsureSuccessStatusCode();

        Assert.Equal([@event], await TimelineOfParentAsync());
    }
}
