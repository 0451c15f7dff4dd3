using System.Security.Claims;
using System.Text.Encodings.Web;
using EventTracker.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Auth;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header. No header means anonymous (reads are open); an unknown
/// key fails. Challenges answer 401 and forbidden answers 403, both as problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var match = values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? keys.Find(values[0]!) : null;
        if (match is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name) };
        claims.AddRange(Roles.Including(key.Role).Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return Context.WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            "An API key is required.",
            $"Send a valid key in the {HeaderName} header; writes need the editor or admin role.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        return Context.WriteProblemAsync(
            StatusCodes.Status403Forbidden, "The API key's role may not do this.", "This operation needs a key with a higher role.");
    }
}
