using System.IO.Pipelines;
using System.Security.Claims;
using EventTracker.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

using EventTracker.Api.Operations;

namespace EventTracker.Api.Import;

public static class ImportApi
{
    private static readonly string[] NdjsonMediaTypes = ["application/x-ndjson", "application/ndjson"];

    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddSingleton<ImportKinds>();
        services.AddSingleton<NdjsonImporter>();
        services.AddSingleton<DemoSeeder>();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        return services;
    }

    public static RouteGroupBuilder MapImport(this RouteGroupBuilder api, long maxBodyBytes)
    {
        api.MapPost("/import", ImportAsync)
            .WithTags("Import")
            .WithName("ImportNdjson")
            .WithSummary("Bulk-import organizations, actors, sources and events from NDJSON")
            .WithDescription(
                "One JSON record per line: `{\"kind\": \"organization\" | \"actor\" | \"source\" | \"event\", \"externalId\": \"...\", ...fields}`, " +
                "with the fields of the resource's POST body. An organization's own kind is written `organizationKind`. Records refer " +
                "to each other by id or by external id: `parentExternalId`, `affiliations[].organizationExternalId`, " +
                "`participants[].organizationExternalId` / `actorExternalId`, `citations[].sourceExternalId` / `speakerActorExternalId`, " +
                "`relations[].targetEventExternalId`; a record must come after those it refers to. A known externalId is updated only " +
                "if the line differs (with a revision), so repeating an import changes nothing. Each line is checked by the same " +
                "validators as the resource endpoints and stored whole or not at all; a bad line is reported with its number and " +
                "errors and never stops the others. The report's counts are exact; it lists the first 100 failed lines with their first " +
                "10 messages each (`failuresOmitted`, `errorsOmitted` count the rest) and stays under 1 MB whatever the file. " +
                "The body is streamed (up to 1 GiB by default). Needs the admin role.\n\n" +
                "Example lines:\n\n" +
                "    {\"kind\":\"organization\",\"externalId\":\"org:nato\",\"name\":\"NATO\",\"organizationKind\":\"alliance\"}\n" +
                "    {\"kind\":\"organization\",\"externalId\":\"org:russia\",\"name\":\"Russian Federation\",\"organizationKind\":\"state\",\"countryCode\":\"RU\"}\n" +
                "    {\"kind\":\"event\",\"externalId\":\"ev:2021-10-06\",\"type\":\"staff_cap\",\"title\":\"NATO halves Russia's mission\",\"date\":\"2021-10-06\",\"status\":\"in_effect\",\"participants\":[{\"organizationExternalId\":\"org:nato\",\"role\":\"initiator\"},{\"organizationExternalId\":\"org:russia\",\"role\":\"target\"}]}")
            .Accepts<string>("application/x-ndjson")
            .RequireAdmin()
            .WithMetadata(new RequestSizeLimitAttribute(maxBodyBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .IsBulkOperation()
            .DisableRequestTimeout();
        return api;
    }

    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal user, NdjsonImporter importer, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ||
            !NdjsonMediaTypes.Contains(mediaType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The request body has an unsupported content type.",
                detail: "Send the records as application/x-ndjson: one JSON object per line.");
        }

        // Read through the (size-limited) Body stream, not BodyReader, which a server may serve around it.
        var report = await importer.ImportAsync(PipeReader.Create(request.Body), user.KeyName(), cancellationToken);
        return TypedResults.Ok(report);
    }
}
