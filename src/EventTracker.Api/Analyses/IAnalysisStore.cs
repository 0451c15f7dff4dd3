using EventTracker.Api.Events;
namespace EventTracker.Api.Analyses;

/// <summary>What the analyses ask of the store beyond whole events (those come from the event store and the timeline's read).</summary>
public interface IAnalysisStore
{
    /// <summary>
    /// What the ledger needs of the live events among <paramref name="ids"/> — type, title, date, participating organizations
    /// with their roles, quantities, relations — without the rest of each event (names, citations, tags).
    /// </summary>
    Task<IReadOnlyList<EventFacts>> FactsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>The live events with a <c>responds_to</c> relation to any of <paramref name="targets"/>.</summary>
    Task<IReadOnlyList<long>> RespondersAsync(IReadOnlyCollection<long> targets, CancellationToken cancellationToken);

    /// <summary>The live events that are <c>part_of</c> <paramref name="wave"/>, in date order.</summary>
    Task<IReadOnlyList<long>> MembersAsync(long wave, CancellationToken cancellationToken);

    /// <summary>Each of <paramref name="organizations"/> with its topmost ancestor (itself when it has no parent).</summary>
    Task<IReadOnlyDictionary<long, long>> RootsAsync(IReadOnlyCollection<long> organizations, CancellationToken cancellationToken);
}

/// <summary>An event as the ledger reads it: just the facts it counts and links.</summary>
public sealed record EventFacts(
    long Id, string Type, string Title, string Date,
    IReadOnlyList<(long OrganizationId, ParticipantRole Role)> Organizations,
    IReadOnlyList<(QuantityKind Kind, long Value)> Quantities,
    IReadOnlyList<(RelationType Type, long Target)> Relations);
