using System.Data;
using Dapper;
using EventTracker.Api.Actors;
using EventTracker.Api.Common;
using EventTracker.Api.Organizations;

namespace EventTracker.Api.Storage.Relational;

/// <summary>The SQL of the actors feature.</summary>
public sealed class ActorStore(IRelationalDialect dialect) : IActorStore
{
    private readonly IFullTextIndex _search = dialect.FullText(FullTextTable.Actors);

    private const string TableName = "actors";

    private const string SelectColumns = """
        SELECT id, name, aliases, wikidata_id, version, created_at, updated_at
        FROM actors
        """;

    private const string GetSql = SelectColumns + " WHERE id = @Id AND deleted_at IS NULL";

    private string GetForWriteSql { get; } = GetSql + " " + dialect.LockForWrite(TableName);

    private string FindManySql { get; } = SelectColumns + $" WHERE id {dialect.IdsIn} AND deleted_at IS NULL ORDER BY id";

    private const string ListSql = SelectColumns + """
         WHERE deleted_at IS NULL AND id > @After
        ORDER BY id
        LIMIT @Take
        """;

    private string SearchSql { get; } = SelectColumns + $"""
         WHERE deleted_at IS NULL AND id > @After
          AND {dialect.FullText(FullTextTable.Actors).Matches(TableName)}
        ORDER BY id
        LIMIT @Take
        """;

    private string AffiliationsSql { get; } = AffiliationsTemplate.Replace("{IDS}", dialect.IdsIn, StringComparison.Ordinal);

    private const string AffiliationsTemplate = """
        SELECT a.actor_id, a.organization_id, o.name AS organization_name, o.kind AS organization_kind,
               o.country_code AS organization_country_code, a.title, a.from_date, a.to_date
        FROM affiliations a JOIN organizations o ON o.id = a.organization_id
        WHERE a.actor_id {IDS}
        ORDER BY a.actor_id, a.position
        """;

    private const string InsertSql = """
        INSERT INTO actors (name, aliases, wikidata_id, version, created_at, updated_at, external_id)
        VALUES (@Name, @Aliases, @WikidataId, 1, @Now, @Now, @ExternalId)
        RETURNING id
        """;

    private const string UpdateSql = """
        UPDATE actors
        SET name = @Name, aliases = @Aliases, wikidata_id = @WikidataId, version = version + 1, updated_at = @Now
        WHERE id = @Id AND deleted_at IS NULL
        """;

    private const string DeleteAffiliationsSql = "DELETE FROM affiliations WHERE actor_id = @Id";

    private const string InsertAffiliationSql = """
        INSERT INTO affiliations (actor_id, position, organization_id, title, from_date, to_date)
        VALUES (@ActorId, @Position, @OrganizationId, @Title, @From, @To)
        """;

    private const string SoftDeleteSql = """
        UPDATE actors SET deleted_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id AND deleted_at IS NULL
        """;

    private const string ReferencingEventsSql = """
        SELECT e.id FROM events e
        WHERE e.deleted_at IS NULL AND (
            e.id IN (SELECT event_id FROM event_participants WHERE actor_id = @Id)
            OR e.id IN (SELECT event_id FROM event_citations WHERE speaker_actor_id = @Id))
        ORDER BY e.id
        LIMIT 100
        """;

