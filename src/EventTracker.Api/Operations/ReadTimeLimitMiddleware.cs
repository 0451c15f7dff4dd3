using System.Globalization;
using EventTracker.Api.Errors;
using EventTracker.Api.Storage;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Operations;

/// <summary>
/// Bounds what one read may cost the database: a GET that runs longer than <see cref="RequestLimitsOptions.ReadTimeoutSeconds"/>
/// has its token cancelled, which interrupts its statement (the stores' read connections stop on it: SQLite's
/// interrupt, PostgreSQL's cancel request), and is answered 503 with Retry-After. Reads pass the request's token
/// to the store, so swapping it here reaches every statement they run.
/// </summary>
public sealed class ReadTimeLimitMiddleware(
    RequestDelegate next, IOptions<RequestLimitsOptions> options, IStoreFailures failures)
{
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata is null || !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) ||
            context.Request.Path.StartsWithSegments("/health") ||
            metadata.GetMetadata<DisableRequestTimeoutAttribute>() is not null || metadata.GetMetadata<WaitsWithoutCostMetadata>() is not null)
        {
            await next(context);
            return;
        }

        var original = context.RequestAborted;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(original);
        limit.CancelAfter(TimeSpan.FromSeconds(options.Value.ReadTimeoutSeconds));
        context.RequestAborted = limit.Token;
        try
        {
            await next(context);
        }
        catch (Exception exception) when (limit.IsCancellationRequested && !original.IsCancellationRequested &&
                                          (exception is OperationCanceledException || failures.IsInterruption(exception)) &&
                                          !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await context.WriteProblemAsync(
                StatusCodes.Status503ServiceUnavailable,
                "The read took too long.",
                $"This read held the database for more than {options.Value.ReadTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds " +
                "and was stopped. Narrow it (a shorter date range, fewer organizations) or retry later.");
        }
        finally
        {
            context.RequestAborted = original;
        }
    }
}
