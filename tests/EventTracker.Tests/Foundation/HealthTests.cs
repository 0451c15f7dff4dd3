using System.Net;
using Dapper;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Foundation;

public sealed class HealthTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public async Task LivenessAnswersOk()
    {
        var response = await app.CreateClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("live", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadinessAnswersOkWithEveryMigrationApplied()
    {
        var response = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("ready", body.GetProperty("status").GetString());
        var shipped = TestStore.IsPostgres ? Api.Storage.Postgres.PostgresStore.EmbeddedScriptNames().Count : DatabaseMigrator.EmbeddedScriptNames().Count;
        Assert.True(shipped > 0);
        Assert.Equal(shipped, body.GetProperty("migrationsApplied").GetInt32());
    }

    [Fact]
    [Trait("Store", "sqlite")]
    public async Task ReadinessAnswers503WhenAMigrationIsMissingFromTheJournal()
    {
        var client = app.CreateClient();
        using (var connection = app.OpenDatabase())
        {
            connection.Execute($"DELETE FROM {DatabaseMigrator.JournalTable} WHERE ScriptName = 'Migrations.0002_event_types.sql'");
        }

        try
        {
            var response = await client.GetAsync("/health/ready");
            await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            using var connection = app.OpenDatabase();
            connection.Execute(
                $"INSERT INTO {DatabaseMigrator.JournalTable} (ScriptName, Applied) VALUES ('Migrations.0002_event_types.sql', '2026-01-01')");
        }
    }
}
