using System.Text.Json;
using EventTracker.Api.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EventTracker.Api.Errors;

/// <summary>
/// Turns every exception into RFC 9457 problem details: bad requests the framework detects
/// (malformed JSON, wrong types, unknown fields, wrong content type, oversized bodies) keep their
/// 4xx status; anything else is a 500 that shows no stack trace or SQL outside Development.
/// </summary>
public sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problemDetails,
    IHostEnvironment environment,
    IStoreFailures failures,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException badRequest => BindingFailures.Describe(badRequest, httpContext) ?? FromBadRequest(badRequest),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ when failures.IsInterruption(exception) && httpContext.RequestAborted.IsCancellationRequested => null,
            _ => FromUnexpected(exception),
        };

        if (problem is null)
        {
            return true; // the client went away; nobody is listening for an answer
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        var json = FindJsonException(exception);
        if (json is not null)
        {
            var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [JsonPaths.FromJsonPath(path)] = [JsonErrorMessages.Describe(json)],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid JSON for this operation.",
                Detail = JsonErrorMessages.Describe(json),
            };
            return problem;
        }

        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = exception.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request body has an unsupported content type.",
                _ => "The request is malformed.",
            },
            Detail = exception.Message,
        };
    }

    private ProblemDetails FromUnexpected(Exception exception)
    {
        LogUnhandled(exception, exception.GetType().Name);
        return new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "An unexpected error occurred.",
            Detail = environment.IsDevelopment() ? exception.ToString() : "The error has been logged; quote the traceId when reporting it.",
        };
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType}")]
    private partial void LogUnhandled(Exception exception, string exceptionType);
}
