using EventTracker.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventTracker.Tests.Foundation;

public sealed class ConfigurationFilesTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public void SettingsFilesAreReadAtStartAndNotWatched()
    {
        // A watcher covers the whole content root, a database kept under it included.
        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();

        Assert.Contains(files, file => file.Source.Path == "appsettings.json");
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file.Source.Path} is watched for changes"));
    }
}
