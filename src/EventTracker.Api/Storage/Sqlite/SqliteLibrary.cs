using SQLitePCL;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// How the SQLite library runs in this process, set once before its first connection opens. By default SQLite
/// serialises every call on a connection with a mutex, and counts every allocation under another: a timeline page
/// makes some 400 calls into SQLite, and their locks cost about as much as its B-tree reads. The pool hands each
/// connection to one request at a time (<see cref="SqliteConnectionFactory"/>), which is all the multi-thread mode
/// asks; <c>sqlite3_interrupt</c> from another thread stays allowed in it.
/// </summary>
public static class SqliteLibrary
{
    private static readonly (string Version, string ThreadingMode) Configured = Configure();

    /// <summary>The library's version, as it reports it.</summary>
    public static string Version => Configured.Version;

    /// <summary>"multi-thread", or "serialized" when something in this process opened a connection first (a test host).</summary>
    public static string ThreadingMode => Configured.ThreadingMode;

    private static (string, string) Configure()
    {
        Batteries_V2.Init();
        // Both are refused (SQLITE_MISUSE) once SQLite has initialised itself; it then keeps its safe defaults.
        var multiThread = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD) == raw.SQLITE_OK;
        raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
        return (raw.sqlite3_libversion().utf8_to_string(), multiThread ? "multi-thread" : "serialized");
    }
}
