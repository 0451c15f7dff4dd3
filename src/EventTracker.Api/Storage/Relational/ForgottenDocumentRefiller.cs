using EventTracker.Api.Records;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// After each write that changed a name, renders again the stored documents it made stale or forgot
/// (<see cref="DocumentRefills"/>, <see cref="DocumentForgets"/>): the events are found outside any write, then rendered
/// a few hundred per short write of this service's own, so that another writer waits at most for one of those; the
/// forget rows served are removed last. Until then such events are rendered from their tables when read: the same
/// answer, only slower. Forgets left pending when the service stopped are served at the next start.
/// </summary>
public sealed partial class ForgottenDocumentRefiller(
    IStorage storage, IRelationalDialect dialect, EventDocuments documents, ILogger<ForgottenDocumentRefiller> logger) : BackgroundService
{
    // A write that renders this many holds the writer for some 30 ms (~0.15 ms an event).
    private const int EventsPerWrite = 200;

    private static readonly DocumentRefills.ChangedNames NoNames = new([], [], [], []);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var names = NoNames;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefillAsync(names, stoppingToken);
                names = await documents.Refills.TakeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
                names = await documents.Refills.TakeAsync(stoppingToken);
            }
        }
    }

    private async Task RefillAsync(DocumentRefills.ChangedNames names, CancellationToken stoppingToken)
    {
        // Asked before the asking write committed: a write of this service's own starts only once that one is over.
        // Every forget committed by then is read here; one committed later has a higher stamp.
        IReadOnlyList<DocumentForgets.Pending> pending;
        await using (var barrier = await storage.BeginWriteAsync(stoppingToken))
        {
            var (connection, transaction) = dialect.ConnectionOf(barrier);
            await documents.WaitForWritersAsync(connection, transaction);
            pending = await documents.PendingForgetsAsync(connection, transaction);
            await barrier.CommitAsync(stoppingToken);
        }

        var through = pending.Count == 0 ? 0 : pending[^1].Stamp;
        IReadOnlyList<long> Of(RecordKind kind, IReadOnlyList<long> asked) =>
            [.. asked.Union(pending.Where(forget => forget.RecordKind == kind).Select(forget => forget.RecordId))];
        names = new DocumentRefills.ChangedNames(
            Of(RecordKind.Organization, names.Organizations), Of(RecordKind.Actor, names.Actors),
            Of(RecordKind.Source, names.Sources), names.Events);
        if (through == 0 && names.Organizations.Count + names.Actors.Count + names.Sources.Count + names.Events.Count == 0)
        {
            return;
        }

        IReadOnlyList<long> forgotten;
        await using (var read = await dialect.OpenForReadingAsync(stoppingToken))
        {
            forgotten = await documents.ForgottenAsync(read, names, through, stoppingToken);
        }

        foreach (var ids in forgotten.Chunk(EventsPerWrite))
        {
            await using var work = await storage.BeginWriteAsync(stoppingToken);
            var (connection, transaction) = dialect.ConnectionOf(work);
            await documents.RefillAsync(connection, transaction, ids);
            await work.CommitAsync(stoppingToken);
        }

        if (through > 0)
        {
            await using var work = await storage.BeginWriteAsync(stoppingToken);
            var (connection, transaction) = dialect.ConnectionOf(work);
            await documents.WaitForWritersAsync(connection, transaction);
            await documents.RetireForgetsAsync(connection, transaction, through);
            await work.CommitAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rendering the documents a changed name made stale failed; those events are rendered when read until the next change or start")]
    private partial void LogFailed(Exception exception);
}
