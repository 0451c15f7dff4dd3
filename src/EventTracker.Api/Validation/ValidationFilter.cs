using EventTracker.Api.Errors;
using FluentValidation;

namespace EventTracker.Api.Validation;

/// <summary>
/// Runs the FluentValidation validator of every handler argument that has one and answers 400
/// problem details keyed by JSON path. Attached with <see cref="ValidationExtensions.WithValidation{T}"/>.
/// </summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments.OfType<T>())
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
