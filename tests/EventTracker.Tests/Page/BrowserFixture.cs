using EventTracker.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EventTracker.Tests.Page;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download: <c>/usr/bin/chromium</c>, or EVENTTRACKER_CHROMIUM),
/// against a real server with the demo data. Screenshots go to EVENTTRACKER_SCREENSHOTS (.ci/run keeps them).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public RealServer Server { get; } = new(RealServer.TempDatabasePath());

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("EVENTTRACKER_SCREENSHOTS") is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "eventtracker-screenshots");

    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable("EVENTTRACKER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        var chromium = ChromiumPath;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {chromium} (apt-get install chromium; .ci/run does).");
        }

        Server.Settings["Seed__Demo"] = "true";
        // A key that may only read, for the record view's 403.
        Server.Settings["Auth__ApiKeys__1__Name"] = "real-reader";
        Server.Settings["Auth__ApiKeys__1__Key"] = EventTrackerApp.ReaderKey;
        Server.Settings["Auth__ApiKeys__1__Role"] = "reader";
        await Server.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> OpenAsync(string pathAndQuery, RealServer? server = null)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        await page.GotoAsync(new Uri((server ?? Server).BaseAddress, pathAndQuery).ToString());
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// A test that drives Chromium: skipped, saying why, where the machine has none (a new user's, with only the .NET SDK);
/// CI installs Debian's Chromium first and runs it. Under CI=true a missing browser is a failure, never a skip.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute() => Skip = SkipReason(BrowserFixture.ChromiumPath, Environment.GetEnvironmentVariable("CI"));

    /// <summary>Why a browser test is skipped, or null when it runs (Chromium is there, or CI demands it).</summary>
    public static string? SkipReason(string chromiumPath, string? ci) =>
        File.Exists(chromiumPath) || string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Needs Chromium at {chromiumPath}: install it (Debian: apt-get install chromium) or name another with EVENTTRACKER_CHROMIUM, " +
              "then run dotnet test again; CI=true makes a missing browser a failure (.ci/run sets it and installs Chromium).";
}
