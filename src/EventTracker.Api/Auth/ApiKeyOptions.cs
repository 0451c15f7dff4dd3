using System.ComponentModel.DataAnnotations;

namespace EventTracker.Api.Auth;

/// <summary>The <c>Auth</c> configuration section: the API keys allowed to write.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

/// <summary>One key: its name (logged and recorded in history), its value or SHA-256, its role.</summary>
public sealed class ApiKeyEntry
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary>The key itself. Prefer <see cref="KeySha256"/> outside local development.</summary>
    public string? Key { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public string? KeySha256 { get; set; }

    [Required]
    public string Role { get; set; } = "";
}
