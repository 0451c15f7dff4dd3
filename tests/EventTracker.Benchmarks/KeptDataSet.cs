using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EventTracker.Benchmarks;

/// <summary>
/// The data set of a run (<c>--data DIR</c>): generated and imported once into DIR (SQLite: <c>sqlite-N.db</c>;
/// PostgreSQL: the database <c>bench_kept_N</c>), with the import's figures in <c>DIR/&lt;store&gt;-N.json</c>,
/// written last so that an interrupted import is done again. Every run works on a copy (a file copy, or
/// <c>CREATE DATABASE ... TEMPLATE</c>), so the writes a run makes (POST event) never reach the next run.
/// Without <c>--data</c>, every run generates and imports into a database of its own, as before.
/// </summary>
public static class KeptDataSet
{
    /// <summary>How the data set came to be: its generation and import, measured when it was made.</summary>
    public sealed record Made(double GenerateSeconds, double ImportSeconds, long Imported, bool Reused);

    public static async Task<(BenchDatabase Database, Made Made)> OpenAsync(int events, string runFolder, BenchOptions options)
    {
        if (options.DataFolder is null)
        {
            var database = BenchDatabase.Create(options.Provider, runFolder, options.PostgresServer);
            return (database, await GenerateAndImportAsync(events, runFolder, database));
        }

        Directory.CreateDirectory(options.DataFolder);
        var figures = Path.Combine(options.DataFolder, $"{options.Provider}-{events}.json");
        var sqliteFile = Path.Combine(options.DataFolder, $"sqlite-{events}.db");
        var postgresName = $"bench_kept_{events}";
        var kept = File.Exists(figures) && (options.Provider == "sqlite"
            ? File.Exists(sqliteFile)
            : BenchDatabase.PostgresDatabaseExists(postgresName, options.PostgresServer));
        Made made;
        if (kept)
        {
            made = JsonSerializer.Deserialize<Made>(await File.ReadAllTextAsync(figures))! with { Reused = true };
            Console.WriteLine($"[{events}] reusing the data set kept in {options.DataFolder} (imported in {made.ImportSeconds:F1} s when made)");
        }
        else
        {
            File.Delete(figures);
            File.Delete(sqliteFile);
            using (var keeping = BenchDatabase.CreateKept(options.Provider, sqliteFile, postgresName, options.PostgresServer))
            {
                made = await GenerateAndImportAsync(events, runFolder, keeping);
                if (options.Provider == "sqlite")
                {
                    // Everything into the main file, so that a copy of that file alone is the whole database.
                    await using var connection = new SqliteConnection(keeping.ConnectionString);
                    await connection.OpenAsync();
                    await using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection);
                    await checkpoint.ExecuteNonQueryAsync();
                }
            }

            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            await File.WriteAllTextAsync(figures, JsonSerializer.Serialize(made));
        }

        var clock = Stopwatch.StartNew();
        var copy = BenchDatabase.Create(options.Provider, runFolder, options.PostgresServer, options.Provider == "sqlite" ? sqliteFile : postgresName);
        Console.WriteLine($"[{events}] copied the kept data set in {clock.Elapsed.TotalSeconds:F1} s");
        return (copy, made);
    }

    private static async Task<Made> GenerateAndImportAsync(int events, string runFolder, BenchDatabase database)
    {
        var file = Path.Combine(runFolder, "data.ndjson");
        var clock = Stopwatch.StartNew();
        SyntheticData.Write(file, events);
        var generateSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"[{events}] generated in {generateSeconds:F1} s");
        var (importSeconds, imported) = await DataSetRun.ImportAsync(file, database);
        Console.WriteLine($"[{events}] imported {imported} records in {importSeconds:F1} s ({events / importSeconds:F0} events/s)");
        File.Delete(file);
        return new Made(generateSeconds, importSeconds, imported, Reused: false);
    }
}
