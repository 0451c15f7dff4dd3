namespace EventTracker.Tests.Page;

/// <summary>Without Chromium the browser tests skip with a way to run them, except where CI asks for them.</summary>
public sealed class ChromiumFactTests
{
    private const string Missing = "/nonexistent/chromium";

    [Fact]
    public void WithoutChromiumABrowserTestIsSkippedSayingHowToRunIt()
    {
        var reason = ChromiumFactAttribute.SkipReason(Missing, ci: null);

        Assert.NotNull(reason);
        Assert.Contains(Missing, reason, StringComparison.Ordinal);
        Assert.Contains("apt-get install chromium", reason, StringComparison.Ordinal);
        Assert.Contains("EVENTTRACKER_CHROMIUM", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnderCiAMissingChromiumIsNotSkippedSoTheFixtureFails()
    {
        Assert.Null(ChromiumFactAttribute.SkipReason(Missing, ci: "true"));
    }

    [Fact]
    public void WithChromiumTheBrowserTestsRun()
    {
        var present = Path.GetTempFileName();
        try
        {
            Assert.Null(ChromiumFactAttribute.SkipReason(present, ci: null));
        }
        finally
        {
            File.Delete(present);
        }
    }
}
