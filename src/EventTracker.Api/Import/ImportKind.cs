using System.Text.Json;
using System.Text.Json.Nodes;
using EventTracker.Api.Errors;
using EventTracker.Api.History;
using EventTracker.Api.Records;
using EventTracker.Api.Storage;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Import;

internal enum ImportAction
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>
/// What a checked line will do: fail with errors, change nothing, or write — now (<see cref="Write"/>,
/// inside the line's savepoint) or, for a new record of a kind that supports it, deferred into the
/// batch's bulk insert (<see cref="Defer"/>).
/// </summary>
internal sealed record LinePlan(ImportAction? Action, IReadOnlyDictionary<string, string[]>? Errors, Func<Task>? Write = null, Func<Task>? Defer = null)
{
    public static readonly LinePlan Unchanged = new(ImportAction.Unchanged, null);

    public static LinePlan Failed(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);

    public static LinePlan Failed(string path, string message) => new(null, new Dictionary<string, string[]> { [path] = [message] });
}

/// <summary>A bulk insert of deferred records, or a write outside a savepoint, failed; the batch is retried line by line to find out which.</summary>
internal sealed class BulkWriteFailedException(Exception inner) : Exception("A write of import lines failed.", inner);

/// <summary>Everything one import shares across its lines.</summary>
internal sealed class ImportSession
{
    public ImportSession(
        IImportStore store, IRecordExistence existence, IStoreFailures failures, RevisionWriter revisions, JsonSerializerOptions json, string? changedBy)
    {
        Failures = failures;
        Revisions = revisions;
        Json = json;
        ChangedBy = changedBy;
        Index = new ExternalIdIndex(store, () => Work!);
        Records = new KnownRecords(existence, () => Work!);
    }

    public IStoreFailures Failures { get; }
    public RevisionWriter Revisions { get; }
    public JsonSerializerOptions Json { get; }
    public string? ChangedBy { get; }
    public ExternalIdIndex Index { get; }
    public KnownRecords Records { get; }

    /// <summary>The open batch's unit of work.</summary>
    public IUnitOfWork? Work { get; set; }

    /// <summary>Records changed in this batch whose history rows are written, in bulk, before it commits.</summary>
    public List<(ImportKind Kind, long Id, RevisionAction Action)> PendingRevisions { get; } = [];

    /// <summary>
    /// Whether new records may wait for a bulk insert and other writes go without a savepoint; off while a batch is
    /// retried line by line, each line in a savepoint.
    /// </summary>
    public bool MayDefer { get; set; } = true;

    public IReadOnlyCollection<ImportKind> Kinds { get; set; } = [];

    /// <summary>Writes every deferred record, so that the tables show all lines so far.</summary>
    public async Task FlushDeferredAsync()
    {
        foreach (var kind in Kinds)
        {
            await kind.FlushAsync(this);
        }
    }

    /// <summary>After a rollback: deferred records and everything learnt in the batch are gone.</summary>
    public void Clear()
    {
        Index.Clear();
        Records.Clear();
        PendingRevisions.Clear();
        foreach (var kind in Kinds)
        {
            kind.DropDeferred();
        }
    }
}

/// <summary>
/// Which referenced records are live, as the import's unit of work sees them: asked of the store once each,
/// and told of the records the import creates (deferred ones are not in their tables yet).
/// </summary>
internal sealed class KnownRecords(IRecordExistence existence, Func<IUnitOfWork> work)
{
    private readonly HashSet<(RecordKind, long)> _live = [];

    /// <summary>The request's references that name no live record, as errors keyed by JSON path.</summary>
    public async Task<Dictionary<string, string[]>> MissingAsync<TRequest>(TRequest request)
    {
        var references = RecordReferences.Of(request);
        var unknown = references.Select(r => (r.Kind, r.Id)).Where(record => !_live.Contains(record)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            _live.UnionWith(await existence.LiveAsync(work(), unknown));
        }

        return RecordReferences.Errors(references, (kind, id) => _live.Contains((kind, id)));
    }

    /// <summary>Asks the store, in one query per table, which of <paramref name="records"/> not known yet are live.</summary>
    public async Task PrefetchAsync(IEnumerable<(RecordKind Kind, long Id)> records)
    {
        var unknown = records.Where(record => !_live.Contains(record)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            _live.UnionWith(await existence.LiveAsync(work(), unknown));
        }
    }

    public void Remember(RecordKind kind, long id) => _live.Add((kind, id));

    /// <summary>Forgets everything: after a rollback, remembered records may no longer exist.</summary>
    public void Clear() => _live.Clear();
}

