using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EventTracker.Benchmarks;

/// <summary>
/// Where a run's data lives: an SQLite file in the run's folder, or a fresh database on the PostgreSQL server
/// given with <c>--postgres</c> (or EVENTTRACKER_TEST_POSTGRES), dropped at the end.
/// </summary>
public sealed class BenchDatabase : IDisposable
{
    private readonly string? _postgresName;
    private readonly string? _postgresServer;

    private BenchDatabase(string provider, string connectionString, string? postgresServer = null, string? postgresName = null) =>
        (Provider, ConnectionString, _postgresServer, _postgresName) = (provider, connectionString, postgresServer, postgresName);

    public string Provider { get; }

    public string ConnectionString { get; }

    public static BenchDatabase Create(string provider, string folder, string? postgresServer)
    {
        if (provider == "sqlite")
        {
            return new BenchDatabase("sqlite", $"Data Source={Path.Combine(folder, "bench.db")}");
        }

        var server = postgresServer ?? Environment.GetEnvironmentVariable("EVENTTRACKER_TEST_POSTGRES")
                     ?? throw new InvalidOperationException("--provider postgres needs --postgres \"<Npgsql connection string of a server>\" (or eval \"$(.ci/postgres start)\").");
        var name = "bench_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'", admin);
            create.ExecuteNonQuery();
        }

        return new BenchDatabase("postgres", new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, server, name);
    }

    /// <summary>A connection for the runner's own look-ups (which organization is busiest, ...), in SQL both stores speak.</summary>
    public DbConnection Open()
    {
        DbConnection connection = Provider == "sqlite" ? new SqliteConnection(ConnectionString + ";Mode=ReadOnly") : new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The service's own arguments for this store.</summary>
    public string[] ServiceArguments() => [$"--Storage:Provider={Provider}", $"--ConnectionStrings:EventTracker={ConnectionString}"];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_postgresName is null)
        {
            return;
        }

        using var admin = new NpgsqlConnection(_postgresServer);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
