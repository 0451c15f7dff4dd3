using EventTracker.Api.Errors;
using FluentValidation;

namespace EventTracker.Api.Validation;

/// <summary>
/// Runs the FluentValidation validator of every handler argument that has one and answers 400
/// problem details keyed by JSON path. Attached with <see cref="ValidationExtensions.WithValidation{T}"/>.
/// </summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    private static readonly Dictionary<string, string[]> MissingBody = new() { ["$"] = ["A JSON object is required."] };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var arguments = context.Arguments.OfType<T>().ToList();
        if (arguments.Count == 0)
        {
            // A body of JSON null binds as a null argument; never hand that to a handler.
            return TypedResults.ValidationProblem(MissingBody, title: "The request is not valid.");
        }

        foreach (var argument in arguments)
        {
            var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
            if (!result.IsValid)
            {
                return TypedResults.ValidationProblem(
                    result.ToErrorMap(),
                    title: "The request is not valid.",
                    detail: "See errors: each key is the JSON path of a field, each value what is wrong with it.");
            }
        }

        return await next(context);
    }
}

public static class ValidationExtensions
{
    public static RouteHandlerBuilder WithValidation<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesValidationProblem();

    public static Dictionary<string, string[]> ToErrorMap(this FluentValidation.Results.ValidationResult result) =>
        result.Errors
            .GroupBy(error => JsonPaths.FromPropertyPath(error.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray());
}
