using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace EventTracker.Api.Http;

/// <summary>
/// 200 with a <typeparamref name="T"/> that is already its UTF-8 JSON (a stored document): the same bytes and headers as
/// <c>TypedResults.Ok(record)</c>, described in OpenAPI as that <typeparamref name="T"/>.
/// </summary>
public sealed class StoredJson<T>(byte[] json) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public byte[] Json => json;

#pragma warning disable CA1000 // The interface asks for it: how Ok<T> and every result type declares its OpenAPI response.
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
#pragma warning restore CA1000

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        return httpContext.Response.Body.WriteAsync(json, httpContext.RequestAborted).AsTask();
    }
}
