using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EventTracker.Api.Paging;

/// <summary>
/// Opaque keyset cursors: the sort key of the last item served, plus a fingerprint of the query it
/// belongs to, base64url-encoded with a checksum keyed by the database's secret (HMAC-SHA256). A cursor
/// that was edited, truncated, recomputed without the secret or made for other filters does not decode,
/// and the caller answers 400; every process on the same database accepts the cursors the others issued.
/// </summary>
public sealed class CursorCodec(ICursorKeyStore keys)
{
    private const int ChecksumBytes = 8;
    private const int MaxCursorLength = 2048;

    // Read at the first cursor, after start-up's migrations made the secret.
    private readonly Lazy<byte[]> _key = new(keys.ReadKey, LazyThreadSafetyMode.ExecutionAndPublication);

    public string Encode(IReadOnlyList<string> position, string queryFingerprint)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new CursorPayload(position, queryFingerprint), CursorJson.Default.CursorPayload);
        return Base64Url.EncodeToString([.. payload, .. Checksum(payload)]);
    }

    /// <summary>Returns the position, or null when the cursor is not one this query issued.</summary>
    public IReadOnlyList<string>? Decode(string cursor, string queryFingerprint)
    {
        if (cursor.Length > MaxCursorLength)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length <= ChecksumBytes)
        {
            return null;
        }

        var payload = bytes.AsSpan(0, bytes.Length - ChecksumBytes);
        if (!CryptographicOperations.FixedTimeEquals(Checksum(payload), bytes.AsSpan(bytes.Length - ChecksumBytes)))
        {
            return null;
        }

        try
        {
            var decoded = JsonSerializer.Deserialize(payload, CursorJson.Default.CursorPayload);
            return decoded is not null && decoded.Q == queryFingerprint && decoded.P is { Count: > 0 } ? decoded.P : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private byte[] Checksum(ReadOnlySpan<byte> payload) => HMACSHA256.HashData(_key.Value, payload)[..ChecksumBytes];
}

/// <summary>The secret that keys cursor checksums, kept in the database so that every instance shares it.</summary>
public interface ICursorKeyStore
{
    byte[] ReadKey();
}

public static class Cursor
{
    /// <summary>A short stable fingerprint of the filters a cursor is valid for.</summary>
    public static string Fingerprint(params object?[] filters) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', filters.Select(f => f switch
        {
            null => "",
            System.Collections.IEnumerable list and not string => string.Join('\u001e', list.Cast<object?>()),
            _ => Convert.ToString(f, System.Globalization.CultureInfo.InvariantCulture),
        }))))).AsSpan(0, 16).ToString();
}

internal sealed record CursorPayload(IReadOnlyList<string> P, string Q);

[System.Text.Json.Serialization.JsonSerializable(typeof(CursorPayload))]
internal sealed partial class CursorJson : System.Text.Json.Serialization.JsonSerializerContext;
