using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Validation;

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
}
