using Dapper;
using EventTracker.Api.Import;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Storage.Sqlite;

/// <summary>
/// An import's connection leaves its checkpoints to another connection and reads without a memory map while it
/// writes; by the time the import answers its pages are in the database file, and its connection is set up as the
/// others again.
/// </summary>
[Trait("Store", "sqlite")]
public sealed class BulkWriterTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private const int Events = NdjsonImporter.BatchLines + 20;

    [Fact]
    public async Task AnImportOfSeveralBatchesIsInTheDatabaseFileItselfByTheTimeItAnswers()
    {
        var p = Unique("folded");
        await ImportTwoBatchesAsync(p);

        // Opened immutable, SQLite reads the database file alone and never looks at the WAL.
        using var file = new SqliteConnection($"Data Source=file:{app.DatabasePath}?immutable=1;Mode=ReadOnly;Pooling=False");
        file.Open();
        Assert.Equal(Events, file.ExecuteScalar<int>("SELECT COUNT(*) FROM events WHERE external_id LIKE @P", new { P = p + ":%" }));
        Assert.Equal(Events, file.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM event_documents d JOIN events e ON e.id = d.event_id WHERE e.external_id LIKE @P", new { P = p + ":%" }));
    }

    [Fact]
    public async Task AfterAnImportEveryPooledConnectionHasItsMemoryMapCacheAndCheckpointsBack()
    {
        await ImportTwoBatchesAsync(Unique("handed-back"));

        var factory = app.Services.GetRequiredService<SqliteConnectionFactory>();
        var connections = Enumerable.Range(0, 40).Select(_ => factory.Open()).ToList();
        try
        {
            foreach (var connection in connections)
            {
                Assert.Equal(SqliteConnectionFactory.MemoryMapBytes, connection.ExecuteScalar<long>("PRAGMA mmap_size"));
                Assert.Equal(-SqliteConnectionFactory.CacheKilobytes, connection.ExecuteScalar<long>("PRAGMA cache_size"));
                Assert.Equal(1000, connection.ExecuteScalar<long>("PRAGMA wal_autocheckpoint"));
            }
        }
        finally
        {
            connections.ForEach(connection => connection.Dispose());
        }
    }

    private async Task ImportTwoBatchesAsync(string p)
    {
        IEnumerable<string> Lines()
        {
            yield return Line(new { kind = "organization", externalId = $"{p}:org", name = $"Org {p}", organizationKind = "other" });
            for (var i = 0; i < Events; i++)
            {
                yield return Line(new
                {
                    kind = "event", externalId = $"{p}:{i}", type = "statement", title = $"Statement {i} {p}", date = $"2001-02-{i % 28 + 1:00}",
                    status = "completed", participants = new[] { new { organizationExternalId = $"{p}:org", role = "initiator" } },
                });
            }
        }

        var report = await app.ImportAsync(Lines());
        Assert.Equal(Events + 1, report.GetProperty("created").GetInt32());
    }
}
