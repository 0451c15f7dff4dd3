using System.Security.Claims;
using EventTracker.Api.Auth;
using EventTracker.Api.Errors;
using EventTracker.Api.History;
using EventTracker.Api.Http;
using EventTracker.Api.Storage;
using EventTracker.Api.Values;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Records;

/// <summary>A stored record's identity and version, from which its ETag comes.</summary>
public interface IVersionedRecord
{
    long Id { get; }

    long Version { get; }
}

/// <summary>A resource's names, for locations, history and problem texts.</summary>
/// <param name="Kind">Which kind of record.</param>
/// <param name="CollectionPath">The collection's path, e.g. "/api/v1/organizations".</param>
public sealed record RecordResource(RecordKind Kind, string CollectionPath)
{
    /// <summary>The singular noun, e.g. "organization", as messages and the database name it.</summary>
    public string EntityType => EnumText.ToText(Kind);
}

/// <summary>A feature's own check of a write, inside its unit of work (null id on create); a problem refuses it.</summary>
public delegate Task<ProblemHttpResult?> WriteCheck<in TRequest>(IUnitOfWork work, long? id, TRequest request);

/// <summary>A feature's check that a record may be deleted, inside the unit of work.</summary>
public delegate Task<ProblemHttpResult?> DeleteCheck(IUnitOfWork work, long id);

/// <summary>
/// What every resource's handlers share: ETags and preconditions, references checked inside the write,
/// one unit of work per write, a revision for every change, soft deletes. The handlers themselves live
/// in each feature's route table.
/// </summary>
public sealed class RecordWrites(IStorage storage, IRecordExistence existence, RevisionWriter revisions)
{
    public static async Task<Results<Ok<TResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync<TRequest, TResponse>(
        IRecordStore<TRequest, TResponse> store, RecordResource resource, long id, HttpContext http, CancellationToken cancellationToken)
        where TResponse : class, IVersionedRecord
    {
        var record = await store.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return Problems.NotFound(resource.EntityType, id);
        }

        var etag = ETags.For(record.Id, record.Version);
        ETags.Set(http.Response, etag);
        return ETags.IsNotModified(http.Request, etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(record);
    }

    public async Task<Results<Created<TResponse>, ProblemHttpResult>> CreateAsync<TRequest, TResponse>(
        IRecordStore<TRequest, TResponse> store, RecordResource resource, TRequest request, HttpContext http,
        WriteCheck<TRequest>? check, CancellationToken cancellationToken)
        where TResponse : class, IVersionedRecord
    {
        await using var work = await storage.BeginWriteAsync(cancellationToken);
        if (await RefusedAsync(work, null, request, check) is { } refused)
        {
            return refused;
        }

        var id = await store.InsertAsync(work, request, null);
        var created = (await store.FindAsync(work, id))!;
        await revisions.WriteAsync(work, resource.Kind, id, created.Version, RevisionAction.Created, created, http.User.KeyName());
        await work.CommitAsync(cancellationToken);

        ETags.Set(http.Response, ETags.For(created.Id, created.Version));
        return TypedResults.Created($"{resource.CollectionPath}/{id}", created);
    }

    public async Task<Results<Ok<TResponse>, ProblemHttpResult>> UpdateAsync<TRequest, TResponse>(
        IRecordStore<TRequest, TResponse> store, RecordResource resource, long id, TRequest request, HttpContext http,
        WriteCheck<TRequest>? check, CancellationToken cancellationToken)
        where TResponse : class, IVersionedRecord
    {
        await using var work = await storage.BeginWriteAsync(cancellationToken);
        var (_, missingOrChanged) = await CurrentForWriteAsync(store, resource, work, id, http.Request);
        if (missingOrChanged is not null)
        {
            return missingOrChanged;
        }

        if (await RefusedAsync(work, id, request, check) is { } refused)
        {
            return refused;
        }

        await store.UpdateAsync(work, id, request);
        var updated = (await store.FindAsync(work, id))!;
        await revisions.WriteAsync(work, resource.Kind, id, updated.Version, RevisionAction.Updated, updated, http.User.KeyName());
        await work.CommitAsync(cancellationToken);

        ETags.Set(http.Response, ETags.For(updated.Id, updated.Version));
        return TypedResults.Ok(updated);
    }

    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<TRequest, TResponse>(
        IRecordStore<TRequest, TResponse> store, RecordResource resource, long id, HttpContext http,
        DeleteCheck? check, CancellationToken cancellationToken)
        where TResponse : class, IVersionedRecord
    {
        await using var work = await storage.BeginWriteAsync(cancellationToken);
        var (current, missingOrChanged) = await CurrentForWriteAsync(store, resource, work, id, http.Request);
        if (missingOrChanged is not null)
        {
            return missingOrChanged;
        }

        if (check is not null && await check(work, id) is { } refused)
        {
            return refused;
        }

        await store.SoftDeleteAsync(work, id);
        await revisions.WriteAsync(work, resource.Kind, id, current!.Version + 1, RevisionAction.Deleted, current, http.User.KeyName());
        await work.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>References that name no live record (400), then the feature's own check.</summary>
    private async Task<ProblemHttpResult?> RefusedAsync<TRequest>(IUnitOfWork work, long? id, TRequest request, WriteCheck<TRequest>? check)
    {
        var missing = await RecordReferences.CheckAsync(existence, work, request);
        if (missing.Count > 0)
        {
            return ValidationProblems.For(missing);
        }

        return check is null ? null : await check(work, id, request);
    }

    /// <summary>The record a write will change: 404 if there is none, 412 if If-Match names another version.</summary>
    private static async Task<(TResponse? Current, ProblemHttpResult? Refusal)> CurrentForWriteAsync<TRequest, TResponse>(
        IRecordStore<TRequest, TResponse> store, RecordResource resource, IUnitOfWork work, long id, HttpRequest request)
        where TResponse : class, IVersionedRecord
    {
        var current = await store.FindAsync(work, id);
        if (current is null)
        {
            return (null, Problems.NotFound(resource.EntityType, id));
        }

        var etag = ETags.For(current.Id, current.Version);
        return ETags.IfMatchAllows(request, etag) ? (current, null) : (current, Problems.PreconditionFailed(etag));
    }
}
