using System.IO.Pipelines;
using System.Text.Json;
using EventTracker.Api.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Import;

/// <summary>
/// <c>dotnet run --project src/EventTracker.Api -- import FILE</c>: the same import as POST /api/v1/import,
/// without HTTP, into the configured database. Prints the report as JSON; exits 0 when every line
/// was imported, 1 when some failed, 2 when the file cannot be read.
/// </summary>
public static class ImportCommand
{
    public const string ChangedBy = "command-line import";

    public static async Task<int> RunAsync(WebApplication app, string? path)
    {
        if (path is null)
        {
            await Console.Error.WriteLineAsync("usage: EventTracker.Api import FILE.ndjson [--ConnectionStrings:EventTracker=...]");
            return 2;
        }

        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"No such file: {path}");
            return 2;
        }

        app.Services.GetRequiredService<IStoreSchema>().Migrate();
        await using var file = File.OpenRead(path);
        var progress = new ImportProgress();
        ImportReport report;
        await using (var display = new ImportProgressDisplay(
            progress, () => file.Position, file.Length, Console.Error, terminal: !Console.IsErrorRedirected, ProgressInterval(app.Configuration)))
        {
            report = await app.Services.GetRequiredService<NdjsonImporter>()
                .ImportAsync(PipeReader.Create(file, new StreamPipeReaderOptions(leaveOpen: true)), ChangedBy, CancellationToken.None, progress);
            await display.FinishAsync();
        }

        Console.WriteLine(JsonSerializer.Serialize(report, app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions));
        return report.Failed == 0 ? 0 : 1;
    }

    /// <summary><c>--Import:ProgressSeconds=N</c>: how often the progress is shown (default: a bar 4 times a second, plain lines every 2 s).</summary>
    private static TimeSpan? ProgressInterval(IConfiguration configuration)
    {
        var seconds = configuration.GetValue<double?>("Import:ProgressSeconds");
        return seconds > 0 ? TimeSpan.FromSeconds(seconds.Value) : null;
    }
}
