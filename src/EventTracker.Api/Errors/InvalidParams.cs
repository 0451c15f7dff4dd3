using System.Globalization;

namespace EventTracker.Api.Errors;

/// <summary>One thing wrong with a request, as RFC 9457's own example lists them.</summary>
/// <param name="Name">The JSON path of the field (<c>participants[1].organizationId</c>) or the query parameter's name.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record InvalidParam(string Name, string Reason);

/// <summary>
/// Every validation problem carries its <c>errors</c> map a second time as a list, <c>invalidParams</c>: the same
/// content in a shape every generated client can type (a map of arbitrary keys is a bag of untyped data to some,
/// e.g. Kiota's C# models). Both list at most <see cref="MaxListed"/> messages; <c>omittedErrors</c> counts the rest,
/// so that no request, however wrong, answers an unbounded error list (docs/architecture.md, operating limits).
/// </summary>
public static class InvalidParams
{
    public const string Member = "invalidParams";

    /// <summary>The extension member that counts the messages left out of <c>errors</c> and <c>invalidParams</c>.</summary>
    public const string OmittedMember = "omittedErrors";

    /// <summary>The most messages one answer lists.</summary>
    public const int MaxListed = 100;

    public static void AddTo(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is HttpValidationProblemDetails validation)
        {
            var omitted = ErrorMaps.KeepFirst(validation.Errors, MaxListed);
            validation.Extensions[Member] = validation.Errors
                .SelectMany(error => error.Value.Select(reason => new InvalidParam(error.Key, reason)))
                .ToList();
            validation.Extensions[OmittedMember] = omitted;
            if (omitted > 0)
            {
                var sentence = $"{MaxListed} errors are listed and {omitted.ToString(CultureInfo.InvariantCulture)} more are not " +
                    $"({OmittedMember}); correct these and send the request again to see the others.";
                validation.Detail = string.IsNullOrEmpty(validation.Detail) ? sentence : $"{validation.Detail} {sentence}";
            }
        }
    }
}

/// <summary>Bounds an error map (JSON path → messages) to its first messages, in order.</summary>
public static class ErrorMaps
{
    /// <summary>Keeps the first <paramref name="max"/> messages of <paramref name="errors"/> and drops the rest; returns how many were dropped.</summary>
    public static int KeepFirst(IDictionary<string, string[]> errors, int max)
    {
        var total = errors.Values.Sum(messages => messages.Length);
        if (total <= max)
        {
            return 0;
        }

        var kept = First(errors, max);
        errors.Clear();
        foreach (var (path, messages) in kept)
        {
            errors[path] = messages;
        }

        return total - max;
    }

    /// <summary>The first <paramref name="max"/> messages of <paramref name="errors"/>, in order, as a new map.</summary>
    public static Dictionary<string, string[]> First(IEnumerable<KeyValuePair<string, string[]>> errors, int max)
    {
        var kept = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var room = max;
        foreach (var (path, messages) in errors)
        {
            if (room == 0)
            {
                break;
            }

            var taken = messages.Length <= room ? messages : messages[..room];
            if (taken.Length > 0)
            {
                kept[path] = taken;
                room -= taken.Length;
            }
        }

        return kept;
    }
}
