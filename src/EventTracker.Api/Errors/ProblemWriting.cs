using Microsoft.AspNetCore.Mvc;

namespace EventTracker.Api.Errors;

/// <summary>
/// Problem answers written by middleware and handlers that run outside an endpoint (limits, authentication), through
/// the same <see cref="IProblemDetailsService"/> as every endpoint's, so the content type and traceId are the same.
/// </summary>
public static class ProblemWriting
{
    public static async Task WriteProblemAsync(this HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
