namespace EventTracker.Api.Errors;

/// <summary>One thing wrong with a request, as RFC 9457's own example lists them.</summary>
/// <param name="Name">The JSON path of the field (<c>participants[1].organizationId</c>) or the query parameter's name.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record InvalidParam(string Name, string Reason);

/// <summary>
/// Every validation problem carries its <c>errors</c> map a second time as a list, <c>invalidParams</c>: the same
/// content in a shape every generated client can type (a map of arbitrary keys is a bag of untyped data to some,
/// e.g. Kiota's C# models).
/// </summary>
public static class InvalidParams
{
    public const string Member = "invalidParams";

    public static void AddTo(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is HttpValidationProblemDetails validation)
        {
            validation.Extensions[Member] = validation.Errors
                .SelectMany(error => error.Value.Select(reason => new InvalidParam(error.Key, reason)))
                .ToList();
        }
    }
}
