using EventTracker.Api.Auth;
using EventTracker.Api.Errors;
using Microsoft.OpenApi;

namespace EventTracker.Api.OpenApi;

public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    private const string Description = """
        EventTracker records diplomatic events — expulsions of diplomats, cuts to mission staff,
        withdrawn accreditations, announced and implemented retaliation — as structured data linked to
        the people who act and speak, the organizations involved and the articles that report them,
        and serves them as queryable timelines.

        **Reading** needs no key. **Writing** needs an API key in the `X-Api-Key` header
        (roles: reader < editor < admin). Lists are paged with an opaque `cursor`: pass the
        `nextCursor` of one page to get the next. Errors are RFC 9457 problem details; validation
        errors carry an `errors` map from the JSON path of each field to what is wrong with it.
        Dates may be partial: `2021`, `2021-10` or `2021-10-06`.
        """;

    public static IServiceCollection AddEventTrackerOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "EventTracker API",
                Version = "v1",
                Description = Description,
            });

            var xml = Path.Combine(AppContext.BaseDirectory, "EventTracker.Api.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }

            options.SupportNonNullableReferenceTypes();
            options.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key from the Auth:ApiKeys configuration. Writes need the editor role; import needs admin.",
            });
            options.UseAllOfToExtendReferenceSchemas();
            // The change feed's items are a union tagged by "kind" ([JsonPolymorphic] on Change): oneOf with a discriminator.
            options.UseOneOfForPolymorphism();
            options.SelectDiscriminatorNameUsing(type => type == typeof(Changes.Change) ? "kind" : null);
            options.OrderActionsBy(DocumentOrderFilter.SortKey);
            options.CustomSchemaIds(SchemaIds.For);
            options.OperationFilter<ApiKeySecurityOperationFilter>();
            options.OperationFilter<RequestExampleOperationFilter>();
            options.OperationFilter<ConditionalRequestsOperationFilter>();
            options.OperationFilter<ResponseExampleOperationFilter>();
            options.ParameterFilter<AllowedValuesParameterFilter>();
            options.SchemaFilter<ProblemDetailsSchemaFilter>();
            options.SchemaFilter<ResponseSchemaFilter>();
            options.SchemaFilter<RequestSchemaFilter>();
            options.DocumentFilter<DocumentOrderFilter>();
            options.DocumentFilter<TaggedUnionDocumentFilter>();
        });
        return services;
    }
}
