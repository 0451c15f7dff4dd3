using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Errors;

/// <summary>400 answers for rules that only a handler can check (they need the record's id or the transaction).</summary>
public static class ValidationProblems
{
    public static ProblemHttpResult For(string jsonPath, string message) =>
        For(new Dictionary<string, string[]> { [jsonPath] = [message] });

    public static ProblemHttpResult For(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Detail = "See errors: each key is the JSON path of a field, each value what is wrong with it.",
        });

    /// <summary>What a refusal says, by JSON path; a refusal that is not a 400 with errors says it at <c>$</c>.</summary>
    public static Dictionary<string, string[]> ErrorsOf(ProblemHttpResult problem) =>
        problem.ProblemDetails is HttpValidationProblemDetails validation
            ? validation.Errors.ToDictionary()
            : new Dictionary<string, string[]> { ["$"] = [problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Refused."] };

    /// <summary>The same refusal with each JSON path moved under another (a record inside a larger body); other problems unchanged.</summary>
    public static ProblemHttpResult WithPaths(ProblemHttpResult problem, Func<string, string> path) =>
        problem.ProblemDetails is HttpValidationProblemDetails validation
            ? For(validation.Errors.ToDictionary(pair => path(pair.Key), pair => pair.Value))
            : problem;
}
