using System.Security.Claims;
using EventTracker.Api.Auth;
using EventTracker.Api.Errors;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EventTracker.Api.Drafts;

public static class DraftsApi
{
    /// <summary>The largest body POST /drafts takes: the article's 256 KB and room for its JSON escaping and other fields.</summary>
    public const long MaxDraftBodyBytes = 3L * DraftRequestValidator.MaxArticleBytes;

    internal static readonly object Example = new
    {
        text = "Moscow will respond to NATO's expulsion of Russian diplomats, Kremlin spokesman Dmitry Peskov said on Friday. " +
               "NATO on Wednesday withdrew the accreditation of eight members of Russia's mission to the Alliance and cut the mission's " +
               "size from 20 to 10. \"Undoubtedly, some response measures will be formulated,\" Peskov told reporters.",
        url = "https://news.example/world/nato-russia-mission",
        publishedAt = "2021-10-08",
        language = "en",
    };

    public static IServiceCollection AddDrafts(this IServiceCollection services)
    {
        services.AddSingleton<GazetteerCache>();
        services.AddSingleton<Drafter>();
        services.AddSingleton<DraftCommitter>();
        return services;
    }

    public static RouteGroupBuilder MapDrafts(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/drafts").WithTags("Drafts").RequireEditor();

        group.MapPost("/", DraftAsync)
            .WithName("DraftFromArticle")
            .WithSummary("Draft records from an article")
            .WithDescription(
                "The first pass over a news article (`text`, or a page's `html`: its main text is taken, menus, teasers, captions and " +
                "footers left out): the organizations and people it names (stored ones with `existingId`, others proposed), the events " +
                "it reports with type, date (relative dates resolved against `publishedAt`), status, sides and roles, numbers, quotes " +
                "with their speakers, and relations; every value with the `{start, end}` span of `text` it came from, every event with a " +
                "`confidence` and its `reasons`. An event already stored (same type and sides within a few days, or already citing this " +
                "source) is answered with `existing`. Nothing is written: review the draft, then POST it to /api/v1/drafts/commit. " +
                "Needs the editor role. Drafting counts against the read budget (weighed by time), not the write budget.")
            .WithRequestExample(Example)
            .WithMetadata(new RequestSizeLimitAttribute(MaxDraftBodyBytes))
            .CountsAsRead()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapPost("/commit", CommitAsync)
            .WithName("CommitDraft")
            .WithSummary("Write a reviewed draft")
            .WithDescription(
                "Writes a draft, as POST /api/v1/drafts answered it or as a person edited it, in one transaction: new organizations, " +
                "actors and the source, new events, and for events with `existing` the article as a citation with its quotes (nothing " +
                "else of a stored event changes, and a citation it has already is not added twice). Answers the id of every record. " +
                "A bad draft is a 400 whose errors are keyed by the draft's JSON paths (`events[2].participants[0].role`) and writes " +
                "nothing. Revisions are written under the API key's name and the change feed carries every change. Needs the editor role.")
            .ProducesRecordProblems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    private static async Task<Ok<DraftResponse>> DraftAsync(DraftRequest request, HttpContext http, Drafter drafter, CancellationToken cancellationToken) =>
        TypedResults.Ok(await drafter.DraftAsync(request, http, cancellationToken));

    private static Task<Results<Ok<DraftCommitResponse>, ProblemHttpResult>> CommitAsync(
        DraftCommitRequest request, ClaimsPrincipal user, DraftCommitter committer, CancellationToken cancellationToken) =>
        committer.CommitAsync(request, user.KeyName(), cancellationToken);
}
