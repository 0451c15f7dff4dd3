namespace EventTracker.Api.Errors;

/// <summary>Keys of the <c>errors</c> map are JSON paths relative to the body: <c>participants[1].organizationId</c>.</summary>
public static class JsonPaths
{
    /// <summary>Converts System.Text.Json's <c>$.participants[1].role</c> to <c>participants[1].role</c>.</summary>
    public static string FromJsonPath(string path)
    {
        if (path == "$")
        {
            return "$";
        }

        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return trimmed.Length == 0 ? "$" : trimmed;
    }

    /// <summary>Converts FluentValidation's <c>Participants[1].OrganizationId</c> to camelCase segments.</summary>
    public static string FromPropertyPath(string propertyPath)
    {
        if (string.IsNullOrEmpty(propertyPath))
        {
            return "$";
        }

        var chars = propertyPath.ToCharArray();
        var atSegmentStart = true;
        for (var i = 0; i < chars.Length; i++)
        {
            if (atSegmentStart && char.IsUpper(chars[i]))
            {
                chars[i] = char.ToLowerInvariant(chars[i]);
            }

            atSegmentStart = chars[i] == '.';
        }

        return new string(chars);
    }
}