/// <summary>
/// How one kind of record is imported, built from the same pieces as its API: its store, its checks,
/// its validator, and how its references by external id are written.
/// </summary>
internal abstract class ImportKind
{
    public abstract RecordKind Kind { get; }

    /// <summary>
    /// Checks a line against the request rules and the stored record; writes nothing. The line is its node tree
    /// (<paramref name="body"/>) or, read straight into the request, <paramref name="typed"/>.
    /// </summary>
    public abstract Task<LinePlan> PlanAsync(ImportSession session, string externalId, JsonObject? body, TypedLine? typed);

    /// <summary>Gathers the external ids a line's node tree names in <paramref name="collector"/> (one that only gathers); changes nothing else.</summary>
    public abstract Task CollectReferencesAsync(JsonObject body, ReferenceRewriter collector);

    /// <summary>Writes the records deferred so far in one bulk insert.</summary>
    public abstract Task FlushAsync(ImportSession session);

    public abstract void DropDeferred();

    /// <summary>Writes the history rows of records this kind changed, reading their snapshots in bulk.</summary>
    public abstract Task WriteRevisionsAsync(ImportSession session, IReadOnlyList<(long Id, RevisionAction Action)> changes);
}

internal sealed class ImportKind<TRequest, TResponse>(
    RecordKind kind,
    RecordResource resource,
    IRecordStore<TRequest, TResponse> store,
    WriteCheck<TRequest>? check,
    IValidator<TRequest> validator,
    Func<TResponse, TRequest> toRequest,
    Func<TRequest, TRequest> canonical,
    Func<JsonObject, ReferenceRewriter, Task> rewriteReferences,
    Action<long, TRequest>? written = null,
    Action? forgetWritten = null,
    Func<TRequest, ValueTask<bool>>? certainlyValid = null) : ImportKind
    where TRequest : class
    where TResponse : class, IVersionedRecord
{
    public override RecordKind Kind => kind;

    private readonly List<NewRecord<TRequest>> _deferred = [];

    // Written in bulk, their history rows still to come: their snapshots are made from these requests.
    private readonly Dictionary<long, NewRecord<TRequest>> _flushed = [];

    public override async Task<LinePlan> PlanAsync(ImportSession session, string externalId, JsonObject? body, TypedLine? typed)
    {
        var (request, failed) = typed is not null ? await ResolveAsync(session, typed) : await BindAsync(session, body!);
        if (failed is not null)
        {
            return failed;
        }

        // The validator runs only for a line the plain test does not pass: it alone words the errors.
        if (certainlyValid is null || !await certainlyValid(request))
        {
            var validation = await validator.ValidateAsync(request);
            if (!validation.IsValid)
            {
                return LinePlan.Failed(validation.ToErrorMap());
            }
        }

        var missing = await session.Records.MissingAsync(request);
        if (missing.Count > 0)
        {
            return LinePlan.Failed(missing);
        }

        var work = session.Work!;
        var existing = await session.Index.FindAsync(kind, externalId);
        if (existing is { Deleted: true })
        {
            return LinePlan.Failed("externalId", $"The {Noun} with this externalId was deleted; it is not brought back by import.");
        }

        if (existing is not null)
        {
            // The stored record is compared below and checks read the tables: they must hold every line so far.
            await session.FlushDeferredAsync();
        }

        if (check is not null && await check(work, existing?.Id, request) is { } refused)
        {
            return LinePlan.Failed(ValidationProblems.ErrorsOf(refused));
        }

        if (existing is not null)
        {
            var current = await store.FindAsync(work, existing.Id);
            if (Same(canonical(toRequest(current!)), canonical(request), session.Json))
            {
                return LinePlan.Unchanged;
            }

            return new LinePlan(ImportAction.Updated, null, Write: async () =>
            {
                await store.UpdateAsync(work, existing.Id, request);
                written?.Invoke(existing.Id, request);
                session.PendingRevisions.Add((this, existing.Id, RevisionAction.Updated));
            });
        }

        // Deferred, the record is not in its table until the next flush. Later lines find it all the same:
        // every lookup while planning (Index by external id, Records for references) asks memory first.
        if (store is IBulkRecordStore<TRequest, TResponse> bulk && session.MayDefer)
        {
            return new LinePlan(ImportAction.Created, null, Defer: async () =>
            {
                var id = await bulk.ReserveIdAsync(work);
                _deferred.Add(new NewRecord<TRequest>(id, externalId, request));
                Created(session, externalId, id, request);
            });
        }

        return new LinePlan(ImportAction.Created, null, Write: async () =>
        {
            var id = await store.InsertAsync(work, request, externalId);
            Created(session, externalId, id, request);
        });
    }

    /// <summary>The node tree's references by external id rewritten to ids, then the tree bound to the request.</summary>
    private async Task<(TRequest Request, LinePlan? Failed)> BindAsync(ImportSession session, JsonObject body)
    {
        var rewriter = new ReferenceRewriter(session.Index);
        await rewriteReferences(body, rewriter);
        if (rewriter.Errors.Count > 0)
        {
            return (null!, LinePlan.Failed(rewriter.Errors));
        }

        TRequest? request;
        try
        {
            request = body.Deserialize<TRequest>(session.Json);
        }
        catch (JsonException exception)
        {
            return (null!, LinePlan.Failed(JsonPaths.FromJsonPath(exception.Path ?? "$"), JsonErrorMessages.Describe(exception)));
        }

        return request is null ? (null!, LinePlan.Failed("$", "A line must be a JSON object.")) : (request, null);
    }

    /// <summary>
    /// The typed line's references by external id, found as the tree's rewrite finds them and in its order (so with its errors),
    /// written into the id fields of the request the serializer built: it is not shared before this line is planned.
    /// </summary>
    private static async Task<(TRequest Request, LinePlan? Failed)> ResolveAsync(ImportSession session, TypedLine typed)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var reference in typed.References)
        {
            var found = await session.Index.FindAsync(reference.Kind, reference.ExternalId);
            if (found is null || found.Deleted)
            {
                (errors ??= [])[reference.Path] = [ReferenceRewriter.NotFound(reference.Kind, reference.ExternalId)];
            }
            else
            {
                reference.IdProperty.Set!(reference.Owner, found.Id);
            }
        }

        return errors is null ? ((TRequest)typed.Request, null) : (null!, LinePlan.Failed(errors));
    }

    // The line's own rewrite, which moves fields only once: run again in PlanAsync, it finds nothing more to move.
    public override Task CollectReferencesAsync(JsonObject body, ReferenceRewriter collector) => rewriteReferences(body, collector);

    private void Created(ImportSession session, string externalId, long id, TRequest request)
    {
        written?.Invoke(id, request);
        session.Index.Remember(kind, externalId, id);
        session.Records.Remember(kind, id);
        session.PendingRevisions.Add((this, id, RevisionAction.Created));
    }

    public override async Task FlushAsync(ImportSession session)
    {
        if (_deferred.Count == 0)
        {
            return;
        }

        try
        {
            await ((IBulkRecordStore<TRequest, TResponse>)store).InsertManyAsync(session.Work!, _deferred);
        }
        catch (Exception exception) when (session.Failures.IsRefusedWrite(exception))
        {
            throw new BulkWriteFailedException(exception);
        }

        _deferred.ForEach(record => _flushed[record.Id] = record);
        _deferred.Clear();
    }

    public override void DropDeferred()
    {
        _deferred.Clear();
        _flushed.Clear();
        forgetWritten?.Invoke();
    }

    private string Noun => kind.ToString().ToLowerInvariant();

    public override async Task WriteRevisionsAsync(ImportSession session, IReadOnlyList<(long Id, RevisionAction Action)> changes)
    {
        var work = session.Work!;
        var bulk = changes.Where(change => change.Action == RevisionAction.Created && _flushed.ContainsKey(change.Id))
            .Select(change => _flushed[change.Id]).ToList();
        var snapshots = bulk.Count == 0
            ? []
            : (await ((IBulkRecordStore<TRequest, TResponse>)store).SnapshotsOfNewAsync(work, bulk)).ToDictionary(record => record.Id);
        _flushed.Clear();

        var others = changes.Select(change => change.Id).Where(id => !snapshots.ContainsKey(id)).Distinct().ToList();
        var read = others.Count == 0 ? [] : (await store.FindManyAsync(work, others)).ToDictionary(record => record.Id);
        await session.Revisions.WriteManyAsync(work, resource.Kind, changes.Select(change =>
        {
            var snapshot = snapshots.GetValueOrDefault(change.Id) ?? read[change.Id];
            return (change.Id, snapshot.Version, change.Action, snapshot);
        }), session.ChangedBy);
    }

    private static bool Same(TRequest stored, TRequest incoming, JsonSerializerOptions json) =>
        JsonSerializer.Serialize(stored, json) == JsonSerializer.Serialize(incoming, json);
}
