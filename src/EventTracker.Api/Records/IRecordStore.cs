using EventTracker.Api.Storage;
using EventTracker.Api.Values;

namespace EventTracker.Api.Records;

/// <summary>
/// What every resource's store does: reads that stop when their request is abandoned, and writes inside
/// the caller's unit of work. Ids are assigned by the store. Each feature extends it with what only it needs.
/// </summary>
public interface IRecordStore<TRequest, TResponse> where TResponse : class, IVersionedRecord
{
    /// <summary>One page in id order after <paramref name="afterId"/>, only records matching <paramref name="search"/> if given.</summary>
    Task<IReadOnlyList<TResponse>> ListAsync(SearchText? search, long afterId, int take, CancellationToken cancellationToken);

    /// <summary>The live record, as GET returns it.</summary>
    Task<TResponse?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>The live record as the unit of work sees it.</summary>
    Task<TResponse?> FindAsync(IUnitOfWork work, long id);

    /// <summary>The live records among <paramref name="ids"/>, as GET returns them, in a fixed number of queries.</summary>
    Task<IReadOnlyList<TResponse>> FindManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>The live records among <paramref name="ids"/> as the unit of work sees them, in a fixed number of queries.</summary>
    Task<IReadOnlyList<TResponse>> FindManyAsync(IUnitOfWork work, IReadOnlyList<long> ids);

    /// <summary>Stores a new record with bulk import's external id for it (null from the API); answers its id.</summary>
    Task<long> InsertAsync(IUnitOfWork work, TRequest request, string? externalId);

    Task UpdateAsync(IUnitOfWork work, long id, TRequest request);

    Task SoftDeleteAsync(IUnitOfWork work, long id);
}

/// <summary>A record to be stored under an id the store reserved, with bulk import's external id for it.</summary>
public sealed record NewRecord<TRequest>(long Id, string? ExternalId, TRequest Request);

/// <summary>A store that writes many new records in one call (bulk import).</summary>
public interface IBulkRecordStore<TRequest, TResponse> : IRecordStore<TRequest, TResponse> where TResponse : class, IVersionedRecord
{
    /// <summary>An id for a record that <see cref="InsertManyAsync"/> will write in the same unit of work.</summary>
    Task<long> ReserveIdAsync(IUnitOfWork work);

    Task InsertManyAsync(IUnitOfWork work, IReadOnlyList<NewRecord<TRequest>> records);

    /// <summary>
    /// What GET returns for records <see cref="InsertManyAsync"/> just wrote, made from their requests
    /// (only the names they refer to are read): their history snapshots.
    /// </summary>
    Task<IReadOnlyList<TResponse>> SnapshotsOfNewAsync(IUnitOfWork work, IReadOnlyList<NewRecord<TRequest>> records);
}
