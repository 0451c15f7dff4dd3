using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Foundation;

public sealed class StorageProviderTests
{
    private sealed class AppWithProvider(string provider) : EventTrackerApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("Storage:Provider", provider)];
    }

    [Fact]
    public void AnUnknownProviderStopsTheServiceAtStartNamingTheKnownOnes()
    {
        using var app = new AppWithProvider("oracle");

        var exception = Assert.Throws<InvalidOperationException>(() => app.Services);

        Assert.Contains("Storage:Provider is 'oracle'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Store", "sqlite")]
    [InlineData("sqlite")]
    [InlineData("SQLite")]
    public async Task SqliteIsChosenByNameInAnyCase(string provider)
    {
        using var app = new AppWithProvider(provider);

        var response = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
