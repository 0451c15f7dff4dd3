using System.Globalization;

namespace EventTracker.Api.Common;

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
    public const string FormatDescription = "an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD";

    public static bool TryParse(string? text, out PartialDate date)
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
                date = new PartialDate(text, DatePrecision.Month, month, month.AddMonths(1).AddDays(-1));
                return true;
            case 10 when DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var day):
                date = new PartialDate(text, DatePrecision.Day, day, day);
                return true;
            default:
                return false;
        }
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    public static PartialDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not {FormatDescription}.");

    /// <summary>A partial date or a full ISO 8601 timestamp with an offset (for <c>publishedAt</c>).</summary>
    public static bool IsDateOrTimestamp(string? text) =>
        IsValid(text) ||
        (text is { Length: > 10 } && text[10] == 'T' &&
         DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _));

    public string FirstText => First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string LastText => Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
