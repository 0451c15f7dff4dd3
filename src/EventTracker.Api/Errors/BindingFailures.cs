using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EventTracker.Api.Errors;

/// <summary>
/// A query or route value that cannot be read as its parameter's type (<c>organization=abc</c>) as the same 400
/// a validation failure answers: <c>errors</c> keyed by the parameter's name as the client wrote it, a message in
/// the client's terms, never a C# type name.
/// </summary>
public static partial class BindingFailures
{
    public static HttpValidationProblemDetails? Describe(BadHttpRequestException exception, HttpContext http)
    {
        if (BindFailure().Match(exception.Message) is not { Success: true } match)
        {
            return null;
        }

        var member = match.Groups["name"].Value;
        var value = match.Groups["value"].Value;
        var (name, type) = WireName(http, member);
        var valueType = type.IsArray ? type.GetElementType()! : type;
        var message = (Nullable.GetUnderlyingType(valueType) ?? valueType) switch
        {
            var t when t == typeof(long) || t == typeof(int) => $"'{value}' is not a whole number.",
            var t when t == typeof(bool) => $"'{value}' is not true or false.",
            _ => $"'{value}' is not a valid value.",
        };
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Detail = "See errors: each key is a query parameter, each value what is wrong with it.",
        };
    }

    /// <summary>The name the client used for a handler parameter or an [AsParameters] property, and its type.</summary>
    private static (string Name, Type Type) WireName(HttpContext http, string member)
    {
        // The exception handler clears the request's endpoint before it runs; its feature keeps the one that failed.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var method = endpoint?.Metadata.OfType<MethodInfo>().FirstOrDefault();
        foreach (var parameter in method?.GetParameters() ?? [])
        {
            if (parameter.Name == member)
            {
                return (parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? member, parameter.ParameterType);
            }

            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null &&
                parameter.ParameterType.GetProperty(member) is { } property)
            {
                return (property.GetCustomAttribute<FromQueryAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(member), property.PropertyType);
            }
        }

        return (JsonNamingPolicy.CamelCase.ConvertName(member), typeof(string));
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[A-Za-z_][A-Za-z0-9_]*)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();
}
