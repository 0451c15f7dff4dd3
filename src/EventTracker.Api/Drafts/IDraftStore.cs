namespace EventTracker.Api.Drafts;

/// <summary>A stored event that a drafted one may be, or may answer: its participants (organization or actor, role as stored) and whether it cites the article's source.</summary>
public sealed record StoredEventCandidate(long Id, string Type, string Title, string Date,
    IReadOnlyList<(long? OrganizationId, long? ActorId, string Role)> Participants, bool CitesSource);

/// <summary>Which stored events to read as candidates (see <see cref="IDraftStore.CandidatesAsync"/>).</summary>
public sealed record DraftCandidateQuery(
    IReadOnlyCollection<long> InitiatorIds, IReadOnlyCollection<string> Types, string NearFrom, string To,
    IReadOnlyCollection<long> AnsweredIds, IReadOnlyCollection<string> Measures, string AnsweredFrom, long? SourceId);

/// <summary>What drafting reads from the store per article (the gazetteer is read once per data version).</summary>
public interface IDraftStore
{
    /// <summary>The live source with this normalised URL, if any.</summary>
    Task<long?> SourceIdAsync(string normalizedUrl, CancellationToken cancellationToken);

    /// <summary>
    /// Live events that a drafted one may be (one of <c>InitiatorIds</c> takes part, of one of <c>Types</c>, dated from
    /// <c>NearFrom</c> to <c>To</c>), or may answer (one of <c>AnsweredIds</c> takes part, one of <c>Measures</c>, from
    /// <c>AnsweredFrom</c>), and every live event citing <c>SourceId</c>; days as YYYY-MM-DD.
    /// </summary>
    Task<IReadOnlyList<StoredEventCandidate>> CandidatesAsync(DraftCandidateQuery query, CancellationToken cancellationToken);
}
