using EventTracker.Api.Common;
using EventTracker.Api.Storage;

namespace EventTracker.Api.Events;

public interface IEventStore : IBulkRecordStore<EventRequest, EventResponse>
{
    /// <summary>Up to 100 live events with a relation to this one.</summary>
    Task<IReadOnlyList<long>> InboundRelationsAsync(IUnitOfWork work, long id);
}
