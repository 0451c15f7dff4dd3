using Microsoft.Extensions.Options;

namespace EventTracker.Api.Auth;

/// <summary>Refuses to start with a key that could never match or has no known role.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var entry = options.ApiKeys[i];
            var where = $"Auth:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                failures.Add($"{where}:Name is required.");
            }

            if (!Roles.IsKnown(entry.Role))
            {
                failures.Add($"{where}:Role must be reader, editor or admin.");
            }

            var hasKey = !string.IsNullOrEmpty(entry.Key);
            var hasDigest = !string.IsNullOrEmpty(entry.KeySha256);
            if (hasKey == hasDigest)
            {
                failures.Add($"{where} needs exactly one of Key and KeySha256.");
            }
            else if (hasKey && entry.Key!.Length < 16)
            {
                failures.Add($"{where}:Key must be at least 16 characters.");
            }
            else if (hasDigest && (entry.KeySha256!.Length != 64 || !entry.KeySha256.All(Uri.IsHexDigit)))
            {
                failures.Add($"{where}:KeySha256 must be 64 hexadecimal characters.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
