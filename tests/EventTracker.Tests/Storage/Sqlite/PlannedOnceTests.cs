using EventTracker.Api.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace EventTracker.Tests.Storage.Sqlite;

/// <summary>
/// A kept statement is planned once per connection. Without the planner stability guarantee SQLite plans a statement
/// with <c>LIMIT @Take</c> on the value bound and plans it again whenever a value is bound afresh: every timeline page.
/// </summary>
[Trait("Store", "sqlite")]
public sealed class PlannedOnceTests : IDisposable
{
    private const int ReprepareCounter = 5; // SQLITE_STMTSTATUS_REPREPARE

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"eventtracker-planned-{Guid.NewGuid():N}.db");
    private readonly SqliteConnectionFactory _connections;

    public PlannedOnceTests()
    {
        _connections = new SqliteConnectionFactory(Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={_file}" }));
        using var connection = _connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, day TEXT NOT NULL); CREATE INDEX ix_t_day ON t (day, id);" +
                              "INSERT INTO t (day) VALUES ('2021-10-06'), ('2021-10-07'), ('2021-10-08'), ('2021-10-09');";
        command.ExecuteNonQuery();
    }

    [Fact]
    public void AStatementRunAgainWithOtherBoundsAndLimitsIsNotPlannedAgain()
    {
        using var connection = _connections.Open();
        var database = connection.Physical.Connection.Handle!;
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(database, "SELECT id FROM t WHERE day >= ?1 AND day <= ?2 ORDER BY day, id LIMIT ?3", out sqlite3_stmt statement));
        using (statement)
        {
            var rows = new List<long>();
            foreach (var (from, to, take) in new[] { ("2021-10-06", "2021-10-09", 1), ("2021-10-07", "2021-10-09", 2), ("2021-10-08", "2021-10-08", 3) })
            {
                raw.sqlite3_reset(statement);
                raw.sqlite3_bind_text(statement, 1, from);
                raw.sqlite3_bind_text(statement, 2, to);
                raw.sqlite3_bind_int64(statement, 3, take);
                while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                {
                    rows.Add(raw.sqlite3_column_int64(statement, 0));
                }
            }

            Assert.Equal([1L, 2, 3, 3], rows);
            Assert.Equal(0, raw.sqlite3_stmt_status(statement, ReprepareCounter, 0));
        }
    }

    public void Dispose()
    {
        _connections.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
