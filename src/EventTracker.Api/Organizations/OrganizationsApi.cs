using EventTracker.Api.Common;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Organizations;

public static class OrganizationsApi
{
    internal static readonly ResourceDefinition<OrganizationRequest, OrganizationResponse> Definition = new()
    {
        EntityType = "organization",
        CollectionPath = "/api/v1/organizations",
        PluralName = "Organizations",
        List = OrganizationStore.ListAsync,
        Get = OrganizationStore.GetAsync,
        Insert = OrganizationStore.InsertAsync,
        Update = OrganizationStore.UpdateAsync,
        SoftDelete = OrganizationStore.SoftDeleteAsync,
        CheckWrite = CheckHierarchyAsync,
        CheckDelete = CheckUnusedAsync,
    };

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

        var routes = group.MapResource(Definition, "Organization");
        routes.List.WithDescription("States, alliances, ministries, missions and other organizations, in id order. `q` searches names and aliases in any script (`q=НАТО` finds NATO).");
        routes.Get.WithDescription("The organization with summaries of its parent and of the organizations that belong to it. Send `If-None-Match` with the ETag to get 304 when unchanged.");
        routes.Create.WithRequestExample(Example);
        routes.Update.WithRequestExample(Example);
        routes.Create.WithDescription(
            "Creates an organization. Example: the Permanent Mission of Russia to NATO, `kind` `diplomatic_mission`, `countryCode` `RU`, " +
            "`parentId` the Russian Ministry of Foreign Affairs. `parentId` must name a live organization; a state needs `countryCode`, an alliance has none.");
        routes.Update.WithDescription("Replaces the organization. Send `If-Match` with the ETag you read to refuse the write (412) if someone changed it since. A parent that would make a cycle is 400.");
        routes.Delete.WithDescription("Soft-deletes the organization: gone from lists, kept in history. 409 while a live event or a live sub-organization still refers to it.");
        return api;
    }

    private static async Task<ProblemHttpResult?> CheckHierarchyAsync(
        System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long? id, OrganizationRequest request)
    {
        if (id is null || request.ParentId is not { } parentId)
        {
            return null;
        }

        if (parentId == id || await OrganizationStore.WouldCreateCycleAsync(connection, transaction, id.Value, parentId))
        {
            return ValidationProblems.For("parentId", "An organization cannot be its own ancestor: this parent would make a cycle.");
        }

        return null;
    }

    private static async Task<ProblemHttpResult?> CheckUnusedAsync(
        System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long id)
    {
        var events = await OrganizationStore.ReferencingEventsAsync(connection, transaction, id);
        var children = await OrganizationStore.LiveChildrenAsync(connection, transaction, id);
        if (events.Count == 0 && children.Count == 0)
        {
            return null;
        }

        return Problems.Conflict(
            "The organization is still in use.",
            "Live events or sub-organizations refer to it; change or delete them first.",
            new Dictionary<string, object?> { ["referencingEventIds"] = events, ["childOrganizationIds"] = children });
    }
}
