using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EventTracker.Api.Common;

/// <summary>
/// Opaque keyset cursors: the sort key of the last item served, plus a fingerprint of the query it
/// belongs to, base64url-encoded with a checksum. A cursor that was edited, truncated or made for
/// other filters does not decode, and the caller answers 400.
/// </summary>
public static class Cursor
{
    private const int ChecksumBytes = 8;

    public static string Encode(IReadOnlyList<string> position, string queryFingerprint)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new CursorPayload(position, queryFingerprint), CursorJson.Default.CursorPayload);
        var checksum = SHA256.HashData(payload).AsSpan(0, ChecksumBytes);
        return Base64Url.EncodeToString([.. payload, .. checksum]);
    }

    /// <summary>Returns the position, or null when the cursor is not one this query issued.</summary>
    public static IReadOnlyList<string>? Decode(string cursor, string queryFingerprint)
    {
        if (cursor.Length > 2048)
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
        if (!SHA256.HashData(payload).AsSpan(0, ChecksumBytes).SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumBytes)))
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
