namespace EventTracker.Api.Import;

/// <summary>How an import holds its memory: <c>Import</c> in configuration.</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>
    /// How many external ids an import remembers (found or not) before it forgets them, between two batches: once a
    /// batch has committed they only cache what the tables hold, so a large import's memory stays flat (default 50 000:
    /// at 200 000 they held 95 MB of the heap after a batch, at 50 000 73 MB, and the import was as fast).
    /// </summary>
    public int RememberedRecords { get; set; } = 50_000;

    /// <summary>
    /// Whether lines are read straight into their requests (default); when false, every line is read as a node tree, as the
    /// import did before. Both answer every line alike (<c>TypedLinesMatchTreeLinesTests</c>); the switch is a way back.
    /// </summary>
    public bool TypedLines { get; set; } = true;
}
