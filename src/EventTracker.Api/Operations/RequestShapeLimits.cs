using Microsoft.Extensions.Options;
using EventTracker.Api.Errors;

namespace EventTracker.Api.Operations;

/// <summary>
/// Caps the query string (414) and the request headers (431) before any work is done, answering problem+json.
/// Kestrel's own limits sit well above these (see EventTrackerAppBuilder) so that this, not Kestrel's bodiless
/// refusal, answers; Kestrel remains the backstop for absurd sizes.
/// </summary>
public sealed class RequestShapeLimitsMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limits = options.Value;
        if (context.Request.QueryString.Value?.Length > limits.MaxQueryStringLength)
        {
            await context.WriteProblemAsync(StatusCodes.Status414UriTooLong, "The query string is too long.",
                $"At most {limits.MaxQueryStringLength} characters.");
            return;
        }

        var headerBytes = 0L;
        foreach (var (name, values) in context.Request.Headers)
        {
            headerBytes += name.Length + values.Sum(value => value?.Length ?? 0);
        }

        if (headerBytes > limits.MaxRequestHeadersBytes || context.Request.Headers.Count > limits.MaxRequestHeaderCount)
        {
            await context.WriteProblemAsync(StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.",
                $"At most {limits.MaxRequestHeaderCount} headers and {limits.MaxRequestHeadersBytes} bytes.");
            return;
        }

        await next(context);
    }

}
