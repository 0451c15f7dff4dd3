using Microsoft.Net.Http.Headers;

namespace EventTracker.Api.Http;

/// <summary>Strong ETags from a record's id and version, and the If-Match / If-None-Match checks.</summary>
public static class ETags
{
    public static string For(long id, long version) => $"\"{id}-{version}\"";

    /// <summary>For answers computed from the whole data set (timeline, histogram, chain): its change counter.</summary>
    public static string ForDataVersion(long version) => $"\"data-{version}\"";

    /// <summary>True when If-None-Match names the current ETag (or *): answer 304.</summary>
    public static bool IsNotModified(HttpRequest request, string etag) =>
        Matches(request.Headers[HeaderNames.IfNoneMatch], etag, weakAllowed: true);

    /// <summary>True when If-Match is absent or names the current ETag (or *); false means 412.</summary>
    public static bool IfMatchAllows(HttpRequest request, string etag)
    {
        var header = request.Headers[HeaderNames.IfMatch];
        return header.Count == 0 || Matches(header, etag, weakAllowed: false);
    }

    public static void Set(HttpResponse response, string etag) => response.Headers.ETag = etag;

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues header, string etag, bool weakAllowed)
    {
        if (header.Count == 0)
        {
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        var current = EntityTagHeaderValue.Parse(etag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: !weakAllowed));
    }
}
