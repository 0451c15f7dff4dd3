namespace EventTracker.Tests.Infrastructure;

/// <summary>
/// Test classes that measure latency under a load they make themselves: they run after the parallel ones, alone, so
/// that other classes' work on the machine's cores does not enter their figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone : ICollectionFixture<ThreadPoolFloor>
{
    public const string Name = "Runs alone";
}

/// <summary>
/// The test host keeps two of the thread pool's threads blocked for the whole run (the xunit adapter waits on its
/// assemblies, the test platform polls its socket), and the pool counts them as busy. On two cores its hill climbing
/// can lower the number of threads it lets run to about that many: queued continuations then wait, with idle threads
/// parked, until starvation detection adds threads some 0.5–1 s later. One write's continuation waiting there holds
/// its transaction (and the kept counts' lock) open, so every writer's latency took that second. A server has no
/// such blocked threads; in the test host a floor above them keeps the measured latency the service's own.
/// </summary>
public sealed class ThreadPoolFloor
{
    private const int MinimumWorkerThreads = 16;

    public ThreadPoolFloor()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinimumWorkerThreads), completionPorts);
    }
}
