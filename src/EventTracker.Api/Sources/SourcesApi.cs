using System.ComponentModel;
using EventTracker.Api.Auth;
using EventTracker.Api.Errors;
using EventTracker.Api.History;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Paging;
using EventTracker.Api.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Sources;

public static class SourcesApi
{
    internal static readonly RecordResource Resource = new(RecordKind.Source, "/api/v1/sources");

    private static readonly object Example = new
    {
        url = "",
        title = "Russia vows tit-for-tat response to NATO expulsion of its mission staff (wire report, October 2021)",
        publisher = (string?)null,
        publishedAt = "2021-10-08",
        language = "en",
        excerpt = "Moscow will prepare tit-for-tat measures, Foreign Ministry spokeswoman Maria Zakharova said.",
    };

    public static RouteGroupBuilder MapSources(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sources").WithTags("Sources");
        var edits = group.MapGroup("").RequireEditor();

        group.MapGet("/", ListAsync)
            .WithName("ListSources")
            .WithSummary("List sources")
            .WithDescription("Articles and documents that report events, in id order. `q` searches titles and publishers.");

        group.MapGet("/{id:recordId}", GetAsync)
            .WithName("GetSource")
            .WithSummary("Get one source")
            .WithDescription("The source. Send `If-None-Match` with the ETag to get 304 when unchanged.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:recordId}/history", HistoryAsync)
            .WithHistoryDocs(Resource, "Source");

        edits.MapPost("/", CreateAsync)
            .WithName("CreateSource")
            .WithSummary("Create a source")
            .WithDescription(
                "Creates a source. Its URL is normalised (scheme and host lower-cased, default port, fragment and utm_*/fbclid/gclid " +
                "parameters dropped) and must be unique: a second source with the same normalised URL is 409 with the existing " +
                "source's id in `existingId`. Leave `url` empty for print or offline sources.")
            .WithRequestExample(Example)
            .ProducesRecordProblems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        edits.MapPut("/{id:recordId}", UpdateAsync)
            .WithName("UpdateSource")
            .WithSummary("Replace a source")
            .WithDescription("Replaces the source. Send `If-Match` with the ETag you read to refuse the write (412) if someone changed it since. A URL another source already has is 409.")
            .WithRequestExample(Example)
            .ProducesRecordProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        edits.MapDelete("/{id:recordId}", DeleteAsync)
            .WithName("DeleteSource")
            .WithSummary("Delete a source")
            .WithDescription("Soft-deletes the source: gone from lists, kept in history. 409 while a live event cites it.")
            .ProducesRecordProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
        return api;
    }

    private static Task<Results<Ok<Page<SourceResponse>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ListQuery query, CursorCodec cursors, ISourceStore store, CancellationToken cancellationToken) =>
        IdKeysetPaging.PageAsync(query, "Sources", cursors, (search, after, take) => store.ListAsync(search, after, take, cancellationToken));

    private static Task<Results<Ok<SourceResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        [Description("The record's id.")] long id, HttpContext http, ISourceStore store, CancellationToken cancellationToken) =>
        RecordWrites.GetAsync(store, Resource, id, http, cancellationToken);

    private static Task<Results<Ok<HistoryResponse<SourceResponse>>, ProblemHttpResult>> HistoryAsync(
        [Description("The record's id.")] long id, HistoryReader history, CancellationToken cancellationToken) =>
        history.ListAsync<SourceResponse>(Resource.Kind, id, cancellationToken);

    private static Task<Results<Created<SourceResponse>, ProblemHttpResult>> CreateAsync(
        SourceRequest request, HttpContext http, ISourceStore store, RecordWrites writes, CancellationToken cancellationToken) =>
        writes.CreateAsync(store, Resource, request, http, UniqueUrlCheck(store), cancellationToken);

    private static Task<Results<Ok<SourceResponse>, ProblemHttpResult>> UpdateAsync(
        [Description("The record's id.")] long id, SourceRequest request, HttpContext http, ISourceStore store, RecordWrites writes,
        CancellationToken cancellationToken) =>
        writes.UpdateAsync(store, Resource, id, request, http, UniqueUrlCheck(store), cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [Description("The record's id.")] long id, HttpContext http, ISourceStore store, RecordWrites writes, CancellationToken cancellationToken) =>
        writes.DeleteAsync(store, Resource, id, http, UnusedCheck(store), cancellationToken);

    /// <summary>A normalised URL names one live source: a second is 409 with the first one's id.</summary>
    internal static WriteCheck<SourceRequest> UniqueUrlCheck(ISourceStore store) => async (work, id, request) =>
    {
        if (UrlNormalizer.NormalizedUrlOf(request) is not { } normalized ||
            await store.FindDuplicateAsync(work, id, normalized) is not { } existing)
        {
            return null;
        }

        return Problems.Conflict(
            "A source with this URL already exists.",
            $"Source {existing} has the same normalised URL {normalized}; cite it instead of creating another.",
            new Dictionary<string, object?> { ["existingId"] = existing, ["normalizedUrl"] = normalized });
    };

    private static DeleteCheck UnusedCheck(ISourceStore store) => async (work, id) =>
    {
        var events = await store.ReferencingEventsAsync(work, id);
        return events.Count == 0
            ? null
            : Problems.Conflict(
                "The source is still cited.",
                "Live events cite this source; change or delete them first.",
                new Dictionary<string, object?> { ["referencingEventIds"] = events });
    };
}
