using Dapper;
using EventTracker.Api.Analyses;

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
