using System.ComponentModel;
using EventTracker.Api.Auth;
using EventTracker.Api.Errors;
using EventTracker.Api.History;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Paging;
using EventTracker.Api.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Organizations;

public static class OrganizationsApi
{
    internal static readonly RecordResource Resource = new(RecordKind.Organization, "/api/v1/organizations");

    private static readonly object Example = new
    {
        name = "Permanent Mission of the Russian Federation to NATO",
        kind = "diplomatic_mission",
        countryCode = "RU",
        parentId = 3,
        aliases = new[] { "Russian Mission to NATO", "Постоянное представительство России при НАТО" },
        cameoCode = "RUSGOV",
    };

    public static RouteGroupBuilder MapOrganizations(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations").WithTags("Organizations");
        var edits = group.MapGroup("").RequireEditor();

        group.MapGet("/", ListAsync)
            .WithName("ListOrganizations")
            .WithSummary("List organizations")
            .WithDescription("States, alliances, ministries, missions and other organizations, in id order. `q` searches names and aliases in any script (`q=НАТО` finds NATO).");

        group.MapGet("/{id:recordId}", GetAsync)
            .WithName("GetOrganization")
            .WithSummary("Get one organization")
            .WithDescription("The organization with summaries of its parent and of the organizations that belong to it. Send `If-None-Match` with the ETag to get 304 when unchanged.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:recordId}/history", HistoryAsync)
            .WithHistoryDocs(Resource, "Organization");

        edits.MapPost("/", CreateAsync)
            .WithName("CreateOrganization")
            .WithSummary("Create an organization")
            .WithDescription(
                "Creates an organization. Example: the Permanent Mission of Russia to NATO, `kind` `diplomatic_mission`, `countryCode` `RU`, " +
                "`parentId` the Russian Ministry of Foreign Affairs. `parentId` must name a live organization; a state needs `countryCode`, an alliance has none.")
            .WithRequestExample(Example)
            .ProducesRecordProblems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        edits.MapPut("/{id:recordId}", UpdateAsync)
            .WithName("UpdateOrganization")
            .WithSummary("Replace an organization")
            .WithDescription("Replaces the organization. Send `If-Match` with the ETag you read to refuse the write (412) if someone changed it since. A parent that would make a cycle is 400.")
            .WithRequestExample(Example)
            .ProducesRecordProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        edits.MapDelete("/{id:recordId}", DeleteAsync)
            .WithName("DeleteOrganization")
            .WithSummary("Delete an organization")
            .WithDescription("Soft-deletes the organization: gone from lists, kept in history. 409 while a live event or a live sub-organization still refers to it.")
            .ProducesRecordProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
        return api;
    }

    private static Task<Results<Ok<Page<OrganizationResponse>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ListQuery query, CursorCodec cursors, IOrganizationStore store, CancellationToken cancellationToken) =>
        IdKeysetPaging.PageAsync(query, "Organizations", cursors, (search, after, take) => store.ListAsync(search, after, take, cancellationToken));

    private static Task<Results<Ok<OrganizationResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        [Description("The record's id.")] long id, HttpContext http, IOrganizationStore store, CancellationToken cancellationToken) =>
        RecordWrites.GetAsync(store, Resource, id, http, cancellationToken);

    private static Task<Results<Ok<HistoryResponse<OrganizationResponse>>, ProblemHttpResult>> HistoryAsync(
        [Description("The record's id.")] long id, HistoryReader history, CancellationToken cancellationToken) =>
        history.ListAsync<OrganizationResponse>(Resource.Kind, id, cancellationToken);

    private static Task<Results<Created<OrganizationResponse>, ProblemHttpResult>> CreateAsync(
        OrganizationRequest request, HttpContext http, IOrganizationStore store, RecordWrites writes, CancellationToken cancellationToken) =>
        writes.CreateAsync(store, Resource, request, http, HierarchyCheck(store), cancellationToken);

    private static Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> UpdateAsync(
        [Description("The record's id.")] long id, OrganizationRequest request, HttpContext http, IOrganizationStore store, RecordWrites writes,
        CancellationToken cancellationToken) =>
        writes.UpdateAsync(store, Resource, id, request, http, HierarchyCheck(store), cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [Description("The record's id.")] long id, HttpContext http, IOrganizationStore store, RecordWrites writes, CancellationToken cancellationToken) =>
        writes.DeleteAsync(store, Resource, id, http, UnusedCheck(store), cancellationToken);

    /// <summary>A parent must not make the organization its own ancestor.</summary>
    internal static WriteCheck<OrganizationRequest> HierarchyCheck(IOrganizationStore store) => async (work, id, request) =>
    {
        if (id is null || request.ParentId is not { } parentId)
        {
            return null;
        }

        if (parentId == id || await store.WouldCreateCycleAsync(work, id.Value, parentId))
        {
            return ValidationProblems.For("parentId", "An organization cannot be its own ancestor: this parent would make a cycle.");
        }

        return null;
    };

    private static DeleteCheck UnusedCheck(IOrganizationStore store) => async (work, id) =>
    {
        var events = await store.ReferencingEventsAsync(work, id);
        var children = await store.LiveChildrenAsync(work, id);
        if (events.Count == 0 && children.Count == 0)
        {
            return null;
        }

        return Problems.Conflict(
            "The organization is still in use.",
            "Live events or sub-organizations refer to it; change or delete them first.",
            new Dictionary<string, object?> { ["referencingEventIds"] = events, ["childOrganizationIds"] = children });
    };
}
