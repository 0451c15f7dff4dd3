using EventTracker.Api.Hosting;

namespace EventTracker.Tests.Foundation;

public sealed class CommandLineTests
{
    [Fact]
    public void AVerbAndItsAbsoluteFileAreTakenOffBeforeConfiguration()
    {
        var command = CommandLine.Parse(["import", "/tmp/records.ndjson", "--ConnectionStrings:EventTracker=Data Source=/tmp/x.db"]);
        Assert.Equal("import", command.Verb);
        Assert.Equal("/tmp/records.ndjson", command.File);
        Assert.Equal(["--ConnectionStrings:EventTracker=Data Source=/tmp/x.db"], command.ConfigurationArgs);
    }

    [Fact]
    public void WithoutAVerbEverythingIsConfiguration()
    {
        var command = CommandLine.Parse(["--urls", "http://127.0.0.1:5001"]);
        Assert.Null(command.Verb);
        Assert.Equal(["--urls", "http://127.0.0.1:5001"], command.ConfigurationArgs);
    }

    [Fact]
    public void AVerbWithoutAFileHasNone()
    {
        var command = CommandLine.Parse(["backup", "--Seed:Demo=false"]);
        Assert.Equal("backup", command.Verb);
        Assert.Null(command.File);
        Assert.Equal(["--Seed:Demo=false"], command.ConfigurationArgs);
    }
}
