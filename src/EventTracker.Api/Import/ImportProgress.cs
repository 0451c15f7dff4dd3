namespace EventTracker.Api.Import;

/// <summary>
/// How far an import has come, updated by the importer as it goes and read from another thread by whoever shows it
/// (the <c>import</c> command's progress display): lines read so far, and the records of committed batches.
/// </summary>
public sealed class ImportProgress
{
    private int _linesRead;
    private int _linesCommitted;
    private int _eventsWritten;
    private int _failed;

    /// <summary>Lines read from the input so far (committed or not).</summary>
    public int LinesRead => Volatile.Read(ref _linesRead);

    /// <summary>Lines of committed batches, imported or failed.</summary>
    public int LinesCommitted => Volatile.Read(ref _linesCommitted);

    /// <summary>Events created or updated by committed batches.</summary>
    public int EventsWritten => Volatile.Read(ref _eventsWritten);

    public int Failed => Volatile.Read(ref _failed);

    internal void Read(int lineNumber) => Volatile.Write(ref _linesRead, lineNumber);

    internal void Committed(int lines, int eventsWritten, int failed)
    {
        Interlocked.Add(ref _linesCommitted, lines);
        Volatile.Write(ref _eventsWritten, eventsWritten);
        Volatile.Write(ref _failed, failed);
    }
}
