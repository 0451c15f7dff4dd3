using Dapper;
using EventTracker.Api.Storage.Sqlite;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// On graceful shutdown (SIGTERM, Ctrl+C), after in-flight requests have finished, folds the WAL into
/// the database file so that a stopped service leaves one self-contained file behind.
/// </summary>
public sealed partial class WalCheckpoint(
    SqliteConnectionFactory connections, IHostApplicationLifetime lifetime, ILogger<WalCheckpoint> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopped.Register(Run);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Run()
    {
        try
        {
            using var connection = connections.Open();
            var (busy, logFrames, checkpointed) = connection.QuerySingle<(long, long, long)>("PRAGMA wal_checkpoint(TRUNCATE)");
            LogCheckpointed(busy == 0, logFrames, checkpointed);
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            LogFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WAL checkpoint at shutdown: complete={Complete}, frames={Frames}, checkpointed={Checkpointed}")]
    private partial void LogCheckpointed(bool complete, long frames, long checkpointed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL checkpoint at shutdown failed")]
    private partial void LogFailed(Exception exception);
}
