using EventTracker.Api.Common;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Sources;

public static class SourcesApi
{
    internal static readonly ResourceDefinition<SourceRequest, SourceResponse> Definition = new()
    {
        EntityType = "source",
        CollectionPath = "/api/v1/sources",
        PluralName = "Sources",
        List = SourceStore.ListAsync,
        Get = SourceStore.GetAsync,
        Insert = SourceStore.InsertAsync,
        Update = SourceStore.UpdateAsync,
        SoftDelete = SourceStore.SoftDeleteAsync,
        CheckWrite = CheckUniqueUrlAsync,
        CheckDelete = CheckUnusedAsync,
    };

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

        var routes = group.MapResource(Definition, "Source");
        routes.List.WithDescription("Articles and documents that report events, in id order. `q` searches titles and publishers.");
        routes.Get.WithDescription("The source. Send `If-None-Match` with the ETag to get 304 when unchanged.");
        routes.Create.WithRequestExample(Example);
        routes.Update.WithRequestExample(Example);
        routes.Create.WithDescription(
            "Creates a source. Its URL is normalised (scheme and host lower-cased, default port, fragment and utm_*/fbclid/gclid " +
            "parameters dropped) and must be unique: a second source with the same normalised URL is 409 with the existing " +
            "source's id in `existingId`. Leave `url` empty for print or offline sources.");
        routes.Update.WithDescription("Replaces the source. Send `If-Match` with the ETag you read to refuse the write (412) if someone changed it since. A URL another source already has is 409.");
        routes.Delete.WithDescription("Soft-deletes the source: gone from lists, kept in history. 409 while a live event cites it.");
        return api;
    }

    private static async Task<ProblemHttpResult?> CheckUniqueUrlAsync(
        System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long? id, SourceRequest request)
    {
        if (SourceStore.NormalizedUrlOf(request) is not { } normalized ||
            await SourceStore.FindDuplicateAsync(connection, transaction, id, normalized) is not { } existing)
        {
            return null;
        }

        return Problems.Conflict(
            "A source with this URL already exists.",
            $"Source {existing} has the same normalised URL {normalized}; cite it instead of creating another.",
            new Dictionary<string, object?> { ["existingId"] = existing, ["normalizedUrl"] = normalized });
    }

    private static async Task<ProblemHttpResult?> CheckUnusedAsync(
        System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long id)
    {
        var events = await SourceStore.ReferencingEventsAsync(connection, transaction, id);
        return events.Count == 0
            ? null
            : Problems.Conflict(
                "The source is still cited.",
                "Live events cite this source; change or delete them first.",
                new Dictionary<string, object?> { ["referencingEventIds"] = events });
    }
}
