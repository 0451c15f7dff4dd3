using EventTracker.Api.Records;
using EventTracker.Api.Storage;

namespace EventTracker.Api.Organizations;

public interface IOrganizationStore : IRecordStore<OrganizationRequest, OrganizationResponse>
{
    /// <summary>Whether <paramref name="id"/> is among the ancestors of <paramref name="parentId"/> (or is it).</summary>
    Task<bool> WouldCreateCycleAsync(IUnitOfWork work, long id, long parentId);

    /// <summary>Up to 100 live events in which the organization takes part.</summary>
    Task<IReadOnlyList<long>> ReferencingEventsAsync(IUnitOfWork work, long id);

    /// <summary>Up to 100 live organizations that belong to it directly.</summary>
    Task<IReadOnlyList<long>> LiveChildrenAsync(IUnitOfWork work, long id);
}
