using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Common;

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

    public static ProblemHttpResult BadCursor() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The cursor is not valid.",
            detail: "Pass back the nextCursor of a previous page unchanged, with the same filters.");

    /// <summary>Documents the answers every record-by-id endpoint can give.</summary>
    public static RouteHandlerBuilder ProducesRecordProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
