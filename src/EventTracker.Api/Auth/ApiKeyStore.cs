using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Auth;

/// <summary>
/// Holds the configured keys as SHA-256 digests and finds the one a request presents. Every
/// configured digest is compared, in constant time, whatever matches first, so the time taken
/// tells nothing about which key or how much of it was right.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly IReadOnlyList<(string Name, string Role, byte[] Digest)> _keys;

    public ApiKeyStore(IOptions<AuthOptions> options) =>
        _keys = options.Value.ApiKeys
            .Select(entry => (entry.Name, entry.Role, DigestOf(entry)))
            .ToList();

    public (string Name, string Role)? Find(string presentedKey)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        (string Name, string Role)? match = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, key.Digest))
            {
                match = (key.Name, key.Role);
            }
        }

        return match;
    }

    private static byte[] DigestOf(ApiKeyEntry entry) =>
        entry.Key is { Length: > 0 } key
            ? SHA256.HashData(Encoding.UTF8.GetBytes(key))
            : Convert.FromHexString(entry.KeySha256!);
}
