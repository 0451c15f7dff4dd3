using System.Text.Json;
using System.Text.Json.Nodes;
using EventTracker.Api.Common;
using EventTracker.Api.Errors;
using EventTracker.Api.History;
using EventTracker.Api.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using EventTracker.Api.Data;
using Microsoft.Data.Sqlite;

namespace EventTracker.Api.Import;

internal enum ImportAction
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>What importing one line did: an action, or the errors that stopped it.</summary>
internal sealed record LineOutcome(ImportAction? Action, IReadOnlyDictionary<string, string[]>? Errors)
{
    public static LineOutcome Failed(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);

    public static LineOutcome Failed(string path, string message) => new(null, new Dictionary<string, string[]> { [path] = [message] });
}

/// <summary>Everything one import shares across its lines.</summary>
internal sealed class ImportSession
{
    public ImportSession(PooledConnection connection, RevisionWriter revisions, JsonSerializerOptions json, string? changedBy)
    {
        Connection = connection;
        Revisions = revisions;
        Json = json;
        ChangedBy = changedBy;
        Index = new ExternalIdIndex(connection, () => Transaction!);
        Records = new TransactionRecords(connection, () => Transaction!);
    }

    public PooledConnection Connection { get; }
    public RevisionWriter Revisions { get; }
    public JsonSerializerOptions Json { get; }
    public string? ChangedBy { get; }
    public ExternalIdIndex Index { get; }
    public TransactionRecords Records { get; }

    /// <summary>The open batch transaction.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The batch's timestamp.</summary>
    public string Now { get; set; } = "";

    /// <summary>Records changed in this batch whose history rows are written, in bulk, before it commits.</summary>
    public List<(ImportKind Kind, long Id, RevisionAction Action)> PendingRevisions { get; } = [];
}

/// <summary>
/// How one kind of record is imported, built from the same pieces as its API: the resource
/// definition (SQL and checks), the validator, and how its references by external id are written.
/// </summary>
internal abstract class ImportKind
{
    public abstract RecordKind Kind { get; }

    public abstract Task<LineOutcome> ImportAsync(ImportSession session, string externalId, JsonObject body);

    /// <summary>Writes the history rows of records this kind changed, reading their snapshots in bulk.</summary>
    public abstract Task WriteRevisionsAsync(ImportSession session, IReadOnlyList<(long Id, RevisionAction Action)> changes);
}

internal sealed class ImportKind<TRequest, TResponse>(
    RecordKind kind,
    ResourceDefinition<TRequest, TResponse> definition,
    IValidator<TRequest> validator,
    Func<TResponse, TRequest> toRequest,
    Func<TRequest, TRequest> canonical,
    Func<JsonObject, ReferenceRewriter, Task> rewriteReferences) : ImportKind
    where TRequest : class
    where TResponse : class, IVersionedRecord
{
    public override RecordKind Kind => kind;

    public override async Task<LineOutcome> ImportAsync(ImportSession session, string externalId, JsonObject body)
    {
        var rewriter = new ReferenceRewriter(session.Index);
        await rewriteReferences(body, rewriter);
        if (rewriter.Errors.Count > 0)
        {
            return LineOutcome.Failed(rewriter.Errors);
        }

        TRequest? request;
        try
        {
            request = body.Deserialize<TRequest>(session.Json);
        }
        catch (JsonException exception)
        {
            return LineOutcome.Failed(JsonPaths.FromJsonPath(exception.Path ?? "$"), JsonErrorMessages.Describe(exception));
        }

        if (request is null)
        {
            return LineOutcome.Failed("$", "A line must be a JSON object.");
        }

        var validation = await validator.ValidateAsync(request);
        if (!validation.IsValid)
        {
            return LineOutcome.Failed(validation.ToErrorMap());
        }

        var connection = session.Connection;
        var transaction = session.Transaction!;
        var existing = await session.Index.FindAsync(kind, externalId);
        if (existing is { Deleted: true })
        {
            return LineOutcome.Failed("externalId", $"The {Noun} with this externalId was deleted; it is not brought back by import.");
        }

        if (definition.CheckWrite is not null && await definition.CheckWrite(connection, transaction, existing?.Id, request) is { } refused)
        {
            return LineOutcome.Failed(ErrorsOf(refused));
        }

        if (existing is not null)
        {
            var current = await definition.Get(connection, existing.Id, transaction);
            if (Same(canonical(toRequest(current!)), canonical(request), session.Json))
            {
                return new LineOutcome(ImportAction.Unchanged, null);
            }

            await definition.Update(connection, transaction, existing.Id, request, session.Now);
            session.PendingRevisions.Add((this, existing.Id, RevisionAction.Updated));
            return new LineOutcome(ImportAction.Updated, null);
        }

        var id = await definition.Insert(connection, transaction, request, externalId, session.Now);
        session.Index.Remember(kind, externalId, id);

        session.PendingRevisions.Add((this, id, RevisionAction.Created));
        session.Records.Remember(kind, id);
        return new LineOutcome(ImportAction.Created, null);
    }

    private string Noun => kind.ToString().ToLowerInvariant();

    public override async Task WriteRevisionsAsync(ImportSession session, IReadOnlyList<(long Id, RevisionAction Action)> changes)
    {
        var ids = changes.Select(change => change.Id).ToList();
        var snapshots = definition.GetMany is { } getMany
            ? (await getMany(session.Connection, ids, session.Transaction)).ToDictionary(record => record.Id)
            : await SnapshotsOneByOneAsync(session, ids);
        foreach (var (id, action) in changes)
        {
            var snapshot = snapshots[id];
            await session.Revisions.WriteAsync(session.Connection, session.Transaction!, definition.EntityType, id, snapshot.Version,
                action, snapshot, session.ChangedBy, session.Now);
        }
    }

    private async Task<Dictionary<long, TResponse>> SnapshotsOneByOneAsync(ImportSession session, IReadOnlyList<long> ids)
    {
        var snapshots = new Dictionary<long, TResponse>();
        foreach (var id in ids)
        {
            snapshots[id] = (await definition.Get(session.Connection, id, session.Transaction))!;
        }

        return snapshots;
    }

    private static bool Same(TRequest stored, TRequest incoming, JsonSerializerOptions json) =>
        JsonSerializer.Serialize(stored, json) == JsonSerializer.Serialize(incoming, json);

    private static Dictionary<string, string[]> ErrorsOf(ProblemHttpResult problem) =>
        problem.ProblemDetails is HttpValidationProblemDetails validation
            ? validation.Errors.ToDictionary()
            : new Dictionary<string, string[]> { ["$"] = [problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Refused."] };
}