    public async Task<ActorResponse?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await GetAsync(connection, GetSql, id, null);
    }

    public Task<ActorResponse?> FindAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        return GetAsync(connection, GetForWriteSql, id, transaction);
    }

    public async Task<IReadOnlyList<ActorResponse>> FindManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var rows = await connection.QueryAsync<ActorRow>(new CommandDefinition(
            FindManySql, new { Ids = dialect.IdsParameter(ids) }, cancellationToken: cancellationToken));
        return await WithAffiliationsAsync(connection, rows.ToList(), null);
    }

    public async Task<IReadOnlyList<ActorResponse>> FindManyAsync(IUnitOfWork work, IReadOnlyList<long> ids)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        var rows = await connection.QueryAsync<ActorRow>(FindManySql, new { Ids = dialect.IdsParameter(ids) }, transaction);
        return await WithAffiliationsAsync(connection, rows.ToList(), transaction);
    }

    public async Task<IReadOnlyList<ActorResponse>> ListAsync(SearchText? search, long afterId, int take, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var match = _search.Match(search);
        var rows = await connection.QueryAsync<ActorRow>(new CommandDefinition(
            match is null ? ListSql : SearchSql, new { After = afterId, Take = take, Match = match }, cancellationToken: cancellationToken));
        return await WithAffiliationsAsync(connection, rows.ToList(), null);
    }

    public async Task<long> InsertAsync(IUnitOfWork work, ActorRequest request, string? externalId)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        var id = await connection.ExecuteScalarAsync<long>(InsertSql, Parameters(request, 0, work.Now, externalId), transaction);
        await WriteChildrenAsync(connection, transaction, id, request);
        return id;
    }

    public async Task UpdateAsync(IUnitOfWork work, long id, ActorRequest request)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        await connection.ExecuteAsync(UpdateSql, Parameters(request, id, work.Now), transaction);
        await connection.ExecuteAsync(DeleteAffiliationsSql, new { Id = id }, transaction);
        await WriteChildrenAsync(connection, transaction, id, request);
    }

    public async Task SoftDeleteAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        await connection.ExecuteAsync(SoftDeleteSql, new { Id = id, work.Now }, transaction);
        await _search.ForgetAsync(connection, transaction, id);
    }

    public Task<IReadOnlyList<long>> ReferencingEventsAsync(IUnitOfWork work, long id) => dialect.IdsAsync(work, ReferencingEventsSql, id);

    private async Task<ActorResponse?> GetAsync(IDbConnection connection, string sql, long id, IDbTransaction? transaction)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ActorRow>(sql, new { Id = id }, transaction);
        return row is null ? null : (await WithAffiliationsAsync(connection, [row], transaction)).Single();
    }

    private async Task WriteChildrenAsync(IDbConnection connection, IDbTransaction transaction, long id, ActorRequest request)
    {
        var affiliations = (request.Affiliations ?? []).Select((a, position) => new
        {
            ActorId = id,
            Position = position,
            a.OrganizationId,
            a.Title,
            a.From,
            a.To,
        });
        await connection.ExecuteAsync(InsertAffiliationSql, affiliations, transaction);

        await _search.IndexAsync(connection, transaction, id, string.Join(" \n ", new[] { request.Name! }.Concat(request.Aliases ?? [])));
    }

    private static object Parameters(ActorRequest request, long id, string now, string? externalId = null) => new
    {
        Id = id,
        ExternalId = externalId,
        request.Name,
        Aliases = JsonArrays.Write(request.Aliases),
        request.WikidataId,
        Now = now,
    };

    private async Task<IReadOnlyList<ActorResponse>> WithAffiliationsAsync(
        IDbConnection connection, IReadOnlyList<ActorRow> rows, IDbTransaction? transaction)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var affiliations = (await connection.QueryAsync<AffiliationRow>(AffiliationsSql, new { Ids = dialect.IdsParameter(rows.Select(r => r.Id).ToArray()) }, transaction))
            .ToLookup(a => a.ActorId, a => new AffiliationResponse(
                new OrganizationSummary(a.OrganizationId, a.OrganizationName, EnumText.Parse<OrganizationKind>(a.OrganizationKind), a.OrganizationCountryCode),
                a.Title, a.FromDate, a.ToDate));
        return rows.Select(row => new ActorResponse(
                row.Id, row.Name, JsonArrays.Read(row.Aliases), row.WikidataId, affiliations[row.Id].ToList(),
                row.Version, Timestamps.Parse(row.CreatedAt), Timestamps.Parse(row.UpdatedAt)))
            .ToList();
    }

    private sealed record ActorRow(long Id, string Name, string Aliases, string? WikidataId, long Version, string CreatedAt, string UpdatedAt);

    private sealed record AffiliationRow(
        long ActorId, long OrganizationId, string OrganizationName, string OrganizationKind, string? OrganizationCountryCode,
        string? Title, string? FromDate, string? ToDate);
}
