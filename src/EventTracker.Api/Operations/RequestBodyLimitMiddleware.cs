using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Operations;

/// <summary>Request-size limits: <c>Limits</c> in configuration.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>The largest JSON body accepted, in bytes (default 1 MiB).</summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest NDJSON import body accepted, in bytes (default 1 GiB).</summary>
    public long MaxImportBodyBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>The longest query string accepted, in characters (414 above).</summary>
    public int MaxQueryStringLength { get; set; } = 4096;

    /// <summary>The most request header bytes accepted (431 above).</summary>
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>The most request headers accepted (431 above).</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>How long a request may take before it is cancelled and answered 503 (export and import are exempt).</summary>
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long a read (GET) may hold the database: then its statement is interrupted (SQLite) or cancelled
    /// (PostgreSQL) and it is answered 503 with Retry-After. Export and the change feed's long poll are exempt.
    /// </summary>
    public double ReadTimeoutSeconds { get; set; } = 10;
}

/// <summary>
/// Caps every request body at <see cref="RequestLimitsOptions.MaxJsonBodyBytes"/> unless the endpoint
/// declares its own limit (<see cref="IRequestSizeLimitMetadata"/>). A declared Content-Length over
/// the cap is refused before reading; a chunked body is cut off the moment it passes the cap. Both
/// answer 413. Enforced here rather than only in Kestrel so that every host behaves the same.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? options.Value.MaxJsonBodyBytes;

        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        context.Request.Body = new LengthLimitedStream(context.Request.Body, limit);
        return next(context);
    }

    internal static BadHttpRequestException TooLarge(long limit) =>
        new($"The request body exceeds the limit of {limit} bytes.", StatusCodes.Status413PayloadTooLarge);

    private sealed class LengthLimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw TooLarge(limit);
            }

            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
