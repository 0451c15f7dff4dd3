using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventTracker.Api.OpenApi;

/// <summary>
/// The HTTP parts of the contract a generated client must see: <c>If-None-Match</c> and the <c>ETag</c> it
/// answers with where a read can answer 304; <c>If-Match</c> where a write can answer 412; <c>Location</c>
/// on 201; <c>Retry-After</c> on 429.
/// </summary>
public sealed class ConditionalRequestsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var responses = operation.Responses ?? [];
        if (responses.ContainsKey("304"))
        {
            AddHeaderParameter(operation, "If-None-Match", "An ETag from an earlier answer: 304 (no body) while the answer would be the same.");
            AddHeader(responses, "200", "ETag", "Identifies this answer; send it back in If-None-Match.");
        }

        if (responses.ContainsKey("412"))
        {
            AddHeaderParameter(operation, "If-Match", "The ETag of the version you read: the write is refused (412) if the record has changed since.");
            AddHeader(responses, "200", "ETag", "The ETag of the version now stored.");
        }

        AddHeader(responses, "201", "Location", "The URL of the record created.");
        AddHeader(responses, "201", "ETag", "The ETag of the record created; send it in If-Match to change it.");
        AddHeader(responses, "429", "Retry-After", "Seconds to wait before the next request.", JsonSchemaType.Integer);
        foreach (var header in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ResponseHeader>())
        {
            AddHeader(responses, header.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), header.Name, header.Description);
        }
    }

    private static void AddHeaderParameter(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.All(parameter => parameter.Name != name))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Required = false,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    private static void AddHeader(OpenApiResponses responses, string status, string name, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        if (responses.TryGetValue(status, out var found) && found is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
        }
    }
}

/// <summary>Tags in the order a researcher needs them, each with what it holds; the server a client calls by default.</summary>
public sealed class DocumentOrderFilter : IDocumentFilter
{
    public const string DefaultServer = "http://localhost:5000";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Timeline", "Events in date order with every filter (who, counterpart, type, status, country, dates, text), and their counts per day, week, month or year."),
        ("Events", "Expulsions, staff caps, withdrawn accreditations, announced and implemented retaliation: each with participants, numbers, quotes and sources."),
        ("Chains", "Tit-for-tat chains: every event linked to one through its relations, with the lag of each response."),
        ("Analyses", "What no event data set answers: a pair's reciprocity ledger, a mission's staffing over time, coordinated waves."),
        ("Export", "Everything the timeline filters match, streamed as CSV or NDJSON."),
        ("Changes", "Every create, update and delete in commit order, to keep a local copy in sync (long poll with wait)."),
        ("Organizations", "States, alliances, ministries, missions and other organizations, with their hierarchy."),
        ("Actors", "The people who act and speak: spokespeople, ministers, secretaries general, with their roles over time."),
        ("Sources", "The articles and documents that report events."),
        ("Event types", "The event taxonomy, mapped to CAMEO and PLOVER."),
        ("Drafts", "From a news article to records: a reviewable first pass of its source, events, sides, numbers and quotes, then one commit (editor)."),
        ("Import", "Bulk loading of NDJSON records (admin)."),
        ("Health", "Liveness and readiness, for operators and load balancers."),
    ];

    /// <summary>Operations by their tag's place above, then path, then reads before writes.</summary>
    public static string SortKey(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description)
    {
        var tag = description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>()
            .SelectMany(metadata => metadata.Tags).FirstOrDefault();
        var place = Array.FindIndex(Tags, known => known.Name == tag);
        var method = Array.IndexOf(MethodOrder, description.HttpMethod?.ToUpperInvariant());
        return FormattableString.Invariant($"{(place < 0 ? Tags.Length : place):00}|{description.RelativePath}|{method}");
    }

    private static readonly string?[] MethodOrder = ["GET", "POST", "PUT", "DELETE"];

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        swaggerDoc.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
        swaggerDoc.Servers = [new OpenApiServer { Url = DefaultServer, Description = "The service as `dotnet run` starts it; set your client's base URL to your own deployment." }];
    }
}

/// <summary>A header an endpoint answers with, for its OpenAPI description (<c>.WithMetadata(new ResponseHeader(...))</c>).</summary>
public sealed record ResponseHeader(int Status, string Name, string Description);
