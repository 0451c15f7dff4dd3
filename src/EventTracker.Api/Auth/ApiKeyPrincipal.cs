using System.Security.Claims;

namespace EventTracker.Api.Auth;

public static class ApiKeyPrincipal
{
    /// <summary>The API key's name for history and audit; null for anonymous requests.</summary>
    public static string? KeyName(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.Identity.Name : null;
}
