using System.ComponentModel;
using System.Data;
using System.Security.Claims;
using EventTracker.Api.Auth;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Api.History;
using EventTracker.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

namespace EventTracker.Api.Common;

/// <summary>A stored record's identity and version, from which its ETag comes.</summary>
public interface IVersionedRecord
{
    long Id { get; }

    long Version { get; }
}

/// <summary>A record to be stored under an id already chosen, with bulk import's external id for it.</summary>
public sealed record NewRecord<TRequest>(long Id, string? ExternalId, TRequest Request);

/// <summary>
/// Writing many new records in a few statements. The caller holds the write lock, asks
/// <see cref="FirstFreeIdSql"/> for the first unused id and numbers the records from there. Once written,
/// <see cref="Snapshots"/> gives their history snapshots (what GET returns) from the requests.
/// </summary>
public sealed record BulkInsert<TRequest, TResponse>(
    string FirstFreeIdSql,
    Action<IDbConnection, IDbTransaction, IReadOnlyList<NewRecord<TRequest>>, string> Write,
    Func<IDbConnection, IDbTransaction, IReadOnlyList<NewRecord<TRequest>>, string, Task<IReadOnlyList<TResponse>>> Snapshots);

/// <summary>What a resource contributes to the shared read/write handlers: its SQL and its own checks.</summary>
public sealed class ResourceDefinition<TRequest, TResponse> where TResponse : class, IVersionedRecord
{
    /// <summary>The singular noun used in history and problem texts, e.g. "organization".</summary>
    public required string EntityType { get; init; }

    /// <summary>The path of the collection, e.g. "/api/v1/organizations".</summary>
    public required string CollectionPath { get; init; }

    /// <summary>The collection's name in operation ids, e.g. "Organizations".</summary>
    public required string PluralName { get; init; }

    /// <summary>One page of the list in id order after <c>afterId</c>, filtered by an FTS match if given.</summary>
    public required Func<IDbConnection, string?, long, int, CancellationToken, Task<IReadOnlyList<TResponse>>> List { get; init; }

    public required Func<IDbConnection, long, IDbTransaction?, Task<TResponse?>> Get { get; init; }

    /// <summary>Reads many records in a fixed number of queries (bulk import's history snapshots); optional.</summary>
    public Func<IDbConnection, IReadOnlyList<long>, IDbTransaction?, Task<IReadOnlyList<TResponse>>>? GetMany { get; init; }

    /// <summary>Stores a new record with its external id (bulk import's key; null from the API) and the time.</summary>
    public required Func<IDbConnection, IDbTransaction, TRequest, string?, string, Task<long>> Insert { get; init; }

    /// <summary>Stores many new records at once under ids chosen by the caller (bulk import); optional.</summary>
    public BulkInsert<TRequest, TResponse>? InsertMany { get; init; }

    public required Func<IDbConnection, IDbTransaction, long, TRequest, string, Task> Update { get; init; }

    public required Func<IDbConnection, IDbTransaction, long, string, Task> SoftDelete { get; init; }

    /// <summary>Checks that need the database and the transaction (duplicates, cycles); null id on create.</summary>
    public Func<IDbConnection, IDbTransaction, long?, TRequest, Task<ProblemHttpResult?>>? CheckWrite { get; init; }

    /// <summary>Refuses to delete a record still in use (409).</summary>
    public Func<IDbConnection, IDbTransaction, long, Task<ProblemHttpResult?>>? CheckDelete { get; init; }
}

