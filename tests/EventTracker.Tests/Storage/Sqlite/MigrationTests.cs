using Dapper;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EventTracker.Tests.Storage.Sqlite;

[Trait("Store", "sqlite")]
public sealed class MigrationTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public void FreshDatabaseIsCreatedWithItsFolderAndEveryMigrationJournaled()
    {
        _ = app.Services; // starting the host migrates
        Assert.True(File.Exists(app.DatabasePath));

        using var connection = app.OpenDatabase();
        var journaled = connection.Query<string>($"SELECT ScriptName FROM {DatabaseMigrator.JournalTable} ORDER BY ScriptName").ToList();
        Assert.Equal(DatabaseMigrator.EmbeddedScriptNames(), journaled);
        Assert.Contains("Migrations.0001_initial_schema.sql", journaled);
    }

    [Fact]
    public void SchemaHasEveryTableOfTheDomain()
    {
        _ = app.Services;
        using var connection = app.OpenDatabase();
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet();
        string[] expected =
        [
            "organizations", "actors", "affiliations", "sources", "event_types", "events", "event_participants",
            "event_quantities", "event_citations", "event_relations", "event_tags", "event_external_ids",
            "revisions", "events_fts", "organizations_fts", "actors_fts", "sources_fts",
        ];
        Assert.All(expected, table => Assert.Contains(table, tables));
    }

    [Fact]
    public void RestartingOnAnExistingDatabaseAppliesNothingAndKeepsData()
    {
        _ = app.Services;
        using (var connection = app.OpenDatabase())
        {
            connection.Execute("""
                INSERT INTO organizations (name, kind, created_at, updated_at)
                VALUES ('NATO', 'alliance', '2021-10-06T00:00:00.000Z', '2021-10-06T00:00:00.000Z')
                """);
        }

        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        migrator.Migrate();
        migrator.Migrate();

        using var check = app.OpenDatabase();
        Assert.True(migrator.IsUpToDate());
        Assert.Equal(DatabaseMigrator.EmbeddedScriptNames().Count,
            check.ExecuteScalar<int>($"SELECT COUNT(*) FROM {DatabaseMigrator.JournalTable}"));
        Assert.Equal(1, check.ExecuteScalar<int>("SELECT COUNT(*) FROM organizations WHERE name = 'NATO'"));
    }

    [Fact]
    public void BundledSqliteSupportsFts5()
    {
        _ = app.Services;
        using var connection = app.OpenDatabase();
        connection.Execute("CREATE VIRTUAL TABLE temp.fts_probe USING fts5 (body)");
        connection.Execute("INSERT INTO temp.fts_probe (body) VALUES ('Дмитрий Песков'), ('Jens Stoltenberg')");
        Assert.Equal("Дмитрий Песков", connection.ExecuteScalar<string>("SELECT body FROM temp.fts_probe WHERE fts_probe MATCH 'Песков'"));
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM events_fts"));
    }

    [Fact]
    public async Task ConnectionsUseWalForeignKeysFullSyncAndABusyTimeout()
    {
        var factory = app.Services.GetRequiredService<SqliteConnectionFactory>();
        await using var connection = await factory.OpenAsync();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA foreign_keys"));
        Assert.Equal(2, connection.ExecuteScalar<int>("PRAGMA synchronous")); // FULL
        Assert.True(connection.ExecuteScalar<int>("PRAGMA busy_timeout") >= 5000);
        Assert.Throws<SqliteException>(() => connection.Execute(
            "INSERT INTO organizations (name, kind, parent_id, created_at, updated_at) VALUES ('x', 'other', 999999, '', '')"));
    }
}
