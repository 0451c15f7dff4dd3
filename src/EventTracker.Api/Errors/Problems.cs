using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Errors;

/// <summary>The problem answers the resource endpoints share, so every feature words them alike.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string resource, long id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: $"The {resource} does not exist.",
            detail: $"No {resource} has id {id}, or it was deleted.");

    public static ProblemHttpResult PreconditionFailed(string etag) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The record has changed since you read it.",
            detail: $"If-Match does not match the current ETag {etag}. Read the record again and reapply your change.",
            extensions: new Dictionary<string, object?> { ["currentETag"] = etag });

    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);

    public static ProblemHttpResult BadCursor() => ValidationProblems.For(
        "cursor", "The cursor is not valid: pass back the nextCursor of a previous page unchanged, with the same filters and order.");

    /// <summary>Documents the problems an endpoint can answer, each with the members it carries (409 and 412 have their own).</summary>
    public static RouteHandlerBuilder ProducesRecordProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _ = status switch
            {
                StatusCodes.Status409Conflict => builder.Produces<ConflictProblem>(status, ProblemJson),
                StatusCodes.Status412PreconditionFailed => builder.Produces<PreconditionFailedProblem>(status, ProblemJson),
                _ => builder.ProducesProblem(status),
            };
        }

        return builder;
    }

    /// <summary>The OpenAPI metadata of a plain problem answer, for conventions that add it to many endpoints.</summary>
    public static ProducesResponseTypeMetadata Documented(int status) =>
        new(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), [ProblemJson]);

    private const string ProblemJson = "application/problem+json";
}
