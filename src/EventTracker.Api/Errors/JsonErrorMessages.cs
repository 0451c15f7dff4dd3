using System.Text.Json;

namespace EventTracker.Api.Errors;

/// <summary>Client-facing wording for System.Text.Json failures: what is wrong, without internals.</summary>
public static class JsonErrorMessages
{
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "This field is not part of the request; check its spelling against the API document.";
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return "The value has the wrong JSON type or is not one of the allowed values.";
        }

        if (message.Contains("cannot be null", StringComparison.Ordinal) ||
            message.Contains("does not allow null", StringComparison.Ordinal))
        {
            return "The value must not be null.";
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return "The JSON is nested too deeply.";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return "A required field is missing.";
        }

        return "The body is not well-formed JSON.";
    }
}
