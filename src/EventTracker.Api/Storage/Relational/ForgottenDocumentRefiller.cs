
namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// After each write that changed a name, renders again the stored documents its triggers forgot (<see cref="DocumentRefills"/>):
/// the events are found outside any write, then rendered a few hundred per short write of this service's own, so that
/// another writer waits at most for one of those. Until then such events are rendered from their tables when read: the
/// same answer, only slower. What is left when the service stops is rendered by <see cref="EventDocumentFiller"/> at the next start.
/// </summary>
public sealed partial class ForgottenDocumentRefiller(
    IStorage storage, IRelationalDialect dialect, EventDocuments documents, ILogger<ForgottenDocumentRefiller> logger) : BackgroundService
{
    // A write that renders this many holds the writer for some 30 ms (~0.15 ms an event).
    private const int EventsPerWrite = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefillAsync(await documents.Refills.TakeAsync(stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
            }
        }
    }

    private async Task RefillAsync(DocumentRefills.ChangedNames names, CancellationToken stoppingToken)
    {
        // Asked before the asking write committed: a write of this service's own starts only once that one is over.
        await using (var barrier = await storage.BeginWriteAsync(stoppingToken))
        {
            var (connection, transaction) = dialect.ConnectionOf(barrier);
            await documents.WaitForWritersAsync(connection, transaction);
            await barrier.CommitAsync(stoppingToken);
        }

        IReadOnlyList<long> forgotten;
        await using (var read = await dialect.OpenForReadingAsync(stoppingToken))
        {
            forgotten = await documents.ForgottenAsync(read, names, stoppingToken);
        }

        foreach (var ids in forgotten.Chunk(EventsPerWrite))
        {
            await using var work = await storage.BeginWriteAsync(stoppingToken);
            var (connection, transaction) = dialect.ConnectionOf(work);
            await documents.RefillAsync(connection, transaction, ids);
            await work.CommitAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rendering the documents a changed name made forget failed; those events are rendered when read until the next start")]
    private partial void LogFailed(Exception exception);
}
