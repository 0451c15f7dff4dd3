using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EventTracker.Api.Errors;

/// <summary>
/// Answers 400 for a query parameter the endpoint does not take (<c>timeline?organisation=1</c> would otherwise
/// answer every event, as if unfiltered), naming it and the closest parameter the endpoint does take. The
/// parameters an endpoint takes are read from the same API descriptions the OpenAPI document is made from, so
/// what is refused here and what the document lists cannot drift apart.
/// </summary>
public sealed class UnknownQueryParametersMiddleware(RequestDelegate next, IApiDescriptionGroupCollectionProvider descriptions)
{
    private FrozenDictionary<MethodInfo, FrozenSet<string>>? _queryParameters;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.HasValue &&
            context.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>() is { } handler &&
            QueryParameters().TryGetValue(handler, out var known))
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var name in context.Request.Query.Keys)
            {
                if (!known.Contains(name) && errors.Count < 10)
                {
                    errors[name] = [Message(name, known)];
                }
            }

            if (errors.Count > 0)
            {
                await ValidationProblems.For(errors).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }

    private static string Message(string name, FrozenSet<string> known)
    {
        if (known.Count == 0)
        {
            return $"Unknown query parameter '{name}': this operation takes no query parameters.";
        }

        var closest = known.MinBy(candidate => EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant()))!;
        var suggestion = EditDistance(name.ToLowerInvariant(), closest.ToLowerInvariant()) <= Math.Max(2, closest.Length / 3)
            ? $" Did you mean '{closest}'?"
            : "";
        return $"Unknown query parameter '{name}'.{suggestion} This operation takes: {string.Join(", ", known.Order(StringComparer.Ordinal))}.";
    }

    // Built on the first request: the API descriptions exist only once every endpoint is mapped.
    private FrozenDictionary<MethodInfo, FrozenSet<string>> QueryParameters() => _queryParameters ??=
        descriptions.ApiDescriptionGroups.Items
            .SelectMany(group => group.Items)
            .Select(description => (
                Handler: description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault(),
                Names: description.ParameterDescriptions.Where(p => p.Source == BindingSource.Query).Select(p => p.Name)))
            .Where(entry => entry.Handler is not null)
            .GroupBy(entry => entry.Handler!)
            .ToFrozenDictionary(
                group => group.Key,
                group => group.SelectMany(entry => entry.Names).ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
