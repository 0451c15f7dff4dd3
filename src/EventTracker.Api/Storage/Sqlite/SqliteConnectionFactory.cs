using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Dapper;
using EventTracker.Api.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// Hands out open connections, one per operation, from a pool of physical connections that keep their
/// prepared statements (see <see cref="PhysicalConnection"/>). Each physical connection is set up once:
/// foreign keys on (connection string), a busy timeout so writers queue rather than fail,
/// synchronous=FULL so every acknowledged commit is on disk, and a page cache of <see cref="CacheKilobytes"/>.
/// </summary>
public sealed class SqliteConnectionFactory : IDisposable
{
    private const int MaxIdleConnections = 32;

    /// <summary>
    /// Each connection's page cache (SQLite's default is 2 MB). With 2 MB, a timeline page 10 000 items
    /// deep re-read its rows from the file on every request (1.6 ms more kernel time each, 1.4-1.8x the
    /// first page under load); with 8 MB both pages cost the same.
    /// </summary>
    public const int CacheKilobytes = 8192;

    /// <summary>
    /// Reads through a memory map of the database file (up to SQLite's own 2 GB bound) instead of a read() system call
    /// and a copy per page that is not in the connection's cache: the pages every uncached request touches (indexes,
    /// stored documents) come straight from the kernel's file cache, shared by all connections.
    /// </summary>
    public const long MemoryMapBytes = 0x7fff0000;

    private static readonly string PerConnectionPragmas =
        $"PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA cache_size = -{CacheKilobytes}; PRAGMA mmap_size = {MemoryMapBytes};";

    private readonly string _connectionString;
    private readonly ConcurrentBag<PhysicalConnection> _idle = [];
    private volatile bool _disposed;

    static SqliteConnectionFactory() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private readonly DatabaseOperations? _operations;

    public SqliteConnectionFactory(IOptions<DatabaseOptions> options, DatabaseOperations? operations = null)
    {
        _connectionString = options.Value.EffectiveConnectionString();
        _operations = operations;
    }

    public string ConnectionString => _connectionString;

    /// <remarks>The caller's file and member name the store operation in metrics and traces (<see cref="DatabaseOperations"/>).</remarks>
    public Task<PooledConnection> OpenAsync(
        CancellationToken cancellationToken = default, [CallerFilePath] string caller = "", [CallerMemberName] string operation = "")
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Open(caller, operation));
    }

    /// <summary>
    /// A connection for a read that may stop half-way: when <paramref name="stopWhen"/> is cancelled, the
    /// statement running on it is interrupted (the driver looks at the token only between statements and
    /// rows, and one statement can sort or count for a second before its first row). Writes use
    /// <see cref="OpenAsync"/>: once begun they are finished, whoever is still listening.
    /// </summary>
    public Task<PooledConnection> OpenForReadingAsync(
        CancellationToken stopWhen, [CallerFilePath] string caller = "", [CallerMemberName] string operation = "")
    {
        stopWhen.ThrowIfCancellationRequested();
        var connection = Open(caller, operation);
        connection.InterruptOn(stopWhen);
        return Task.FromResult(connection);
    }

    public PooledConnection Open([CallerFilePath] string caller = "", [CallerMemberName] string operation = "")
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var started = _operations?.Start() ?? 0;
        if (!_idle.TryTake(out var physical))
        {
            var connection = new SqliteConnection(_connectionString);
            try
            {
                connection.Open();
                connection.Execute(PerConnectionPragmas);
                KeepPlansIndependentOfValues(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            physical = new PhysicalConnection(connection);
        }

        return new PooledConnection(physical, Return, _operations, started, _operations?.TagsOf(caller, operation));
    }

    /// <summary>
    /// SQLite plans some statements on the values bound to them (a <c>LIMIT @Take</c>, a <c>LIKE</c> pattern) and then
    /// plans them again, from their text, whenever one of those values is bound afresh: every timeline page did, which
    /// cost more than running it. With the query planner stability guarantee on, a kept statement is planned once.
    /// </summary>
    private static void KeepPlansIndependentOfValues(SqliteConnection connection)
    {
        var result = SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out int enabled);
        if (result != SQLitePCL.raw.SQLITE_OK || enabled != 1)
        {
            throw new InvalidOperationException($"SQLite refused the query planner stability guarantee ({result}).");
        }
    }

    private void Return(PhysicalConnection physical)
    {
        if (_disposed || _idle.Count >= MaxIdleConnections)
        {
            physical.Dispose();
            return;
        }

        _idle.Add(physical);
    }

    /// <summary>Closes every kept connection not in use; the factory goes on handing out new ones.</summary>
    public void CloseIdleConnections()
    {
        while (_idle.TryTake(out var physical))
        {
            physical.Dispose();
        }
    }

    /// <summary>Closes every kept connection (the service is stopping, or a test is done with its file).</summary>
    public void Dispose()
    {
        _disposed = true;
        CloseIdleConnections();
    }
}

public static class SqliteInterruption
{
    /// <summary>Whether a statement failed because <see cref="PhysicalConnection.Interrupt"/> stopped it.</summary>
    public static bool IsInterruption(this SqliteException exception) => exception.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT;
}
