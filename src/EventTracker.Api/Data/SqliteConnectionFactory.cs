using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Data;

/// <summary>Hands out opened connections, one per operation; pooling makes that cheap.</summary>
public sealed class SqliteConnectionFactory
{
    // busy_timeout lets a writer wait for another instead of failing with "database is locked";
    // synchronous=FULL makes every acknowledged commit durable, even across a power cut in WAL mode.
    private const string PerConnectionPragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";

    private readonly string _connectionString;

    static SqliteConnectionFactory() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public SqliteConnectionFactory(IOptions<DatabaseOptions> options) =>
        _connectionString = options.Value.EffectiveConnectionString();

    public string ConnectionString => _connectionString;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(PerConnectionPragmas);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            connection.Execute(PerConnectionPragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
