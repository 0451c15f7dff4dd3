using System.Globalization;

namespace EventTracker.Api.Values;

public static class Timestamps
{
    /// <summary>UTC, fixed width, so that text order is time order.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Now(this TimeProvider clock) => Format(clock.GetUtcNow());

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
