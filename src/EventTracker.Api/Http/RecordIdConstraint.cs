using System.Globalization;

namespace EventTracker.Api.Http;

/// <summary>
/// <c>{id:recordId}</c>: a record id written canonically — digits only, no sign, no leading zero,
/// within a long. "/events/+5" or "/events/05" is not another name for event 5; it is no route (404).
/// </summary>
public sealed class RecordIdConstraint : IRouteConstraint
{
    public const string Name = "recordId";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) &&
        Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 and <= 19 } text &&
        text[0] is >= '1' and <= '9' &&
        text.All(char.IsAsciiDigit) &&
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
