using System.Text.Json;
using System.Text.RegularExpressions;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Import;

public sealed partial class ImportProgressTests
{
    [GeneratedRegex(@"^import: +(\d+)% ([\d,]+) lines, ([\d,]+) events/s, (\d\d:\d\d) elapsed, (about \d\d:\d\d left|done, (\d+) failed)$")]
    private static partial Regex ProgressLine();

    [Fact]
    [Trait("Store", "sqlite")]
    public async Task TheCommandLineImportPrintsPlainProgressLinesOnStandardErrorWhenItIsNotATerminal()
    {
        var folder = Path.Combine(Path.GetTempPath(), "eventtracker-progress-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // Sources are written one by one with a savepoint each: enough of them take several progress intervals.
            var p = Unique("progress");
            var lines = Enumerable.Range(1, 3000)
                .Select(i => Line(new { kind = "source", externalId = $"{p}:{i}", title = $"Report {i}", url = $"https://example.org/{p}/{i}" }))
                .Append("{ broken")
                .ToList();
            var file = Path.Combine(folder, "records.ndjson");
            await File.WriteAllLinesAsync(file, lines);

            var run = await ApiProcess.RunAsync(
                "import", file, $"--ConnectionStrings:EventTracker=Data Source={Path.Combine(folder, "db", "progress.db")}", "--Import:ProgressSeconds=0.05");

            Assert.True(run.ExitCode == 1, run.Errors);
            Assert.DoesNotContain('\r', run.Errors);
            var progress = run.Errors.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(line => ProgressLine().Match(line)).Where(match => match.Success).ToList();
            Assert.True(progress.Count >= 2, run.Errors);
            Assert.All(progress[..^1], line => Assert.StartsWith("about", line.Groups[5].Value, StringComparison.Ordinal));
            var last = progress[^1];
            Assert.Equal("100", last.Groups[1].Value);
            Assert.Equal("3,001", last.Groups[2].Value);
            Assert.Equal("1", last.Groups[6].Value);

            var report = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Single(line => line.StartsWith("{\"created\"", StringComparison.Ordinal));
            Assert.Equal(3000, JsonDocument.Parse(report).RootElement.GetProperty("created").GetInt32());
            Assert.DoesNotContain(run.Output.Split('\n'), line => line.StartsWith("import: ", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
