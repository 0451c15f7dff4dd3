using EventTracker.Api.History;

namespace EventTracker.Api.OpenApi;

/// <summary>Schema names: a resource's history is <c>OrganizationHistory</c> of <c>OrganizationRevision</c>s; others as Swashbuckle names them.</summary>
public static class SchemaIds
{
    public static string For(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(HistoryResponse<>))
        {
            return Resource(type.GetGenericArguments()[0]) + "History";
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(RevisionResponse<>))
        {
            return Resource(type.GetGenericArguments()[0]) + "Revision";
        }

        // Swashbuckle's default: generic arguments' names before the type's own (Page<EventResponse> is EventResponsePage).
        return type.IsGenericType
            ? string.Concat(type.GetGenericArguments().Select(For)) + type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]
            : type.Name;
    }

    private static string Resource(Type response) =>
        response.Name.EndsWith("Response", StringComparison.Ordinal) ? response.Name[..^"Response".Length] : response.Name;
}
