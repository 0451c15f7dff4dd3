using Npgsql;

namespace EventTracker.Tests.Infrastructure;

/// <summary>
/// Which store the suite runs on: SQLite unless EVENTTRACKER_TEST_PROVIDER=postgres, in which case
/// EVENTTRACKER_TEST_POSTGRES names a server (`.ci/postgres start` sets both) and every test class gets
/// a database of its own. Tests of one store's own machinery carry <c>[Trait("Store", "sqlite")]</c>;
/// the PostgreSQL run leaves them out with <c>--filter Store!=sqlite</c>.
/// </summary>
public static class TestStore
{
    public static string Provider { get; } = Environment.GetEnvironmentVariable("EVENTTRACKER_TEST_PROVIDER") ?? "sqlite";

    public static bool IsPostgres => Provider == "postgres";

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("EVENTTRACKER_TEST_POSTGRES")
        ?? throw new InvalidOperationException("EVENTTRACKER_TEST_PROVIDER=postgres needs EVENTTRACKER_TEST_POSTGRES; run `eval \"$(.ci/postgres start)\"`.");
}

/// <summary>A PostgreSQL database created for one test class and dropped after it.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _name;

    private TestDatabase(string name, string connectionString) => (_name, ConnectionString) = (name, connectionString);

    public string ConnectionString { get; }

    public static TestDatabase Create()
    {
        var name = "et_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(TestStore.PostgresServer))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'", admin);
            create.ExecuteNonQuery();
        }

        return new TestDatabase(name, new NpgsqlConnectionStringBuilder(TestStore.PostgresServer) { Database = name }.ConnectionString);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(TestStore.PostgresServer);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}

/// <summary>A test of several instances on one PostgreSQL database: skipped (and said so) when the suite runs on SQLite.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestStore.IsPostgres)
        {
            Skip = "Runs on PostgreSQL only: EVENTTRACKER_TEST_PROVIDER=postgres (see .ci/run).";
        }
    }
}
