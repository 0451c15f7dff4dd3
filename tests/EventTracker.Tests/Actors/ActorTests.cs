using System.Net;
using System.Net.Http.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Actors;

public sealed class ActorTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private readonly HttpClient _editor = app.CreateEditorClient();
    private Seeder Seed => new(_editor);

    [Theory]
    [InlineData("Дмитрий Песков", "Песков")]
    [InlineData("سرگئی لاوروف", "لاوروف")]
    [InlineData("سيرغي لافروف", "لافروف")]
    public async Task NamesInCyrillicPersianAndArabicRoundTripAndAreSearchable(string alias, string query)
    {
        var id = await Seed.ActorAsync("Someone " + Guid.NewGuid().ToString("N")[..6], [alias]);
        var actor = await (await app.CreateClient().GetAsync($"/api/v1/actors/{id}")).ReadJsonAsync();
        Assert.Equal(alias, actor.GetProperty("aliases")[0].GetString());

        var page = await (await app.CreateClient().GetAsync($"/api/v1/actors?q={Uri.EscapeDataString(query)}")).ReadJsonAsync();
        Assert.Contains(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task AffiliationsAreServedWithTheirOrganization()
    {
        var kremlin = await Seed.OrganizationAsync("Presidential Executive Office", "agency");
        var response = await _editor.PostAsJsonAsync("/api/v1/actors", new
        {
            name = "Dmitry Peskov",
            aliases = new[] { "Дмитрий Песков" },
            wikidataId = "Q2567168",
            affiliations = new[] { new { organizationId = kremlin, title = "Kremlin spokesman", from = "2012-05", to = (string?)null } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var affiliation = (await response.ReadJsonAsync()).GetProperty("affiliations")[0];
        Assert.Equal("Presidential Executive Office", affiliation.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal("2012-05", affiliation.GetProperty("from").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, affiliation.GetProperty("to").ValueKind);
    }

    [Fact]
    public async Task MissingNameIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/actors", new { aliases = new[] { "x" } })).AssertValidationErrorAsync("name");

    [Fact]
    public async Task AffiliationWithoutOrganizationIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/actors", new { name = "X", affiliations = new[] { new { title = "t" } } }))
            .AssertValidationErrorAsync("affiliations[0].organizationId");

    [Fact]
    public async Task AffiliationWithMissingOrganizationIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/actors", new { name = "X", affiliations = new[] { new { organizationId = 424242 } } }))
            .AssertValidationErrorAsync("affiliations[0].organizationId");

    [Theory]
    [InlineData("2021-13")]
    [InlineData("21-10-01")]
    [InlineData("2021-02-30")]
    [InlineData("October 2021")]
    public async Task MalformedAffiliationDateIsRejected(string from)
    {
        var organization = await Seed.OrganizationAsync("Org " + from, "other", null);
        await (await _editor.PostAsJsonAsync("/api/v1/actors", new { name = "X", affiliations = new[] { new { organizationId = organization, from } } }))
            .AssertValidationErrorAsync("affiliations[0].from");
    }

    [Fact]
    public async Task AffiliationEndingBeforeItStartsIsRejected()
    {
        var organization = await Seed.OrganizationAsync("Org order", "other", null);
        await (await _editor.PostAsJsonAsync("/api/v1/actors", new { name = "X", affiliations = new[] { new { organizationId = organization, from = "2021-10", to = "2021-09-30" } } }))
            .AssertValidationErrorAsync("affiliations[0].to");
    }

    [Fact]
    public async Task AffiliationWithinTheSameMonthAsItsPartialStartIsAccepted()
    {
        var organization = await Seed.OrganizationAsync("Org month", "other", null);
        var response = await _editor.PostAsJsonAsync("/api/v1/actors", new { name = "X", affiliations = new[] { new { organizationId = organization, from = "2021-10", to = "2021-10-01" } } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task MalformedWikidataIdIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/actors", new { name = "X", wikidataId = "Peskov" })).AssertValidationErrorAsync("wikidataId");

    [Fact]
    public async Task UpdateReplacesAffiliations()
    {
        var first = await Seed.OrganizationAsync("First org", "other", null);
        var second = await Seed.OrganizationAsync("Second org", "other", null);
        var created = await Seed.PostAsync("/api/v1/actors", new { name = "Mover", affiliations = new[] { new { organizationId = first } } });
        var id = created.GetProperty("id").GetInt64();

        var response = await _editor.PutAsJsonAsync($"/api/v1/actors/{id}", new { name = "Mover", affiliations = new[] { new { organizationId = second } } });
        var updated = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(updated.GetProperty("affiliations").EnumerateArray());
        Assert.Equal(second, updated.GetProperty("affiliations")[0].GetProperty("organization").GetProperty("id").GetInt64());
        Assert.Equal(2, updated.GetProperty("version").GetInt64());
    }
}
