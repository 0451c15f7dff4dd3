using System.Reflection;
using EventTracker.Api.Errors;
using FluentValidation;

namespace EventTracker.Api.Errors;

/// <summary>
/// Validation for a whole route group, applied once: every handler argument whose type has a
/// FluentValidation validator is checked before the handler runs, and a failure answers 400 problem
/// details keyed by JSON path. Endpoints with such an argument document that 400.
/// </summary>
public static class ValidationExtensions
{
    private static readonly Dictionary<string, string[]> MissingBody = new() { ["$"] = ["A JSON object is required."] };

    public static TBuilder WithRequestValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var validated = ValidatedParameters(context.MethodInfo, context.ApplicationServices);
            return validated.Count == 0 ? next : invocation => ValidateThenAsync(invocation, validated, next);
        });
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } method &&
                ValidatedParameters(method, endpoint.ApplicationServices).Count > 0)
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(
                    StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
            }
        });
        return builder;
    }

    public static Dictionary<string, string[]> ToErrorMap(this FluentValidation.Results.ValidationResult result) =>
        result.Errors
            .GroupBy(error => JsonPaths.FromPropertyPath(error.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray());

    private static List<(int Index, IValidator Validator)> ValidatedParameters(MethodInfo method, IServiceProvider services) =>
        method.GetParameters()
            .Select((parameter, index) => (Index: index, Validator: services.GetService(typeof(IValidator<>).MakeGenericType(parameter.ParameterType)) as IValidator))
            .Where(pair => pair.Validator is not null)
            .Select(pair => (pair.Index, pair.Validator!))
            .ToList();

    private static async ValueTask<object?> ValidateThenAsync(
        EndpointFilterInvocationContext invocation, List<(int Index, IValidator Validator)> validated, EndpointFilterDelegate next)
    {
        foreach (var (index, validator) in validated)
        {
            if (invocation.Arguments[index] is not { } argument)
            {
                // A body of JSON null binds as a null argument; never hand that to a handler.
                return TypedResults.ValidationProblem(MissingBody, title: "The request is not valid.");
            }

            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), invocation.HttpContext.RequestAborted);
            if (!result.IsValid)
            {
                return TypedResults.ValidationProblem(
                    result.ToErrorMap(),
                    title: "The request is not valid.",
                    detail: "See errors: each key is the JSON path of a field, each value what is wrong with it.");
            }
        }

        return await next(invocation);
    }
}
