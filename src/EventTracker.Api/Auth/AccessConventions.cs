using EventTracker.Api.Errors;

namespace EventTracker.Api.Auth;

public static class AccessConventions
{
    /// <summary>Requires an editor (or admin) key and documents the 401 and 403 it may answer.</summary>
    public static TBuilder RequireEditor<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRole(Roles.EditorPolicy);

    /// <summary>Requires an admin key and documents the 401 and 403 it may answer.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRole(Roles.AdminPolicy);

    private static TBuilder RequireRole<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(policy);
        builder.Add(endpoint =>
        {
            endpoint.Metadata.Add(Problems.Documented(StatusCodes.Status401Unauthorized));
            endpoint.Metadata.Add(Problems.Documented(StatusCodes.Status403Forbidden));
        });
        return builder;
    }
}
