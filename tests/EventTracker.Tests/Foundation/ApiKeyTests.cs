using System.Net;
using System.Net.Http.Json;
using EventTracker.Api.Auth;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Foundation;

public sealed class ApiKeyTests(ProbedEventTrackerApp app) : IClassFixture<ProbedEventTrackerApp>
{
    private static readonly object Body = new { name = "probe", count = 1 };

    [Fact]
    public async Task ReadsNeedNoKey()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/event-types");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WriteWithoutKeyIs401WithChallenge()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/_probe/editor", Body);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteWithUnknownKeyIs401()
    {
        var response = await app.CreateClientWithKey("not-a-configured-key-at-all").PostAsJsonAsync("/api/v1/_probe/editor", Body);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ReaderKeyIs403ForAnEditorWrite()
    {
        var response = await app.CreateClientWithKey(EventTrackerApp.ReaderKey).PostAsJsonAsync("/api/v1/_probe/editor", Body);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task EditorKeyMayWrite()
    {
        var response = await app.CreateEditorClient().PostAsJsonAsync("/api/v1/_probe/editor", Body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EditorKeyIs403ForAnAdminOperation()
    {
        var response = await app.CreateEditorClient().PostAsJsonAsync("/api/v1/_probe/admin", Body);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AdminKeyMayDoWhatAnEditorMay()
    {
        var client = app.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/_probe/admin", Body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/_probe/editor", Body)).StatusCode);
    }

    [Fact]
    public async Task KeyConfiguredBySha256IsAccepted()
    {
        var response = await app.CreateClientWithKey(EventTrackerApp.HashedEditorKey).PostAsJsonAsync("/api/v1/_probe/editor", Body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RequestKnowsTheKeyByNameNotByValue()
    {
        var response = await app.CreateEditorClient().GetAsync("/api/v1/_probe/whoami");
        Assert.Equal("test-editor", await response.Content.ReadFromJsonAsync<string>());
    }

    [Fact]
    public async Task KeyValuesNeverReachTheLogs()
    {
        await app.CreateEditorClient().PostAsJsonAsync("/api/v1/_probe/editor", Body);
        await app.CreateClientWithKey("wrong-key-that-must-not-be-logged").PostAsJsonAsync("/api/v1/_probe/editor", Body);
        await app.CreateClientWithKey(EventTrackerApp.AdminKey).GetAsync("/api/v1/_probe/throw");

        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(app.Logs.Lines, line =>
            line.Contains(EventTrackerApp.EditorKey, StringComparison.Ordinal) ||
            line.Contains(EventTrackerApp.AdminKey, StringComparison.Ordinal) ||
            line.Contains("wrong-key-that-must-not-be-logged", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "secret-key-0123456789", null, "editor", "Name is required")]
    [InlineData("k", "secret-key-0123456789", null, "superuser", "Role must be")]
    [InlineData("k", null, null, "editor", "exactly one of Key and KeySha256")]
    [InlineData("k", "secret-key-0123456789", "ab", "editor", "exactly one of Key and KeySha256")]
    [InlineData("k", "short", null, "editor", "at least 16 characters")]
    [InlineData("k", null, "not-hex", "editor", "64 hexadecimal characters")]
    public void MisconfiguredKeysStopTheServiceAtStart(string name, string? key, string? digest, string role, string expected)
    {
        var options = new AuthOptions { ApiKeys = [new ApiKeyEntry { Name = name, Key = key, KeySha256 = digest, Role = role }] };
        var result = new AuthOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ProductionConfigurationHoldsNoKey()
    {
        var settings = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "EventTracker.Api", "appsettings.json"));
        using var document = System.Text.Json.JsonDocument.Parse(settings);
        Assert.Equal(0, document.RootElement.GetProperty("Auth").GetProperty("ApiKeys").GetArrayLength());
    }
}
