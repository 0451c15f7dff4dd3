
namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// At start, renders the stored document of every live event that has none (those written before documents were
/// kept, or copied by <c>migrate-store</c>), a few hundred per short write, oldest first. Until it is done such
/// events are rendered from their tables when read: answers are the same, only slower.
/// </summary>
public sealed partial class EventDocumentFiller(
    IStorage storage, IRelationalDialect dialect, EventDocuments documents, ILogger<EventDocumentFiller> logger) : BackgroundService
{
    private const int EventsPerWrite = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var filled = 0L;
        var after = 0L;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await using var work = await storage.BeginWriteAsync(stoppingToken);
                var (connection, transaction) = dialect.ConnectionOf(work);
                var ids = await documents.FillMissingAsync(connection, transaction, after, EventsPerWrite);
                await work.CommitAsync(stoppingToken);
                if (ids.Count == 0)
                {
                    break;
                }

                (after, filled) = (ids[^1], filled + ids.Count);
                if (filled == ids.Count)
                {
                    LogStarted(EventsPerWrite);
                }
            }

            if (filled > 0)
            {
                LogFilled(filled);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the rest is rendered at the next start.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStopped(exception, filled);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rendering the stored documents of events that have none, {Count} per write")]
    private partial void LogStarted(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rendered the stored documents of {Count} events")]
    private partial void LogFilled(long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rendering stored event documents stopped after {Count}; events without one are rendered when read, the rest at the next start")]
    private partial void LogStopped(Exception exception, long count);
}
