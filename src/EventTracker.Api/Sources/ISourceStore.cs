using EventTracker.Api.Records;
using EventTracker.Api.Storage;

namespace EventTracker.Api.Sources;

public interface ISourceStore : IRecordStore<SourceRequest, SourceResponse>
{
    /// <summary>The id of another live source (not <paramref name="id"/>) with the same normalised URL, if any.</summary>
    Task<long?> FindDuplicateAsync(IUnitOfWork work, long? id, string normalizedUrl);

    /// <summary>Up to 100 live events that cite the source.</summary>
    Task<IReadOnlyList<long>> ReferencingEventsAsync(IUnitOfWork work, long id);
}
