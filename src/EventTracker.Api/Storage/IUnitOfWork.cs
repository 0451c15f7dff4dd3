namespace EventTracker.Api.Storage;

/// <summary>
/// One write: everything done through it commits together or not at all. Features hand it to their
/// stores; only the provider knows what it holds (a connection and a transaction, for both providers yet).
/// </summary>
public interface IUnitOfWork : IAsyncDisposable
{
    /// <summary>The moment of the write (UTC, ISO 8601), stamped on every row and revision it writes.</summary>
    string Now { get; }

    /// <summary>The records this write changed: written to the change feed with the commit.</summary>
    ChangeLog Changes { get; }

    /// <summary>The events' stored documents this write leaves behind: written with the commit.</summary>
    EventDocumentWrites Documents { get; }

    /// <summary>Runs <paramref name="write"/> so that, if the store refuses it, only its own changes are undone and the work goes on.</summary>
    Task InSavepointAsync(Func<Task> write);

    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>Starts writes.</summary>
public interface IStorage
{
    /// <summary>A write that holds the store's write lock (SQLite) or a transaction (PostgreSQL) until committed or disposed.</summary>
    Task<IUnitOfWork> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>A long bulk write (import) made of many units of work, one after another, set up for throughput.</summary>
    Task<IBulkWriter> OpenBulkWriterAsync(CancellationToken cancellationToken);
}

/// <summary>Successive units of work of one bulk write.</summary>
public interface IBulkWriter : IAsyncDisposable
{
    Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>What a provider's exceptions mean, for the features that must tell them apart.</summary>
public interface IStoreFailures
{
    /// <summary>A statement was stopped because the request that ran it was abandoned.</summary>
    bool IsInterruption(Exception exception);

    /// <summary>The store refused a write (a constraint, a conflict): the data is as it was before the write.</summary>
    bool IsRefusedWrite(Exception exception);

    /// <summary>The store could not be reached or opened.</summary>
    bool IsUnavailable(Exception exception);
}

/// <summary>The schema: brought up to date at start, and asked about by the readiness check.</summary>
public interface IStoreSchema
{
    void Migrate();

    /// <summary>How many migrations the service ships, and whether every one is applied.</summary>
    Task<(int Shipped, bool UpToDate)> StateAsync(CancellationToken cancellationToken);
}

/// <summary>An online, consistent copy of the whole store (the <c>backup</c> command).</summary>
public interface IStoreBackup
{
    /// <summary>Writes the copy to <paramref name="target"/>; null when done, else why it could not be.</summary>
    Task<string?> BackupAsync(string target, CancellationToken cancellationToken);
}
