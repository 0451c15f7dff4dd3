namespace EventTracker.Api.Drafts;

/// <summary>A stored event that a drafted one may be, or may answer: its participants (organization or actor, role as stored) and whether it cites the article's source.</summary>
public sealed record StoredEventCandidate(long Id, string Type, string Title, string Date,
    IReadOnlyList<(long? OrganizationId, long? ActorId, string Role)> Participants, bool CitesSource);

/// <summary>What drafting reads from the store per article (the gazetteer is read once per data version).</summary>
public interface IDraftStore
{
    /// <summary>The live source with this normalised URL, if any.</summary>
    Task<long?> SourceIdAsync(string normalizedUrl, CancellationToken cancellationToken);

    /// <summary>
    /// Live events in which one of <paramref name="organizationIds"/> takes part with a date starting between
    /// <paramref name="nearFromDay"/> and <paramref name="toDay"/> (YYYY-MM-DD), those of <paramref name="measureTypes"/> from
    /// <paramref name="fromDay"/> on (what a response may answer), and every live event citing <paramref name="sourceId"/>.
    /// </summary>
    Task<IReadOnlyList<StoredEventCandidate>> CandidatesAsync(IReadOnlyCollection<long> organizationIds, string fromDay, string nearFromDay, string toDay,
        IReadOnlyCollection<string> measureTypes, long? sourceId, CancellationToken cancellationToken);
}
