using System.Reflection;
using System.Text.Json;
using EventTracker.Api.Paging;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Http;

/// <summary>
/// 200 with a <see cref="Page{T}"/> whose items are already the UTF-8 JSON of a <typeparamref name="T"/> each (stored
/// documents), separated by commas: written byte for byte as <c>TypedResults.Ok(new Page&lt;T&gt;(...))</c> writes the
/// same items, and described in OpenAPI as that <see cref="Page{T}"/>, without a record being read or serialised on the way.
/// </summary>
public sealed class StoredJsonPage<T>(byte[] joinedItems, string? nextCursor) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string? NextCursor => nextCursor;

#pragma warning disable CA1000 // The interface asks for it: how Ok<T> and every result type declares its OpenAPI response.
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Page<T>), ["application/json"]));
#pragma warning restore CA1000

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        string Name(string property) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;

        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder });
        writer.WriteStartObject();
        writer.WriteStartArray(Name(nameof(Page<T>.Items)));
        // The items are the serialiser's own output for a T each (the store keeps them so): they go out as they are,
        // between the brackets the writer puts, which sees an empty array and so adds no comma of its own.
        writer.Flush();
        await body.WriteAsync(joinedItems, httpContext.RequestAborted);
        writer.WriteEndArray();
        writer.WriteString(Name(nameof(Page<T>.NextCursor)), nextCursor);
        writer.WriteEndObject();
        writer.Flush();
        await body.FlushAsync(httpContext.RequestAborted);
    }
}
