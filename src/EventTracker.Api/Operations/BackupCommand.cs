using EventTracker.Api.Storage;

namespace EventTracker.Api.Operations;

/// <summary>
/// <c>dotnet run --project src/EventTracker.Api -- backup FILE</c>: an online, consistent copy of the
/// store (SQLite: VACUUM INTO), safe while the service runs. Exit 0 on success, 2 on a usage error.
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
        if (await app.Services.GetRequiredService<IStoreBackup>().BackupAsync(target, CancellationToken.None) is { } refusal)
        {
            await Console.Error.WriteLineAsync(refusal);
            return 2;
        }

        Console.WriteLine($"Backed up to {target}");
        return 0;
    }
}
