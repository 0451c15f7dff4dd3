namespace EventTracker.Api.Sources;

/// <summary>
/// The form under which a source URL must be unique: scheme and host lower-cased, default port,
/// fragment and tracking parameters (<c>utm_*</c>, <c>fbclid</c>, <c>gclid</c>) dropped; the path's
/// case and the order of the remaining parameters kept.
/// </summary>
public static class UrlNormalizer
{
    /// <summary>The request's URL in its normalised form, or null when it has none (print or offline sources).</summary>
    public static string? NormalizedUrlOf(SourceRequest request) =>
        TryNormalize(request.Url, out var normalized) ? normalized : null;

    public static bool TryNormalize(string? url, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(url) ||
            !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        var port = uri.IsDefaultPort ? "" : $":{uri.Port}";
        var query = string.Join('&', uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(parameter => !IsTracking(parameter.Split('=', 2)[0])));
        normalized = $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}{port}{uri.AbsolutePath}{(query.Length > 0 ? "?" + query : "")}";
        return true;
    }

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("fbclid", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("gclid", StringComparison.OrdinalIgnoreCase);
}
