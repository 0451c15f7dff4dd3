using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventTracker.Api.Common;
using EventTracker.Api.Data;
using EventTracker.Api.EventTypes;
using EventTracker.Api.History;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Import;

/// <summary>
/// Imports NDJSON (design.md section 3): one organization, actor, source or event per line, each with
/// a client-supplied externalId. Lines are read as they arrive and written in batches, one transaction
/// per batch and a savepoint per line, so a bad line is reported and skipped without touching the
/// good ones. Known records are updated only when they differ, so repeating an import changes nothing.
/// Used by POST /api/v1/import, the "import" command and the demo seed.
/// </summary>
public sealed partial class NdjsonImporter(
    SqliteConnectionFactory connections,
    RevisionWriter revisions,
    EventTypeCatalog types,
    IOptions<JsonOptions> json,
    TimeProvider clock,
    ILogger<NdjsonImporter> logger)
{
    public const int MaxLineBytes = 1024 * 1024;
    public const int BatchLines = 500;
    public const int BatchBytes = 4 * 1024 * 1024;

    private static readonly JsonDocumentOptions LineOptions = new() { MaxDepth = 32 };

    public async Task<ImportReport> ImportAsync(PipeReader body, string? changedBy, CancellationToken cancellationToken)
    {
        var tally = new ImportTally();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var session = new ImportSession(connection, revisions, json.Value.SerializerOptions, changedBy);
        var kinds = ImportKinds.For(session, types);

        // Lines are gathered first and written after, so no transaction waits on a slow client.
        var batch = new List<NdjsonLine>(BatchLines);
        var batchBytes = 0;
        await foreach (var line in NdjsonLineReader.ReadAsync(body, MaxLineBytes, cancellationToken))
        {
            batch.Add(line);
            batchBytes += line.Bytes?.Length ?? 0;
            if (batch.Count == BatchLines || batchBytes >= BatchBytes)
            {
                await WriteBatchAsync(session, kinds, batch, tally, cancellationToken);
                batch.Clear();
                batchBytes = 0;
            }
        }

        await WriteBatchAsync(session, kinds, batch, tally, cancellationToken);
        var report = tally.ToReport();
        LogImported(changedBy, report.Created, report.Updated, report.Unchanged, report.Failed);
        return report;
    }

    private async Task WriteBatchAsync(
        ImportSession session, IReadOnlyDictionary<string, ImportKind> kinds, List<NdjsonLine> batch, ImportTally tally,
        CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var counts = (tally.Created, tally.Updated, tally.Unchanged);
        await using var transaction = await session.Connection.BeginTransactionAsync(cancellationToken);
        session.Transaction = (Microsoft.Data.Sqlite.SqliteTransaction)transaction;
        session.Now = clock.Now();
        var failures = new List<ImportFailure>();
        try
        {
            foreach (var line in batch)
            {
                if (await ImportLineAsync(session, kinds, line, tally) is { } failure)
                {
                    failures.Add(failure);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            // The whole batch is undone, so its counts are too; what the caches learnt may be gone.
            (tally.Created, tally.Updated, tally.Unchanged) = counts;
            session.Index.Clear();
            session.Records.Clear();
            throw;
        }
        finally
        {
            session.Transaction = null;
        }

        failures.ForEach(tally.Fail);
    }

    private async Task<ImportFailure?> ImportLineAsync(ImportSession session, IReadOnlyDictionary<string, ImportKind> kinds, NdjsonLine line, ImportTally tally)
    {
        if (line.TooLong)
        {
            return new ImportFailure(line.Number, null, null, Error("$", $"The line is longer than {MaxLineBytes} bytes."));
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(line.Bytes, documentOptions: LineOptions) as JsonObject;
        }
        catch (JsonException)
        {
            return new ImportFailure(line.Number, null, null, Error("$", "The line is not well-formed JSON."));
        }

        if (body is null)
        {
            return new ImportFailure(line.Number, null, null, Error("$", "A line must be a JSON object."));
        }

        var kindName = Text(body, "kind");
        var externalId = Text(body, "externalId");
        body.Remove("kind");
        body.Remove("externalId");
        if (kindName is null || !kinds.TryGetValue(kindName, out var kind))
        {
            return new ImportFailure(line.Number, kindName, externalId, Error("kind", "kind must be organization, actor, source or event."));
        }

        if (string.IsNullOrWhiteSpace(externalId) || externalId.Length > 200)
        {
            return new ImportFailure(line.Number, kindName, externalId, Error("externalId", "externalId is required: a string of 1 to 200 characters."));
        }

        var transaction = session.Transaction!;
        var savepoint = "line";
        transaction.Save(savepoint);
        LineOutcome outcome;
        try
        {
            outcome = await kind.ImportAsync(session, externalId, body);
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            LogLineFailed(exception, line.Number);
            outcome = LineOutcome.Failed("$", "The record could not be stored; the error has been logged.");
        }

        if (outcome.Errors is not null)
        {
            transaction.Rollback(savepoint);
            transaction.Release(savepoint);
            session.Index.Forget(kind.Kind, externalId);
            return new ImportFailure(line.Number, kindName, externalId, outcome.Errors);
        }

        transaction.Release(savepoint);
        switch (outcome.Action)
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

    private static string? Text(JsonObject body, string field) =>
        body[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static Dictionary<string, string[]> Error(string path, string message) => new() { [path] = [message] };

    [LoggerMessage(Level = LogLevel.Information, Message = "Import by {ChangedBy}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Failed} failed")]
    private partial void LogImported(string? changedBy, int created, int updated, int unchanged, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import line {Line} could not be stored")]
    private partial void LogLineFailed(Exception exception, int line);
}
