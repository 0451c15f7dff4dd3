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

    /// <summary>
    /// A fresh, empty database; or, with <paramref name="template"/>, a copy of a kept one (an SQLite file's path, or a
    /// PostgreSQL database's name), so that a run may write without changing what the next run starts from.
    /// </summary>
    public static BenchDatabase Create(string provider, string folder, string? postgresServer, string? template = null)
    {
        if (provider == "sqlite")
        {
            var file = Path.Combine(folder, "bench.db");
            if (template is not null)
            {
                File.Copy(template, file, overwrite: true);
            }

            return new BenchDatabase("sqlite", $"Data Source={file}");
        }

        var server = PostgresServer(postgresServer);
        var name = "bench_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template ?? "template0"} ENCODING 'UTF8'", admin);
            create.ExecuteNonQuery();
        }

        return new BenchDatabase("postgres", new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, server, name);
    }

    /// <summary>A database that outlives the run (<c>--data</c>): an SQLite file at <paramref name="sqliteFile"/>, or the PostgreSQL database <paramref name="postgresName"/>, created empty.</summary>
    public static BenchDatabase CreateKept(string provider, string sqliteFile, string postgresName, string? postgresServer)
    {
        if (provider == "sqlite")
        {
            return new BenchDatabase("sqlite", $"Data Source={sqliteFile}");
        }

        var server = PostgresServer(postgresServer);
        using var admin = new NpgsqlConnection(server);
        admin.Open();
        using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", admin))
        {
            drop.ExecuteNonQuery();
        }

        using var create = new NpgsqlCommand($"CREATE DATABASE {postgresName} TEMPLATE template0 ENCODING 'UTF8'", admin);
        create.ExecuteNonQuery();
        return new BenchDatabase("postgres", new NpgsqlConnectionStringBuilder(server) { Database = postgresName }.ConnectionString);
    }

    public static bool PostgresDatabaseExists(string name, string? postgresServer)
    {
        using var admin = new NpgsqlConnection(PostgresServer(postgresServer));
        admin.Open();
        using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", name);
        return (long)exists.ExecuteScalar()! == 1;
    }

    private static string PostgresServer(string? postgresServer) =>
        postgresServer ?? Environment.GetEnvironmentVariable("EVENTTRACKER_TEST_POSTGRES")
        ?? throw new InvalidOperationException("--provider postgres needs --postgres \"<Npgsql connection string of a server>\" (or eval \"$(.ci/postgres start)\").");

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
