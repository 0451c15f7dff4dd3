using System.Globalization;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>The settings a bulk writer's connection changes while it writes, and back when it is handed back.</summary>
internal static class BulkWriterSetup
{
    /// <summary>SQLite's own: a committing connection checkpoints once the WAL holds this many pages.</summary>
    public const int DefaultAutoCheckpointPages = 1000;

    /// <summary>The statements that set them; <c>cacheSize</c> as <c>PRAGMA cache_size</c> takes it (negative in KiB, positive in pages).</summary>
    public static string Pragmas(long cacheSize, long memoryMapBytes, int autoCheckpointPages) => string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA cache_size = {cacheSize}; PRAGMA mmap_size = {memoryMapBytes}; PRAGMA wal_autocheckpoint = {autoCheckpointPages};");
}
