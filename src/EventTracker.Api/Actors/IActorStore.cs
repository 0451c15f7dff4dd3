using EventTracker.Api.Records;
using EventTracker.Api.Storage;

namespace EventTracker.Api.Actors;

public interface IActorStore : IRecordStore<ActorRequest, ActorResponse>
{
    /// <summary>Up to 100 live events that name the actor as a participant or speaker.</summary>
    Task<IReadOnlyList<long>> ReferencingEventsAsync(IUnitOfWork work, long id);
}
