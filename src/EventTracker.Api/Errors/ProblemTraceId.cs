using System.Diagnostics;

namespace EventTracker.Api.Errors;

/// <summary>
/// A problem's <c>traceId</c> is the request's W3C trace id (32 hex digits): the <c>TraceId</c> of the JSON log lines and,
/// with <c>Observability:OtlpEndpoint</c> set, the id of the exported trace. (ASP.NET Core's default is the whole
/// <c>traceparent</c>, which no log line or trace viewer shows as such.)
/// </summary>
public static class ProblemTraceId
{
    public const string Member = "traceId";

    public static void AddTo(ProblemDetailsContext context)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            context.ProblemDetails.Extensions[Member] = activity.TraceId.ToHexString();
        }
    }
}
