using System.Globalization;

namespace EventTracker.Api.Values;

/// <summary>How much of a date is known.</summary>
public enum DatePrecision
{
    Day,
    Month,
    Year,
}

/// <summary>
/// An ISO 8601 calendar date that may be partial: <c>2021</c>, <c>2021-10</c> or <c>2021-10-06</c>.
/// It denotes the span from its first to its last possible day.
/// </summary>
public readonly record struct PartialDate(string Text, DatePrecision Precision, DateOnly First, DateOnly Last)
{
    /// <summary>
    /// The years the service accepts. Every date in them can be served by every endpoint: the date arithmetic the
    /// reads do (a span's possible start a year before a range, histogram buckets, lags) stays centuries away from
    /// the calendar's ends, where it would overflow. Older or later years are a 400 at the door.
    /// </summary>
    public const int MinYear = 1000;

    /// <inheritdoc cref="MinYear"/>
    public const int MaxYear = 2999;

    public const string FormatDescription = "an ISO 8601 date from year 1000 to 2999: YYYY, YYYY-MM or YYYY-MM-DD";

    /// <summary>Parses a date the API accepts: well formed and within <see cref="MinYear"/>..<see cref="MaxYear"/>.</summary>
    public static bool TryParse(string? text, out PartialDate date) =>
        TryParseAnyYear(text, out date) && IsInAcceptedYears(date.First.Year);

    public static bool IsInAcceptedYears(int year) => year is >= MinYear and <= MaxYear;

    /// <summary>Parses any well-formed date; for dates already stored, which may predate the accepted range.</summary>
    private static bool TryParseAnyYear(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var invariant = CultureInfo.InvariantCulture;
        switch (text.Length)
        {
            case 4 when int.TryParse(text, NumberStyles.None, invariant, out var year) && year >= 1:
                date = new PartialDate(text, DatePrecision.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
                return true;
            case 7 when DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", invariant, DateTimeStyles.None, out var month):
                date = new PartialDate(text, DatePrecision.Month, month, new DateOnly(month.Year, month.Month, DateTime.DaysInMonth(month.Year, month.Month)));
                return true;
            case 10 when DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var day):
                date = new PartialDate(text, DatePrecision.Day, day, day);
                return true;
            default:
                return false;
        }
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>Parses a date that was validated or stored before (any well-formed year).</summary>
    public static PartialDate Parse(string text) =>
        TryParseAnyYear(text, out var date) ? date : throw new FormatException($"'{text}' is not {FormatDescription}.");

    /// <summary>A partial date or a full ISO 8601 timestamp with an offset (for <c>publishedAt</c>), in the accepted years.</summary>
    public static bool IsDateOrTimestamp(string? text) =>
        IsValid(text) ||
        (text is { Length: > 10 } && text[10] == 'T' &&
         DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var timestamp) &&
         IsInAcceptedYears(timestamp.Year) && IsInAcceptedYears(timestamp.UtcDateTime.Year));

    public string FirstText => First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string LastText => Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
