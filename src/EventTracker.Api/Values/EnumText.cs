using System.Collections.Frozen;
using System.Text.Json;

namespace EventTracker.Api.Values;

/// <summary>
/// Enum values as stored and as sent over JSON: snake_case (<c>diplomatic_mission</c>). Dapper cannot
/// map enums through type handlers, so rows read the text and convert here.
/// </summary>
public static class EnumText
{
    public static string ToText<TEnum>(TEnum value) where TEnum : struct, Enum => Names<TEnum>.ToText[value];

    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum =>
        Names<TEnum>.FromText.TryGetValue(text, out var value)
            ? value
            : throw new InvalidOperationException($"Unknown {typeof(TEnum).Name} '{text}' in the database.");

    public static IReadOnlyCollection<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.FromText.Keys;

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ToText =
            Enum.GetValues<TEnum>().ToFrozenDictionary(value => value, value => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()));

        public static readonly FrozenDictionary<string, TEnum> FromText =
            ToText.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }
}
