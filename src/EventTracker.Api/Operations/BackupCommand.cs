using Dapper;
using EventTracker.Api.Storage.Sqlite;

namespace EventTracker.Api.Operations;

/// <summary>
/// <c>dotnet run --project src/EventTracker.Api -- backup FILE</c>: an online, consistent copy of the
/// database (SQLite's VACUUM INTO), safe while the service runs. Exit 0 on success, 2 on a usage error.
/// </summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(WebApplication app, string? file)
    {
        if (file is null)
        {
            await Console.Error.WriteLineAsync("usage: EventTracker.Api backup FILE.db [--ConnectionStrings:EventTracker=...]");
            return 2;
        }

        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            await Console.Error.WriteLineAsync($"{target} exists; VACUUM INTO writes only to a new file.");
            return 2;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var connection = await app.Services.GetRequiredService<SqliteConnectionFactory>().OpenAsync();
        await connection.ExecuteAsync("VACUUM INTO @Target", new { Target = target });
        Console.WriteLine($"Backed up to {target}");
        return 0;
    }
}
