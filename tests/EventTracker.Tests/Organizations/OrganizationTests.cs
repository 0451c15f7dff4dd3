using System.Net;
using System.Net.Http.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Organizations;

public sealed class OrganizationTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private readonly HttpClient _editor = app.CreateEditorClient();
    private Seeder Seed => new(_editor);

    [Fact]
    public async Task CreatedOrganizationIsServedWithLocationETagParentAndChildren()
    {
        var state = await Seed.OrganizationAsync("Russian Federation", aliases: ["Россия", "Russia"]);
        var ministry = await Seed.OrganizationAsync("Ministry of Foreign Affairs of Russia", "ministry", parentId: state);

        var response = await _editor.PostAsJsonAsync("/api/v1/organizations", new
        {
            name = "Permanent Mission of Russia to NATO", kind = "diplomatic_mission", countryCode = "RU", parentId = ministry,
            wikidataId = "Q4375400", cameoCode = "RUSGOV",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/organizations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"\"{id}-1\"", response.Headers.ETag?.Tag);
        Assert.Equal("diplomatic_mission", created.GetProperty("kind").GetString());
        Assert.Equal(ministry, created.GetProperty("parent").GetProperty("id").GetInt64());

        var parent = await (await _editor.GetAsync($"/api/v1/organizations/{ministry}")).ReadJsonAsync();
        Assert.Equal(state, parent.GetProperty("parent").GetProperty("id").GetInt64());
        Assert.Equal(id, parent.GetProperty("children")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task UnknownOrganizationIs404()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/organizations/987654");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MissingNameIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { kind = "state", countryCode = "RU" })).AssertValidationErrorAsync("name");

    [Fact]
    public async Task OverlongNameIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = new string('n', 301), kind = "other" })).AssertValidationErrorAsync("name");

    [Fact]
    public async Task MissingKindIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = "X" })).AssertValidationErrorAsync("kind");

    [Fact]
    public async Task UnknownKindIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = "X", kind = "club" })).AssertValidationErrorAsync("kind");

    [Theory]
    [InlineData("ZZ")]
    [InlineData("ru")]
    [InlineData("RUS")]
    [InlineData("UK")]
    public async Task CountryCodeOutsideIso3166IsRejected(string code) =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = "X", kind = "ministry", countryCode = code })).AssertValidationErrorAsync("countryCode");

    [Fact]
    public async Task StateWithoutCountryCodeIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = "X", kind = "state" })).AssertValidationErrorAsync("countryCode");

    [Fact]
    public async Task AllianceWithCountryCodeIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = "NATO", kind = "alliance", countryCode = "BE" })).AssertValidationErrorAsync("countryCode");

    [Fact]
    public async Task MissingParentIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = "X", kind = "other", parentId = 999999 })).AssertValidationErrorAsync("parentId");

    [Fact]
    public async Task ParentThatWouldMakeACycleIsRejected()
    {
        var top = await Seed.OrganizationAsync("Top");
        var middle = await Seed.OrganizationAsync("Middle", "ministry", parentId: top);
        var bottom = await Seed.OrganizationAsync("Bottom", "diplomatic_mission", parentId: middle);

        var response = await _editor.PutAsJsonAsync($"/api/v1/organizations/{top}", new { name = "Top", kind = "state", countryCode = "RU", parentId = bottom });
        await response.AssertValidationErrorAsync("parentId");
        var self = await _editor.PutAsJsonAsync($"/api/v1/organizations/{top}", new { name = "Top", kind = "state", countryCode = "RU", parentId = top });
        await self.AssertValidationErrorAsync("parentId");
    }

    [Theory]
    [InlineData("7184")]
    [InlineData("q7184")]
    [InlineData("Q0")]
    public async Task MalformedWikidataIdIsRejected(string wikidataId) =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = "X", kind = "other", wikidataId })).AssertValidationErrorAsync("wikidataId");

    [Theory]
    [InlineData("RU")]
    [InlineData("rusgov")]
    [InlineData("RUSG")]
    public async Task MalformedCameoCodeIsRejected(string cameoCode) =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = "X", kind = "other", cameoCode })).AssertValidationErrorAsync("cameoCode");

    [Fact]
    public async Task EmptyAliasIsRejectedAtItsIndex() =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = "X", kind = "other", aliases = new[] { "ok", "" } })).AssertValidationErrorAsync("aliases[1]");

    [Fact]
    public async Task RepeatedAliasIsRejected() =>
        await (await _editor.PostAsJsonAsync("/api/v1/organizations", new { name = "X", kind = "other", aliases = new[] { "A", "A" } })).AssertValidationErrorAsync("aliases");

    [Fact]
    public async Task SearchFindsAliasesInAnyScript()
    {
        var nato = await Seed.OrganizationAsync("North Atlantic Treaty Organization", "alliance", null, aliases: ["NATO", "НАТО", "ناتو"]);
        foreach (var q in new[] { "НАТО", "ناتو", "north atlantic", "Atlan" })
        {
            var page = await (await app.CreateClient().GetAsync($"/api/v1/organizations?q={Uri.EscapeDataString(q)}")).ReadJsonAsync();
            Assert.Contains(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetInt64() == nato);
        }
    }

    [Fact]
    public async Task SearchTreatsFtsSyntaxAsText()
    {
        foreach (var q in new[] { "\"", "NEAR(", "a OR", "*", "x:y", "-", "(()", "'; DROP TABLE organizations; --" })
        {
            var response = await app.CreateClient().GetAsync($"/api/v1/organizations?q={Uri.EscapeDataString(q)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
