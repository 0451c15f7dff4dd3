using System.Net;
using System.Net.Http.Json;
using Dapper;
using DbUp;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Storage.Sqlite;

/// <summary>
/// A database created by an earlier release, with data in it, upgraded by starting the current
/// service: the later migrations fill what they add from the data already there.
/// </summary>
[Trait("Store", "sqlite")]
public sealed class UpgradeMigrationTests : IDisposable
{
    private const string Now = "2021-10-06T00:00:00.000Z";
    private readonly EventTrackerApp _app = new();

    private void CreateDatabaseAsOf(string lastScript)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_app.DatabasePath)!);
        var result = DeployChanges.To
            .SqliteDatabase(_app.ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly,
                name => name.StartsWith("Migrations.", StringComparison.Ordinal) && string.CompareOrdinal(name, lastScript) <= 0)
            .JournalToSqliteTable(DatabaseMigrator.JournalTable)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(result.Successful, result.Error?.ToString());
    }

    [Fact]
    public async Task ParticipantsOfExistingEventsGetTheirEventsTypeAndDeletedFlag()
    {
        CreateDatabaseAsOf("Migrations.0003_data_version.sql");
        using (var connection = _app.OpenDatabase())
        {
            connection.Execute($"""
                INSERT INTO organizations (id, name, kind, created_at, updated_at) VALUES (1, 'NATO', 'alliance', '{Now}', '{Now}');
                INSERT INTO events (id, type, title, date, date_precision, span_start, span_end, status, created_at, updated_at, deleted_at)
                VALUES (10, 'staff_cap', 'Mission capped at 10', '2021-10-06', 'day', '2021-10-06', '2021-10-06', 'completed', '{Now}', '{Now}', NULL),
                       (11, 'expulsion', 'Eight expelled', '2021-10-06', 'day', '2021-10-06', '2021-10-06', 'completed', '{Now}', '{Now}', NULL),
                       (12, 'statement', 'Withdrawn statement', '2021-10', 'month', '2021-10-01', '2021-10-31', 'completed', '{Now}', '{Now}', '{Now}');
                INSERT INTO event_participants (event_id, position, organization_id, role, event_span_start)
                VALUES (10, 0, 1, 'initiator', '2021-10-06'), (11, 0, 1, 'initiator', '2021-10-06'), (11, 1, 1, 'target', '2021-10-06'),
                       (12, 0, 1, 'initiator', '2021-10-01');
                """);
        }

        var response = await _app.CreateClient().GetAsync("/api/v1/timeline/histogram?organization=1&interval=month");

        using var check = _app.OpenDatabase();
        var rows = check.Query<(long EventId, string EventType, long EventDeleted)>(
            "SELECT event_id, event_type, event_deleted FROM event_participants ORDER BY event_id, position").ToList();
        Assert.Equal([(10L, "staff_cap", 0L), (11L, "expulsion", 0L), (11L, "expulsion", 0L), (12L, "statement", 1L)], rows);

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("total").GetInt64());
        var october = Assert.Single(body.GetProperty("buckets").EnumerateArray());
        Assert.Equal(1, october.GetProperty("byType").GetProperty("staff_cap").GetInt64());
        Assert.Equal(1, october.GetProperty("byType").GetProperty("expulsion").GetInt64());
    }

    [Fact]
    public void DataVersionStartsAtZeroAndMovesWithEveryChange()
    {
        CreateDatabaseAsOf("Migrations.0002_event_types.sql");
        _ = _app.Services; // starting the service applies 0003 and later

        using var connection = _app.OpenDatabase();
        long Version() => connection.ExecuteScalar<long>("SELECT value FROM data_version WHERE id = 1");
        Assert.Equal(0, Version());
        connection.Execute($"INSERT INTO organizations (id, name, kind, created_at, updated_at) VALUES (1, 'NATO', 'alliance', '{Now}', '{Now}')");
        Assert.Equal(1, Version());
        connection.Execute("UPDATE organizations SET name = 'North Atlantic Treaty Organization' WHERE id = 1");
        Assert.Equal(2, Version());
        connection.Execute($"INSERT INTO sources (title, created_at, updated_at) VALUES ('TASS', '{Now}', '{Now}')");
        connection.Execute($"INSERT INTO actors (name, created_at, updated_at) VALUES ('Maria Zakharova', '{Now}', '{Now}')");
        connection.Execute("DELETE FROM actors");
        Assert.Equal(5, Version());
    }

    [Fact]
    public async Task EventsOfAnEarlierReleaseKeepTheirStatusAndPartsWhileNewOnesMayHaveNone()
    {
        CreateDatabaseAsOf("Migrations.0004_participant_event_type.sql");
        using (var connection = _app.OpenDatabase())
        {
            // A connection opened before the upgrade, still open after it: it must see the new schema too.
            connection.Execute($"""
                INSERT INTO organizations (id, name, kind, created_at, updated_at) VALUES (1, 'NATO', 'alliance', '{Now}', '{Now}');
                INSERT INTO events (id, type, title, date, date_precision, span_start, span_end, status, created_at, updated_at)
                VALUES (10, 'staff_cap', 'Mission capped at 10', '2021-10-06', 'day', '2021-10-06', '2021-10-06', 'completed', '{Now}', '{Now}');
                INSERT INTO event_participants (event_id, position, organization_id, role, event_span_start, event_type)
                VALUES (10, 0, 1, 'initiator', '2021-10-06', 'staff_cap');
                """);

            var editor = _app.CreateEditorClient();
            var created = await editor.PostAsJsonAsync("/api/v1/events", new
            {
                type = "statement", title = "No status stated", date = "2021-10",
                participants = new[] { new { organizationId = 1, role = "initiator" } },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

            connection.Execute($"INSERT INTO events (id, type, title, date, date_precision, span_start, span_end, status, created_at, updated_at) " +
                               $"VALUES (20, 'statement', 'Written by the old connection', '2021', 'year', '2021-01-01', '2021-12-31', NULL, '{Now}', '{Now}')");
            Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM pragma_foreign_key_check"));
        }

        var old = await (await _app.CreateClient().GetAsync("/api/v1/events/10")).ReadJsonAsync();
        Assert.Equal("completed", old.GetProperty("status").GetString());
        using (var connection = _app.OpenDatabase())
        {
            Assert.Equal("2021-10-06", connection.ExecuteScalar<string>("SELECT event_span_end FROM event_participants WHERE event_id = 10"));
        }

        Assert.Equal("NATO", old.GetProperty("participants")[0].GetProperty("name").GetString());
        var unstated = await (await _app.CreateClient().GetAsync("/api/v1/events/20")).ReadJsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unstated.GetProperty("status").ValueKind);
    }

    public void Dispose() => _app.Dispose();
}
