using System.Data.Common;
using EventTracker.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace EventTracker.Tests.Timeline;

/// <summary>
/// The service renders at start every event document that is missing (a database migrated from before
/// stored documents, or one whose documents an operator deleted), in the background, while it serves.
/// </summary>
public sealed class EventDocumentFillerTests : IAsyncLifetime
{
    private readonly TestDatabase? _database = TestStore.IsPostgres ? TestDatabase.Create() : null;
    private RealServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = NewServer();
        _server.Settings["Seed__Demo"] = "true";
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database?.Dispose();
    }

    [Fact]
    public async Task DocumentsMissingAtStartAreRenderedInTheBackgroundAsGetAnswers()
    {
        await _server.KillAsync();
        Assert.True(await CountAsync("SELECT count(*) FROM event_documents") > 0);
        await CountAsync("DELETE FROM event_documents");

        await _server.DisposeAsync();
        _server = NewServer();
        await _server.StartAsync();

        var events = await CountAsync("SELECT count(*) FROM events WHERE deleted_at IS NULL");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CountAsync("SELECT count(*) FROM event_documents") < events && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(events, await CountAsync("SELECT count(*) FROM event_documents"));
        using var client = _server.CreateClient();
        Assert.Equal(await client.GetStringAsync("/api/v1/events/16"), await ScalarAsync("SELECT document FROM event_documents WHERE event_id = 16"));
    }

    private RealServer NewServer() =>
        _database is null
            ? new RealServer(_server?.DatabasePath ?? RealServer.TempDatabasePath())
            : RealServer.OnPostgres(_database.ConnectionString);

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await ScalarAsync(sql) ?? 0L);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using DbConnection connection = _database is null
            ? new SqliteConnection($"Data Source={_server.DatabasePath};Pooling=False")
            : new Npgsql.NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
