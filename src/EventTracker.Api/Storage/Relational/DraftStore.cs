using Dapper;
using EventTracker.Api.Drafts;

namespace EventTracker.Api.Storage.Relational;

/// <summary>The SQL of drafting: one lookup of the article's source, one read of the stored events a draft may match or answer.</summary>
public sealed class DraftStore(IRelationalDialect dialect) : IDraftStore
{
    private const string SourceSql = "SELECT id FROM sources WHERE normalized_url = @Url AND deleted_at IS NULL";

    // The events come from the participants' (organization, date) index; their participants from (event, position).
    private string CandidatesSql { get; } = $"""
        SELECT e.id AS Id, e.type AS Type, e.title AS Title, e.date AS Date,
               p.organization_id AS OrganizationId, p.actor_id AS ActorId, p.role AS Role,
               CASE WHEN EXISTS (SELECT 1 FROM event_citations c WHERE c.event_id = e.id AND c.source_id = @SourceId) THEN 1 ELSE 0 END AS CitesSource
        FROM events e
        JOIN event_participants p ON p.event_id = e.id
        WHERE e.deleted_at IS NULL AND e.id IN (
            SELECT ep.event_id FROM event_participants ep
            WHERE ep.organization_id {dialect.IdsIn} AND ep.event_span_start >= @NearFrom AND ep.event_span_start <= @To AND ep.event_deleted = 0
            UNION
            SELECT ep.event_id FROM event_participants ep
            WHERE ep.organization_id {dialect.IdsIn} AND ep.event_span_start >= @From AND ep.event_span_start < @NearFrom AND ep.event_deleted = 0
              AND ep.event_type {dialect.InList("Measures")}
            UNION
            SELECT c.event_id FROM event_citations c WHERE c.source_id = @SourceId)
        ORDER BY e.id, p.position
        """;

    public async Task<long?> SourceIdAsync(string normalizedUrl, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(SourceSql, new { Url = normalizedUrl }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StoredEventCandidate>> CandidatesAsync(
        IReadOnlyCollection<long> organizationIds, string fromDay, string nearFromDay, string toDay, IReadOnlyCollection<string> measureTypes, long? sourceId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var rows = await connection.QueryAsync<CandidateRow>(new CommandDefinition(CandidatesSql,
            new { Ids = dialect.IdsParameter(organizationIds), From = fromDay, NearFrom = nearFromDay, To = toDay, Measures = measureTypes.ToArray(), SourceId = sourceId ?? -1 },
            cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.Id).Select(g =>
        {
            var first = g.First();
            return new StoredEventCandidate(first.Id, first.Type, first.Title, first.Date,
                g.Select(r => (r.OrganizationId, r.ActorId, r.Role)).ToList(), first.CitesSource == 1);
        }).ToList();
    }

    private sealed class CandidateRow
    {
        public long Id { get; init; }
        public string Type { get; init; } = "";
        public string Title { get; init; } = "";
        public string Date { get; init; } = "";
        public long? OrganizationId { get; init; }
        public long? ActorId { get; init; }
        public string Role { get; init; } = "";
        public long CitesSource { get; init; }
    }
}
