namespace EventTracker.Api.Operations;

/// <summary>Headers every answer carries: no MIME sniffing, no framing, no referrer leaks.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (IsTimelinePage(context.Request.Path))
            {
                // The timeline page loads its own modules and styles and calls the API of the same origin; nothing else.
                headers.ContentSecurityPolicy =
                    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            }
            else if (!context.Request.Path.StartsWithSegments("/swagger"))
            {
                // JSON answers need nothing from a browser; Swagger UI is a page and keeps its defaults.
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsTimelinePage(PathString path) =>
        path == "/" || path == "/index.html" || path.StartsWithSegments("/page");
}
