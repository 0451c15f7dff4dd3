namespace EventTracker.Tests.Infrastructure;

/// <summary>
/// Test classes that measure latency under a load they make themselves: they run after the parallel ones, alone, so
/// that other classes' work on the machine's cores does not enter their figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
