using EventTracker.Api.Storage;

namespace EventTracker.Api.Caching;

/// <summary>
/// A cached read whose client went away is stopped (its statement interrupted, see
/// the store stops it when the request is abandoned) and ends here with 499 instead of an
/// exception: identical requests waiting for its answer (the read cache's locking) are then not handed a
/// failure — the cache keeps nothing from it, so they compute their own.
/// </summary>
public sealed class AbandonedReadFilter(IStoreFailures failures) : IEndpointFilter
{
    public const int ClientClosedRequest = 499;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (context.HttpContext.RequestAborted.IsCancellationRequested && IsStop(exception))
        {
            return TypedResults.StatusCode(ClientClosedRequest);
        }
    }

    private bool IsStop(Exception exception) => exception is OperationCanceledException || failures.IsInterruption(exception);
}
