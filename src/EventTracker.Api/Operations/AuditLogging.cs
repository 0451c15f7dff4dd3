using EventTracker.Api.Auth;

namespace EventTracker.Api.Operations;

/// <summary>
/// Puts the API key's name (never its value) into the logging scope of every request, and writes one
/// audit line per write: who, what, and how it ended.
/// </summary>
public sealed partial class AuditLoggingMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _audit = loggers.CreateLogger("EventTracker.Audit");

    public async Task InvokeAsync(HttpContext context)
    {
        var keyName = context.User.KeyName();
        using var scope = _audit.BeginScope(new Dictionary<string, object?> { ["ApiKeyName"] = keyName ?? "anonymous" });
        var isWrite = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
        try
        {
            await next(context);
        }
        finally
        {
            if (isWrite)
            {
                LogWrite(_audit, context.Request.Method, context.Request.Path.Value ?? "", keyName ?? "anonymous",
                    context.Response.StatusCode, context.TraceIdentifier);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Method} {Path} by {ApiKeyName} answered {StatusCode} (request {RequestId})")]
    private static partial void LogWrite(ILogger logger, string method, string path, string apiKeyName, int statusCode, string requestId);
}
