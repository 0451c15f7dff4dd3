using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Auth;

/// <summary>API keys from configuration (<c>Auth:ApiKeys</c>), each with a role; reads need none.</summary>
public static class AuthSetup
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.EditorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Editor))
            .AddPolicy(Roles.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return services;
    }
}
