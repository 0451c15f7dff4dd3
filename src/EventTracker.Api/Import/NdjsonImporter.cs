using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventTracker.Api.History;
using EventTracker.Api.Observability;
using EventTracker.Api.Records;
using EventTracker.Api.Storage;
using EventTracker.Api.Values;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Import;

/// <summary>
/// Imports NDJSON (README, "Bulk import"): one organization, actor, source or event per line, each with
/// a client-supplied externalId. Lines are read as they arrive and written in batches, one transaction
/// per batch and a savepoint per line, so a bad line is reported and skipped without touching the
/// good ones. Known records are updated only when they differ, so repeating an import changes nothing.
/// Used by POST /api/v1/import, the "import" command and the demo seed.
/// </summary>
public sealed partial class NdjsonImporter(
    IStorage storage,
    IImportStore store,
    IRecordExistence existence,
    IStoreFailures failures,
    ImportKinds importKinds,
    RevisionWriter revisions,
    IOptions<JsonOptions> json,
    EventTrackerMetrics metrics,
    IOptions<ImportOptions> options,
    ILogger<NdjsonImporter> logger)
{
    public const int MaxLineBytes = 1024 * 1024;
    public const int BatchLines = 5000;
    public const int BatchBytes = 16 * 1024 * 1024;

    // A name given twice cannot be held in a node tree: such a line is refused here unless the typed read took it, as the API's binding does.
    private static readonly JsonDocumentOptions LineOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    public async Task<ImportReport> ImportAsync(PipeReader body, string? changedBy, CancellationToken cancellationToken, ImportProgress? progress = null)
    {
        await using var writer = await storage.OpenBulkWriterAsync(cancellationToken);
        var tally = new ImportTally(json.Value.SerializerOptions);
        var session = new ImportSession(store, existence, failures, revisions, json.Value.SerializerOptions, changedBy);
        var kinds = importKinds.ForOneImport();
        session.Kinds = kinds.Values.ToList();
        var reader = options.Value.TypedLines ? importKinds.Reader : null;

        // Lines are gathered first and written after, so no transaction waits on a slow client.
        var batch = new List<NdjsonLine>(BatchLines);
        var batchBytes = 0;
        await foreach (var line in NdjsonLineReader.ReadAsync(body, MaxLineBytes, cancellationToken))
        {
            progress?.Read(line.Number);
            batch.Add(line);
            batchBytes += line.Bytes?.Length ?? 0;
            if (batch.Count == BatchLines || batchBytes >= BatchBytes)
            {
                await WriteBatchAsync(writer, session, kinds, reader, batch, tally, cancellationToken);
                progress?.Committed(batch.Count, tally.EventsWritten, tally.Failed);
                batch.Clear();
                batchBytes = 0;
            }
        }

        await WriteBatchAsync(writer, session, kinds, reader, batch, tally, cancellationToken);
        progress?.Committed(batch.Count, tally.EventsWritten, tally.Failed);
        var report = tally.ToReport();
        LogImported(changedBy, report.Created, report.Updated, report.Unchanged, report.Failed);
        return report;
    }

    private async Task WriteBatchAsync(
        IBulkWriter writer, ImportSession session, IReadOnlyDictionary<string, ImportKind> kinds, TypedLineReader? reader, List<NdjsonLine> batch,
        ImportTally tally,
        CancellationToken cancellationToken)
    {
        try
        {
            await TryWriteBatchAsync(writer, session, kinds, reader, batch, tally, cancellationToken);
        }
        catch (BulkWriteFailedException exception)
        {
            // Something the checks did not foresee refused a write. The batch was rolled back; line by line,
            // with a savepoint each, the line at fault is reported and the others are kept.
            LogBulkRetry(exception.InnerException!, batch[0].Number);
            session.MayDefer = false;
            try
            {
                await TryWriteBatchAsync(writer, session, kinds, reader, batch, tally, cancellationToken);
            }
            finally
            {
                session.MayDefer = true;
            }
        }
    }

    private async Task TryWriteBatchAsync(
        IBulkWriter writer, ImportSession session, IReadOnlyDictionary<string, ImportKind> kinds, TypedLineReader? reader, List<NdjsonLine> batch,
        ImportTally tally,
        CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // Reading and checking the JSON needs no database: it happens before the transaction opens.
        var lines = batch.Select(line => Parse(line, kinds, reader)).ToList();
        var counts = (tally.Created, tally.Updated, tally.Unchanged, tally.EventsWritten);
        await using var work = await writer.BeginAsync(cancellationToken);
        session.Work = work;
        var failures = tally.StartBatch();
        try
        {
            foreach (var group in lines.Where(l => l.Errors is null).GroupBy(l => l.Kind!))
            {
                await session.Index.PrefetchAsync(group.Key.Kind, group.Select(l => l.ExternalId!).ToList());
            }

            await PrefetchReferencesAsync(session, lines);
            var changedInBatch = new HashSet<(RecordKind, string)>();
            foreach (var line in lines)
            {
                if (line.Errors is not null)
                {
                    failures.Fail(line.Number, line.KindName, line.ExternalId, line.Errors);
                    continue;
                }

                if (!changedInBatch.Add((line.Kind!.Kind, line.ExternalId!)))
                {
                    // The same record twice in one batch: its first revision must show its first state.
                    await WritePendingRevisionsAsync(session);
                }

                if (await ImportLineAsync(session, line, tally) is { } errors)
                {
                    failures.Fail(line.Number, line.KindName, line.ExternalId, errors);
                }
            }

            await WritePendingRevisionsAsync(session);
            await work.CommitAsync(cancellationToken);
        }
        catch
        {
            // The whole batch is undone, so its counts are too; what the caches learnt may be gone.
            (tally.Created, tally.Updated, tally.Unchanged, tally.EventsWritten) = counts;
            session.Clear();
            throw;
        }
        finally
        {
            session.Work = null;
        }

        failures.Commit();
        if (session.Index.Count > options.Value.RememberedRecords)
        {
            // What the session learnt is only a cache once its batch committed: forgotten, a large import's memory stays flat.
            session.Clear();
        }

        metrics.ImportLines(batch.Count - failures.Count, failures.Count);
        metrics.ImportedEvents(tally.EventsWritten - counts.EventsWritten);
    }

    /// <summary>
    /// The records the batch's lines name by external id, and whether they are live, asked for in one query per table
    /// rather than line by line (the first batches, and each after the session forgot what it learnt). Planning then
    /// finds them in memory and answers exactly as if it had asked itself.
    /// </summary>
    private static async Task PrefetchReferencesAsync(ImportSession session, List<ParsedLine> lines)
    {
        var named = new HashSet<(RecordKind Kind, string ExternalId)>();
        var collector = new ReferenceRewriter(session.Index, named);
        foreach (var line in lines.Where(l => l.Errors is null))
        {
            if (line.Typed is { } typed)
            {
                named.UnionWith(typed.References.Select(reference => (reference.Kind, reference.ExternalId)));
            }
            else
            {
                await line.Kind!.CollectReferencesAsync(line.Body!, collector);
            }
        }

        var found = new List<(RecordKind, long)>();
        foreach (var group in named.GroupBy(reference => reference.Kind))
        {
            var externalIds = group.Select(reference => reference.ExternalId).ToList();
            await session.Index.PrefetchAsync(group.Key, externalIds);
            foreach (var externalId in externalIds)
            {
                if (await session.Index.FindAsync(group.Key, externalId) is { Deleted: false } record)
                {
                    found.Add((group.Key, record.Id));
                }
            }
        }

        await session.Records.PrefetchAsync(found);
    }

    private static async Task WritePendingRevisionsAsync(ImportSession session)
    {
        await session.FlushDeferredAsync();
        foreach (var group in session.PendingRevisions.GroupBy(pending => pending.Kind))
        {
            await group.Key.WriteRevisionsAsync(session, group.Select(pending => (pending.Id, pending.Action)).ToList());
        }

        session.PendingRevisions.Clear();
    }

    /// <summary>
    /// A line read and checked as far as possible without the database: as its request (<see cref="Typed"/>) or as a node tree
    /// (<see cref="Body"/>); <see cref="Errors"/> when that failed.
    /// </summary>
    private sealed record ParsedLine(
        int Number, ImportKind? Kind, string? KindName, string? ExternalId, JsonObject? Body, IReadOnlyDictionary<string, string[]>? Errors,
        TypedLine? Typed = null);

    /// <summary>
    /// The line read straight into its request when the typed reader can take it whole (nearly every line of a good file),
    /// else as a node tree, whose path words every error as before.
    /// </summary>
    private static ParsedLine Parse(NdjsonLine line, IReadOnlyDictionary<string, ImportKind> kinds, TypedLineReader? reader)
    {
        ParsedLine Failed(string? kind, string? externalId, string path, string message) =>
            new(line.Number, null, kind, externalId, null, Error(path, message));

        if (line.TooLong)
        {
            return Failed(null, null, "$", $"The line is longer than {MaxLineBytes} bytes.");
        }

        if (reader?.TryRead(line.Bytes!) is { } typed)
        {
            return ExternalIdError(typed.ExternalId) is { } error
                ? Failed(typed.KindName, typed.ExternalId, "externalId", error)
                : new ParsedLine(line.Number, kinds[typed.KindName!], typed.KindName, typed.ExternalId, null, null, typed);
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(line.Bytes, documentOptions: LineOptions) as JsonObject;
        }
        catch (JsonException)
        {
            return Failed(null, null, "$", "The line is not well-formed JSON.");
        }

        if (body is null)
        {
            return Failed(null, null, "$", "A line must be a JSON object.");
        }

        var kindName = Text(body, "kind");
        var externalId = Text(body, "externalId");
        body.Remove("kind");
        body.Remove("externalId");
        if (kindName is null || !kinds.TryGetValue(kindName, out var kind))
        {
            return Failed(kindName, externalId, "kind", "kind must be organization, actor, source or event.");
        }

        if (ExternalIdError(externalId) is { } externalIdError)
        {
            return Failed(kindName, externalId, "externalId", externalIdError);
        }

        return new ParsedLine(line.Number, kind, kindName, externalId, body, null);
    }

    private static string? ExternalIdError(string? externalId) =>
        string.IsNullOrWhiteSpace(externalId) || externalId.Length > 200 ? "externalId is required: a string of 1 to 200 characters."
        : CommonRules.FirstControl(externalId, multiLine: false) >= 0 ? CommonRules.ControlMessage(externalId, multiLine: false)
        : null;

    /// <summary>Imports a checked line; answers its errors if it failed.</summary>
    private async Task<IReadOnlyDictionary<string, string[]>?> ImportLineAsync(ImportSession session, ParsedLine line, ImportTally tally)
    {
        LinePlan plan;
        try
        {
            plan = await line.Kind!.PlanAsync(session, line.ExternalId!, line.Body, line.Typed);
            if (plan.Defer is { } defer)
            {
                await defer();
            }
            else if (plan.Write is { } write)
            {
                // Written now, after everything deferred before it: without a savepoint while the batch may be retried
                // line by line, in a savepoint of its own when it is.
                await session.FlushDeferredAsync();
                plan = session.MayDefer ? await WriteOrRetryBatchAsync(plan, write) : await WriteInSavepointAsync(session, line, plan, write);
            }
        }
        catch (Exception exception) when (failures.IsRefusedWrite(exception))
        {
            LogLineFailed(exception, line.Number);
            plan = StorageFailed;
        }

        if (plan.Errors is not null)
        {
            session.Index.Forget(line.Kind!.Kind, line.ExternalId!);
            return plan.Errors;
        }

        if (line.Kind!.Kind == RecordKind.Event && plan.Action is ImportAction.Created or ImportAction.Updated)
        {
            tally.EventsWritten++;
        }

        switch (plan.Action)
        {
            case ImportAction.Created:
                tally.Created++;
                break;
            case ImportAction.Updated:
                tally.Updated++;
                break;
            default:
                tally.Unchanged++;
                break;
        }

        return null;
    }

    private static readonly LinePlan StorageFailed = LinePlan.Failed("$", "The record could not be stored; the error has been logged.");

    /// <summary>
    /// The checks answered every refusal they foresee while planning, so a line's write rarely fails; when it does, the
    /// batch is rolled back and written again line by line, each in a savepoint (<see cref="WriteBatchAsync"/>). A
    /// savepoint per line would cost two more round trips for every organization, actor and source.
    /// </summary>
    private async Task<LinePlan> WriteOrRetryBatchAsync(LinePlan plan, Func<Task> write)
    {
        try
        {
            await write();
            return plan;
        }
        catch (Exception exception) when (failures.IsRefusedWrite(exception))
        {
            throw new BulkWriteFailedException(exception);
        }
    }

    /// <summary>A line that cannot be stored is rolled back to its savepoint, and the lines before it stay.</summary>
    private async Task<LinePlan> WriteInSavepointAsync(ImportSession session, ParsedLine line, LinePlan plan, Func<Task> write)
    {
        var pendingBefore = session.PendingRevisions.Count;
        try
        {
            await session.Work!.InSavepointAsync(write);
            return plan;
        }
        catch (Exception exception) when (failures.IsRefusedWrite(exception))
        {
            LogLineFailed(exception, line.Number);
            session.PendingRevisions.RemoveRange(pendingBefore, session.PendingRevisions.Count - pendingBefore);
            return StorageFailed;
        }
    }

    private static string? Text(JsonObject body, string field) =>
        body[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static Dictionary<string, string[]> Error(string path, string message) => new() { [path] = [message] };

    [LoggerMessage(Level = LogLevel.Information, Message = "Import by {ChangedBy}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Failed} failed")]
    private partial void LogImported(string? changedBy, int created, int updated, int unchanged, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write of the batch from line {Line} on failed; the batch is retried line by line")]
    private partial void LogBulkRetry(Exception exception, int line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import line {Line} could not be stored")]
    private partial void LogLineFailed(Exception exception, int line);
}
