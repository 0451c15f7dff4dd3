using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace EventTracker.Tests.Infrastructure;

/// <summary>An NDJSON request body written line by line as it is sent (chunked), never held whole.</summary>
public sealed class NdjsonContent : HttpContent
{
    private readonly IEnumerable<string> _lines;

    public NdjsonContent(IEnumerable<string> lines)
    {
        _lines = lines;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        foreach (var line in _lines)
        {
            await writer.WriteAsync(line);
            await writer.WriteAsync('\n');
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
