using Dapper;
using EventTracker.Api.Analyses;
using EventTracker.Api.Events;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

public sealed class AnalysisStore(IRelationalDialect dialect) : IAnalysisStore
{
    private readonly string _respondersSql = $"""
        SELECT DISTINCT e.id
        FROM event_relations r JOIN events e ON e.id = r.event_id
        WHERE r.type = 'responds_to' AND r.target_event_id {dialect.IdsIn} AND e.deleted_at IS NULL
        ORDER BY e.id
        """;

    private const string MembersSql = """
        SELECT DISTINCT e.id, e.span_start
        FROM event_relations r JOIN events e ON e.id = r.event_id
        WHERE r.type = 'part_of' AND r.target_event_id = @Wave AND e.deleted_at IS NULL
        ORDER BY e.span_start, e.id
        """;

    private readonly string _rootsSql = $"""
        WITH RECURSIVE up (id, ancestor, parent) AS (
            SELECT o.id, o.id, o.parent_id FROM organizations o WHERE o.id {dialect.IdsIn}
            UNION ALL
            SELECT up.id, p.id, p.parent_id FROM up JOIN organizations p ON p.id = up.parent
        )
        SELECT id, ancestor FROM up WHERE parent IS NULL
        """;

    private readonly string _factEventsSql = $"SELECT id, type, title, date FROM events WHERE id {dialect.IdsIn} AND deleted_at IS NULL";

    private readonly string _factOrganizationsSql =
        $"SELECT event_id, organization_id, role FROM event_participants WHERE event_id {dialect.IdsIn} AND organization_id IS NOT NULL ORDER BY event_id, position";

    private readonly string _factQuantitiesSql = $"SELECT event_id, kind, value FROM event_quantities WHERE event_id {dialect.IdsIn} ORDER BY event_id, position";

    private readonly string _factRelationsSql = $"SELECT event_id, type, target_event_id FROM event_relations WHERE event_id {dialect.IdsIn} ORDER BY event_id, position";

    public async Task<IReadOnlyList<EventFacts>> FactsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var parameters = new { Ids = dialect.IdsParameter(ids) };
        CommandDefinition Command(string sql) => new(sql, parameters, cancellationToken: cancellationToken);
        var events = (await connection.QueryAsync<(long Id, string Type, string Title, string Date)>(Command(_factEventsSql))).ToList();
        var organizations = (await connection.QueryAsync<(long EventId, long OrganizationId, string Role)>(Command(_factOrganizationsSql)))
            .ToLookup(p => p.EventId, p => (p.OrganizationId, EnumText.Parse<ParticipantRole>(p.Role)));
        var quantities = (await connection.QueryAsync<(long EventId, string Kind, long Value)>(Command(_factQuantitiesSql)))
            .ToLookup(q => q.EventId, q => (EnumText.Parse<QuantityKind>(q.Kind), q.Value));
        var relations = (await connection.QueryAsync<(long EventId, string Type, long Target)>(Command(_factRelationsSql)))
            .ToLookup(r => r.EventId, r => (EnumText.Parse<RelationType>(r.Type), r.Target));
        return events.Select(e => new EventFacts(e.Id, e.Type, e.Title, e.Date,
            organizations[e.Id].ToList(), quantities[e.Id].ToList(), relations[e.Id].ToList())).ToList();
    }

    public async Task<IReadOnlyList<long>> RespondersAsync(IReadOnlyCollection<long> targets, CancellationToken cancellationToken)
    {
        if (targets.Count == 0)
        {
            return [];
        }

        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            _respondersSql, new { Ids = dialect.IdsParameter(targets) }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<long>> MembersAsync(long wave, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string SpanStart)>(new CommandDefinition(
            MembersSql, new { Wave = wave }, cancellationToken: cancellationToken));
        return rows.Select(row => row.Id).ToList();
    }

    public async Task<IReadOnlyDictionary<long, long>> RootsAsync(IReadOnlyCollection<long> organizations, CancellationToken cancellationToken)
    {
        if (organizations.Count == 0)
        {
            return new Dictionary<long, long>();
        }

        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, long Ancestor)>(new CommandDefinition(
            _rootsSql, new { Ids = dialect.IdsParameter(organizations) }, cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.Id, row => row.Ancestor);
    }
}
