using EventTracker.Api.Records;
using EventTracker.Api.Storage;

namespace EventTracker.Api.Events;

public interface IEventStore : IBulkRecordStore<EventRequest, EventResponse>
{
    /// <summary>The version of live event <paramref name="id"/> and its answer to GET as the API's UTF-8 JSON (its stored document), or null.</summary>
    Task<(long Version, byte[] Json)?> FindJsonAsync(long id, CancellationToken cancellationToken);

    /// <summary>Up to 100 live events with a relation to this one.</summary>
    Task<IReadOnlyList<long>> InboundRelationsAsync(IUnitOfWork work, long id);

    /// <summary>The dates (as entered: YYYY, YYYY-MM or YYYY-MM-DD) of the live events among <paramref name="ids"/>.</summary>
    Task<IReadOnlyDictionary<long, string>> DatesAsync(IUnitOfWork work, IReadOnlyCollection<long> ids);
}

/// <summary>The dates of the live events among <c>ids</c>, by id (events not found are left out).</summary>
public delegate Task<IReadOnlyDictionary<long, string>> EventDatesLookup(IUnitOfWork work, IReadOnlyCollection<long> ids);
