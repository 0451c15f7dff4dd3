using EventTracker.Api.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using EventTracker.Api.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventTracker.Tests.Infrastructure;

/// <summary>
/// The real HTTP pipeline over a fresh SQLite file of its own. One instance per test class
/// (<c>IClassFixture</c>); the file is deleted when the class is done.
/// </summary>
public class EventTrackerApp : WebApplicationFactory<Program>
{
    public const string ReaderKey = "reader-key-0123456789";
    public const string EditorKey = "editor-key-0123456789";
    public const string AdminKey = "admin-key-0123456789ab";
    /// <summary>Configured by its SHA-256 only.</summary>
    public const string HashedEditorKey = "hashed-editor-key-0123456789";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "eventtracker-tests", Guid.NewGuid().ToString("N"));

    private readonly TestDatabase? _postgres = TestStore.IsPostgres ? TestDatabase.Create() : null;

    public EventTrackerApp()
    {
        Directory.CreateDirectory(_folder);
        TestServerLogs.Watch(Logs);
    }

    public string DatabasePath => Path.Combine(_folder, "db", "eventtracker.db");

    /// <summary>The store's connection string: an SQLite file of this class's own, or a PostgreSQL database of its own.</summary>
    public string ConnectionString => _postgres?.ConnectionString ?? $"Data Source={DatabasePath}";

    /// <summary>Every line the service logged; a failing test's output shows those written while it ran.</summary>
    public ServerLogSink Logs { get; } = new();

    /// <summary>Extra configuration for a test class that needs it.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = TestStore.Provider,
            ["ConnectionStrings:EventTracker"] = ConnectionString,
            ["Auth:ApiKeys:0:Name"] = "test-reader",
            ["Auth:ApiKeys:0:Key"] = ReaderKey,
            ["Auth:ApiKeys:0:Role"] = "reader",
            ["Auth:ApiKeys:1:Name"] = "test-editor",
            ["Auth:ApiKeys:1:Key"] = EditorKey,
            ["Auth:ApiKeys:1:Role"] = "editor",
            ["Auth:ApiKeys:2:Name"] = "test-admin",
            ["Auth:ApiKeys:2:Key"] = AdminKey,
            ["Auth:ApiKeys:2:Role"] = "admin",
            ["Auth:ApiKeys:3:Name"] = "test-hashed-editor",
            ["Auth:ApiKeys:3:KeySha256"] = Convert.ToHexStringLower(
                System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(HashedEditorKey))),
            ["Auth:ApiKeys:3:Role"] = "editor",
            // Budgets no test class reaches unless it sets its own (see RateLimitTests).
            ["RateLimits:Reads:PermitLimit"] = "1000000",
            ["RateLimits:Writes:PermitLimit"] = "1000000",
            ["RateLimits:Bulk:PermitLimit"] = "1000000",
        };
        foreach (var (key, value) in ExtraSettings())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(ConfigureTestServices);
    }

    public HttpClient CreateClientWithKey(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public HttpClient CreateEditorClient() => CreateClientWithKey(EditorKey);

    public HttpClient CreateAdminClient() => CreateClientWithKey(AdminKey);

    /// <summary>A connection to this class's own database, on whichever store the suite runs (for SQL both speak).</summary>
    public System.Data.Common.DbConnection OpenDatabase()
    {
        System.Data.Common.DbConnection connection = _postgres is null ? new SqliteConnection(ConnectionString) : new Npgsql.NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    private IHost? _host;

    protected override IHost CreateHost(IHostBuilder builder) => _host = base.CreateHost(builder);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The service's idle connections close first, so that stopping the host (its WAL checkpoint) waits on no lock.
            Interlocked.Exchange(ref _host, null)?.Services.GetService<SqliteConnectionFactory>()?.CloseIdleConnections();
        }

        base.Dispose(disposing);
        if (disposing)
        {
            _postgres?.Dispose();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS temp cleaner; never fail a test run over it.
            }
        }
    }
}

/// <summary>The app with test-only probe endpoints mounted into the real pipeline.</summary>
public sealed class ProbedEventTrackerApp : EventTrackerApp
{
    public static void ConfigureProbes(IServiceCollection services) => services.AddSingleton<IEndpointContributor, ProbeEndpoints>();

    protected override void ConfigureTestServices(IServiceCollection services) => ConfigureProbes(services);
}

/// <summary>The probed app on a real Kestrel server on 127.0.0.1 (a dynamic port), for tests that need its connection handling.</summary>
public sealed class KestrelProbedEventTrackerApp : EventTrackerApp
{
    public KestrelProbedEventTrackerApp()
    {
        UseKestrel(0);
        StartServer();
    }

    protected override void ConfigureTestServices(IServiceCollection services) => ProbedEventTrackerApp.ConfigureProbes(services);
}
