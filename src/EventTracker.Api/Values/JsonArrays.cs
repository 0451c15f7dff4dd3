using System.Text.Json;

namespace EventTracker.Api.Values;

/// <summary>String lists stored as a JSON array in one TEXT column (aliases).</summary>
public static class JsonArrays
{
    public static string Write(IReadOnlyList<string>? values) => JsonSerializer.Serialize(values ?? []);

    public static IReadOnlyList<string> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
