using System.Data;
using Dapper;
using EventTracker.Api.Actors;
using EventTracker.Api.Organizations;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>The SQL of the actors feature.</summary>
internal sealed class ActorStore(IRelationalDialect dialect)
    : RecordTableStore<ActorStore.ActorRow, ActorResponse>(dialect, FullTextTable.Actors, SelectSql, "actors"), IActorStore
{
    private const string SelectSql = """
        SELECT id, name, aliases, wikidata_id, version, created_at, updated_at
        FROM actors
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

    private const string ReferencingEventsSql = """
        SELECT e.id FROM events e
        WHERE e.deleted_at IS NULL AND (
            e.id IN (SELECT event_id FROM event_participants WHERE actor_id = @Id)
            OR e.id IN (SELECT event_id FROM event_citations WHERE speaker_actor_id = @Id))
        ORDER BY e.id
        LIMIT 100
        """;

    public async Task<long> InsertAsync(IUnitOfWork work, ActorRequest request, string? externalId)
    {
        var (connection, transaction) = Dialect.ConnectionOf(work);
        var id = await connection.ExecuteScalarAsync<long>(InsertSql, Parameters(request, 0, work.Now, externalId), transaction);
        await WriteChildrenAsync(connection, transaction, id, request);
        return id;
    }

    public async Task UpdateAsync(IUnitOfWork work, long id, ActorRequest request)
    {
        var (connection, transaction) = Dialect.ConnectionOf(work);
        await DocumentForgets.UpdateShownRecordAsync(connection, transaction, UpdateSql, Parameters(request, id, work.Now));
        await connection.ExecuteAsync(DeleteAffiliationsSql, new { Id = id }, transaction);
        await WriteChildrenAsync(connection, transaction, id, request);
    }

    public Task<IReadOnlyList<long>> ReferencingEventsAsync(IUnitOfWork work, long id) => Dialect.IdsAsync(work, ReferencingEventsSql, id);

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

        await Search.IndexAsync(connection, transaction, id, string.Join(" \n ", new[] { request.Name! }.Concat(request.Aliases ?? [])));
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

    protected override async Task<IReadOnlyList<ActorResponse>> CompleteAsync(
        IDbConnection connection, IReadOnlyList<ActorRow> rows, IDbTransaction? transaction)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var affiliations = (await connection.QueryAsync<AffiliationRow>(AffiliationsSql, new { Ids = Dialect.IdsParameter(rows.Select(r => r.Id).ToArray()) }, transaction))
            .ToLookup(a => a.ActorId, a => new AffiliationResponse(
                new OrganizationSummary(a.OrganizationId, a.OrganizationName, EnumText.Parse<OrganizationKind>(a.OrganizationKind), a.OrganizationCountryCode),
                a.Title, a.FromDate, a.ToDate));
        return rows.Select(row => new ActorResponse(
                row.Id, row.Name, JsonArrays.Read(row.Aliases), row.WikidataId, affiliations[row.Id].ToList(),
                row.Version, Timestamps.Parse(row.CreatedAt), Timestamps.Parse(row.UpdatedAt)))
            .ToList();
    }

    internal sealed record ActorRow(long Id, string Name, string Aliases, string? WikidataId, long Version, string CreatedAt, string UpdatedAt);

    private sealed record AffiliationRow(
        long ActorId, long OrganizationId, string OrganizationName, string OrganizationKind, string? OrganizationCountryCode,
        string? Title, string? FromDate, string? ToDate);
}
