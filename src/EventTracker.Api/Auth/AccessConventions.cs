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
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        });
        return builder;
    }
}
