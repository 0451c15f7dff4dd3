using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventTracker.Api.Hosting;

public static class JsonSetup
{
    /// <summary>
    /// Strict JSON: unknown fields, numbers in strings, nulls for non-nullable fields, trailing commas,
    /// comments and integer enum values are all refused (400), never guessed at.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.RespectNullableAnnotations = true;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.MaxDepth = 32;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }
}
