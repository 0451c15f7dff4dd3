using System.Globalization;
using System.Threading.RateLimiting;
using EventTracker.Api.Auth;
using EventTracker.Api.Observability;
using EventTracker.Api.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace EventTracker.Api.Operations;

/// <summary>One budget: so many requests per window, per API key or (without one) per client address.</summary>
public sealed class RateBudget
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// Requests are weighed by the server time they took: one permit on arrival and one more for every this many
    /// milliseconds they ran, so a client that asks only expensive questions gets fewer of them. 0 counts every
    /// request as one.
    /// </summary>
    public int CostUnitMilliseconds { get; set; }
}

/// <summary>The <c>RateLimits</c> configuration section: separate budgets for reads, writes and bulk work.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>GET requests.</summary>
    public RateBudget Reads { get; set; } = new() { PermitLimit = 600, CostUnitMilliseconds = 100 };

    /// <summary>POST, PUT and DELETE on resources.</summary>
    public RateBudget Writes { get; set; } = new() { PermitLimit = 120 };

    /// <summary>Export and import.</summary>
    public RateBudget Bulk { get; set; } = new() { PermitLimit = 10 };
}

/// <summary>Marks an endpoint as bulk work (export, import): it draws on the bulk budget.</summary>
public sealed class BulkOperationMetadata;

/// <summary>
/// Marks a POST that writes nothing and is asked for often (drafting an article as one types): it draws on the read
/// budget, weighed by its time, so that it never spends the write budget.
/// </summary>
public sealed class CountsAsReadMetadata;

/// <summary>Marks an endpoint whose time is spent waiting, not working (the change feed's long poll): it is not weighed by time.</summary>
public sealed class WaitsWithoutCostMetadata;

public static class RateLimiting
{
    public static TBuilder IsBulkOperation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BulkOperationMetadata());

    public static TBuilder CountsAsRead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CountsAsReadMetadata());

    public static TBuilder WaitsWithoutCost<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new WaitsWithoutCostMetadata());

    public static IServiceCollection AddEventTrackerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var budgets = new ClientBudgets(options);
        services.AddSingleton(budgets);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteRejectionAsync;
            limiter.GlobalLimiter = budgets.Limiter;
        });
        return services;
    }

    /// <summary>The API key's name when the request has a valid one, else the client's address.</summary>
    public static string ClientOf(HttpContext context) =>
        context.User.KeyName() is { } key ? "key:" + key : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejection, CancellationToken cancellationToken)
    {
        var context = rejection.HttpContext;
        var services = context.RequestServices;
        if (services.GetRequiredService<ClientBudgets>().PolicyOf(context) is { } policy)
        {
            services.GetRequiredService<EventTrackerMetrics>().RateLimitRejected(policy);
        }

        var retryAfter = rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.WriteProblemAsync(
            StatusCodes.Status429TooManyRequests,
            "Too many requests.",
            $"This client's budget for this kind of request is spent; retry after {seconds} seconds.");
    }
}

/// <summary>
/// The rate limiter's partitions (one budget per kind of request and client) and the charge for a read's time: a
/// read that ran for <see cref="RateBudget.CostUnitMilliseconds"/> × N draws N more permits from its client's budget
/// after it is answered (as many as are left, when fewer are).
/// </summary>
public sealed class ClientBudgets
{
    private readonly RateLimitOptions _options;

    public ClientBudgets(RateLimitOptions options)
    {
        _options = options;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (BudgetOf(context) is not var (name, budget))
            {
                return RateLimitPartition.GetNoLimiter("unlimited");
            }

            return RateLimitPartition.GetFixedWindowLimiter($"{name}|{RateLimiting.ClientOf(context)}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = budget.PermitLimit,
                Window = TimeSpan.FromSeconds(budget.WindowSeconds),
                QueueLimit = 0,
            });
        });
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>Draws from the client's budget for the time the request took beyond its first permit.</summary>
    public void ChargeForTime(HttpContext context, TimeSpan elapsed)
    {
        if (BudgetOf(context) is not var (_, budget) || budget.CostUnitMilliseconds <= 0 ||
            context.GetEndpoint()?.Metadata.GetMetadata<WaitsWithoutCostMetadata>() is not null)
        {
            return;
        }

        var extra = (int)Math.Min(budget.PermitLimit, elapsed.TotalMilliseconds / budget.CostUnitMilliseconds);
        var available = Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0;
        var charge = (int)Math.Min(extra, available);
        if (charge > 0)
        {
            Limiter.AttemptAcquire(context, charge).Dispose();
        }
    }

    /// <summary>The budget a request draws on: reads, writes or bulk; null when it is not limited.</summary>
    public string? PolicyOf(HttpContext context) => BudgetOf(context)?.Name;

    private (string Name, RateBudget Budget)? BudgetOf(HttpContext context)
    {
        if (!_options.Enabled || context.Request.Path.StartsWithSegments("/health"))
        {
            return null;
        }

        var metadata = context.GetEndpoint()?.Metadata;
        return metadata?.GetMetadata<BulkOperationMetadata>() is not null
            ? ("bulk", _options.Bulk)
            : HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || metadata?.GetMetadata<CountsAsReadMetadata>() is not null
                ? ("reads", _options.Reads)
                : ("writes", _options.Writes);
    }
}

/// <summary>Times each request and has <see cref="ClientBudgets"/> charge its client for it.</summary>
public sealed class RequestCostMiddleware(RequestDelegate next, ClientBudgets budgets)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            budgets.ChargeForTime(context, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }
}