/// <summary>
/// GET by id, POST, PUT and DELETE for any resource: ETags and preconditions, one transaction per
/// write, a revision for every change, soft deletes. Features keep their SQL and checks in a
/// <see cref="ResourceDefinition{TRequest,TResponse}"/>.
/// </summary>
public sealed class ResourceHandlers<TRequest, TResponse>(
    ResourceDefinition<TRequest, TResponse> definition) where TResponse : class, IVersionedRecord
{
    public async Task<Results<Ok<Page<TResponse>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ListQuery query, SqliteConnectionFactory connections, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenForReadingAsync(cancellationToken);
        return await IdKeysetPaging.PageAsync(query, definition.PluralName,
            (match, after, take) => definition.List(connection, match, after, take, cancellationToken));
    }

    public async Task<Results<Ok<TResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        [Description("The record's id.")] long id, HttpContext http, SqliteConnectionFactory connections, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var record = await definition.Get(connection, id, null);
        if (record is null)
        {
            return Problems.NotFound(definition.EntityType, id);
        }

        var etag = ETags.For(record.Id, record.Version);
        ETags.Set(http.Response, etag);
        return ETags.IsNotModified(http.Request, etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(record);
    }

    public async Task<Results<Created<TResponse>, ProblemHttpResult>> CreateAsync(
        [FromBody] TRequest request, HttpContext http, SqliteConnectionFactory connections, RevisionWriter revisions,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (definition.CheckWrite is not null && await definition.CheckWrite(connection, transaction, null, request) is { } refused)
        {
            return refused;
        }

        var now = clock.Now();
        var id = await definition.Insert(connection, transaction, request, null, now);
        var created = (await definition.Get(connection, id, transaction))!;
        await revisions.WriteAsync(connection, transaction, definition.EntityType, id, created.Version,
            RevisionAction.Created, created, http.User.KeyName(), now);
        await transaction.CommitAsync(cancellationToken);

        ETags.Set(http.Response, ETags.For(created.Id, created.Version));
        return TypedResults.Created($"{definition.CollectionPath}/{id}", created);
    }

    public async Task<Results<Ok<TResponse>, ProblemHttpResult>> UpdateAsync(
        [Description("The record's id.")] long id, [FromBody] TRequest request, HttpContext http, SqliteConnectionFactory connections, RevisionWriter revisions,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var (current, missingOrChanged) = await CurrentForWriteAsync(connection, transaction, id, http.Request);
        if (missingOrChanged is not null)
        {
            return missingOrChanged;
        }

        if (definition.CheckWrite is not null && await definition.CheckWrite(connection, transaction, id, request) is { } refused)
        {
            return refused;
        }

        var now = clock.Now();
        await definition.Update(connection, transaction, id, request, now);
        var updated = (await definition.Get(connection, id, transaction))!;
        await revisions.WriteAsync(connection, transaction, definition.EntityType, id, updated.Version,
            RevisionAction.Updated, updated, http.User.KeyName(), now);
        await transaction.CommitAsync(cancellationToken);

        ETags.Set(http.Response, ETags.For(updated.Id, updated.Version));
        return TypedResults.Ok(updated);
    }

    /// <summary>The record a write will change: 404 if there is none, 412 if If-Match names another version.</summary>
    private async Task<(TResponse Current, ProblemHttpResult? Refusal)> CurrentForWriteAsync(
        IDbConnection connection, IDbTransaction transaction, long id, HttpRequest request)
    {
        var current = await definition.Get(connection, id, transaction);
        if (current is null)
        {
            return (null!, Problems.NotFound(definition.EntityType, id));
        }

        var etag = ETags.For(current.Id, current.Version);
        return ETags.IfMatchAllows(request, etag) ? (current, null) : (current, Problems.PreconditionFailed(etag));
    }

    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [Description("The record's id.")] long id, HttpContext http, SqliteConnectionFactory connections, RevisionWriter revisions,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var (current, missingOrChanged) = await CurrentForWriteAsync(connection, transaction, id, http.Request);
        if (missingOrChanged is not null)
        {
            return missingOrChanged;
        }

        if (definition.CheckDelete is not null && await definition.CheckDelete(connection, transaction, id) is { } refused)
        {
            return refused;
        }

        var now = clock.Now();
        await definition.SoftDelete(connection, transaction, id, now);
        await revisions.WriteAsync(connection, transaction, definition.EntityType, id, current.Version + 1,
            RevisionAction.Deleted, current, http.User.KeyName(), now);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}

public static class ResourceEndpoints
{
    /// <summary>"a" or "an" before an entity name in operation summaries ("an event", "a source").</summary>
    public static string IndefiniteArticle(string noun) => "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";

    /// <summary>
    /// Maps GET (list), GET /{id}, POST, PUT /{id}, DELETE /{id} and GET /{id}/history with names, summaries and the
    /// problems each may answer; the feature adds descriptions and examples to the builders returned.
    /// </summary>
    public static ResourceRoutes MapResource<TRequest, TResponse>(
        this RouteGroupBuilder group, ResourceDefinition<TRequest, TResponse> definition, string name)
        where TResponse : class, IVersionedRecord
    {
        var handlers = new ResourceHandlers<TRequest, TResponse>(definition);
        var noun = definition.EntityType;
        var article = IndefiniteArticle(noun);

        // Passed as Delegate values: ASP.NET's route-handler analyzer crashes on method groups whose
        // parameters are generic type parameters. Binding and OpenAPI metadata are unaffected.
        Delegate listHandler = handlers.ListAsync, getHandler = handlers.GetAsync, createHandler = handlers.CreateAsync,
            updateHandler = handlers.UpdateAsync, deleteHandler = handlers.DeleteAsync;

        var list = group.MapGet("/", listHandler)
            .WithName($"List{definition.PluralName}")
            .WithSummary($"List {definition.PluralName.ToLowerInvariant()}")
            .WithValidation<ListQuery>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var get = group.MapGet("/{id:recordId}", getHandler)
            .WithName($"Get{name}")
            .WithSummary($"Get one {noun}")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesRecordProblems(StatusCodes.Status404NotFound);

        var create = group.MapPost("/", createHandler)
            .WithName($"Create{name}")
            .WithSummary($"Create {article} {noun}")
            .RequireEditor()
            .ProducesRecordProblems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithValidation<TRequest>();

        var update = group.MapPut("/{id:recordId}", updateHandler)
            .WithName($"Update{name}")
            .WithSummary($"Replace {article} {noun}")
            .RequireEditor()
            .ProducesRecordProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithValidation<TRequest>();

        var delete = group.MapDelete("/{id:recordId}", deleteHandler)
            .WithName($"Delete{name}")
            .WithSummary($"Delete {article} {noun}")
            .RequireEditor()
            .ProducesRecordProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        var history = group.MapHistory(noun, name);
        return new ResourceRoutes(list, get, create, update, delete, history);
    }
}

public sealed record ResourceRoutes(
    RouteHandlerBuilder List,
    RouteHandlerBuilder Get, RouteHandlerBuilder Create, RouteHandlerBuilder Update, RouteHandlerBuilder Delete, RouteHandlerBuilder History);
