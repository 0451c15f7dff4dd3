namespace EventTracker.Api.Errors;

public static class ProblemAnswers
{
    /// <summary>Every failure answers RFC 9457 problem details with a traceId, and 400s name the JSON path of what is wrong.</summary>
    public static IServiceCollection AddProblemAnswers(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            InvalidParams.AddTo(context);
            ProblemTraceId.AddTo(context);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Bad requests become exceptions so that ProblemExceptionHandler can say exactly what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
