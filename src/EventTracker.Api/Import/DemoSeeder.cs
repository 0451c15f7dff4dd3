using System.IO.Pipelines;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Import;

/// <summary>The <c>Seed</c> configuration section.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Load db/seed/demo.ndjson into an empty database at start-up (default false; true in Development).</summary>
    public bool Demo { get; set; }
}

/// <summary>Loads the demo data set (the NATO–Russia case) into an empty database, through the import code path.</summary>
public sealed partial class DemoSeeder(
    IOptions<SeedOptions> options, IImportStore store, NdjsonImporter importer, ILogger<DemoSeeder> logger)
{
    public const string ResourceName = "Seed.demo.ndjson";
    public const string ChangedBy = "demo seed";

    public async Task SeedIfEnabledAndEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.Demo || !await store.IsEmptyAsync(cancellationToken))
        {
            return;
        }

        await using var demo = typeof(DemoSeeder).Assembly.GetManifestResourceStream(ResourceName)
                               ?? throw new InvalidOperationException($"The demo data set {ResourceName} is not embedded.");
        var report = await importer.ImportAsync(PipeReader.Create(demo), ChangedBy, cancellationToken);
        if (report.Failed > 0)
        {
            throw new InvalidOperationException($"The demo data set has {report.Failed} invalid lines; first: line {report.Failures[0].Line}.");
        }

        LogSeeded(report.Created);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the demo data set: {Created} records")]
    private partial void LogSeeded(int created);
}
