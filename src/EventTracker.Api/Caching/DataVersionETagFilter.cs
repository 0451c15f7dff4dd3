
using EventTracker.Api.Http;

namespace EventTracker.Api.Caching;

/// <summary>
/// Gives a read endpoint's answers an ETag made from the data version: the same URL at the same
/// version always answers the same body. A client that sends the ETag back in If-None-Match gets 304
/// until something changes — without the query being run.
/// </summary>
public sealed class DataVersionETagFilter(DataVersion dataVersion) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var version = DataVersion.ReadBy(http) ?? await dataVersion.ReadAsync(http.RequestAborted);
        var etag = ETags.ForDataVersion(version);
        if (ETags.IsNotModified(http.Request, etag))
        {
            ETags.Set(http.Response, etag);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var result = await next(context);
        if (Unwrap(result) is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            ETags.Set(http.Response, etag);
        }

        return result;
    }

    private static object? Unwrap(object? result) => result is INestedHttpResult nested ? nested.Result : result;
}
