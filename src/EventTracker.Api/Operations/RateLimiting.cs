using System.Globalization;
using System.Threading.RateLimiting;
using EventTracker.Api.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EventTracker.Api.Operations;

/// <summary>One budget: so many requests per window, per API key or (without one) per client address.</summary>
public sealed class RateBudget
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>The <c>RateLimits</c> configuration section: separate budgets for reads, writes and bulk work.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>GET requests.</summary>
    public RateBudget Reads { get; set; } = new() { PermitLimit = 600 };

    /// <summary>POST, PUT and DELETE on resources.</summary>
    public RateBudget Writes { get; set; } = new() { PermitLimit = 120 };

    /// <summary>Export and import.</summary>
    public RateBudget Bulk { get; set; } = new() { PermitLimit = 10 };
}

/// <summary>Marks an endpoint as bulk work (export, import): it draws on the bulk budget.</summary>
public sealed class BulkOperationMetadata;

public static class RateLimiting
{
    public static TBuilder IsBulkOperation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BulkOperationMetadata());

    public static IServiceCollection AddEventTrackerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteRejectionAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!options.Enabled || context.Request.Path.StartsWithSegments("/health"))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var (name, budget) = context.GetEndpoint()?.Metadata.GetMetadata<BulkOperationMetadata>() is not null
                    ? ("bulk", options.Bulk)
                    : HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                        ? ("reads", options.Reads)
                        : ("writes", options.Writes);
                return RateLimitPartition.GetFixedWindowLimiter($"{name}|{ClientOf(context)}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = budget.PermitLimit,
                    Window = TimeSpan.FromSeconds(budget.WindowSeconds),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>The API key's name when the request has a valid one, else the client's address.</summary>
    private static string ClientOf(HttpContext context) =>
        context.User.KeyName() is { } key ? "key:" + key : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejection, CancellationToken cancellationToken)
    {
        var context = rejection.HttpContext;
        var retryAfter = rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This client's budget for this kind of request is spent; retry after {seconds} seconds.",
            },
        });
    }
}
