using System.Data;
using Dapper;
using EventTracker.Api.Organizations;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>The SQL of the organizations feature, in the SQL both relational stores speak.</summary>
internal sealed class OrganizationStore(IRelationalDialect dialect)
    : RecordTableStore<OrganizationStore.OrganizationRow, OrganizationResponse>(dialect, FullTextTable.Organizations, SelectSql, "o"), IOrganizationStore
{
    private const string SelectSql = """
        SELECT o.id, o.name, o.kind, o.country_code, o.parent_id, o.aliases, o.wikidata_id, o.cameo_code,
               o.version, o.created_at, o.updated_at,
               p.name AS parent_name, p.kind AS parent_kind, p.country_code AS parent_country_code
        FROM organizations o
        LEFT JOIN organizations p ON p.id = o.parent_id AND p.deleted_at IS NULL
        """;

    private string ChildrenSql { get; } = $"""
        SELECT id, name, kind, country_code, parent_id
        FROM organizations
        WHERE parent_id {dialect.IdsIn} AND deleted_at IS NULL
        ORDER BY name, id
        """;

    private const string InsertSql = """
        INSERT INTO organizations (name, kind, country_code, parent_id, aliases, wikidata_id, cameo_code, version, created_at, updated_at, external_id)
        VALUES (@Name, @Kind, @CountryCode, @ParentId, @Aliases, @WikidataId, @CameoCode, 1, @Now, @Now, @ExternalId)
        RETURNING id
        """;

    private const string ParentSql = "SELECT parent_id FROM organizations WHERE id = @Id";

    private const string UpdateSql = """
        UPDATE organizations
        SET name = @Name, kind = @Kind, country_code = @CountryCode, parent_id = @ParentId, aliases = @Aliases,
            wikidata_id = @WikidataId, cameo_code = @CameoCode, version = version + 1, updated_at = @Now
        WHERE id = @Id AND deleted_at IS NULL
        """;

    /// <summary>Walks up from the proposed parent; the organization itself on the way means a cycle.</summary>
    private const string AncestorsIncludeSql = """
        WITH RECURSIVE ancestors (id, depth) AS (
            SELECT @ParentId, 0
            UNION
            SELECT o.parent_id, a.depth + 1
            FROM organizations o JOIN ancestors a ON o.id = a.id
            WHERE o.parent_id IS NOT NULL AND a.depth < 1000
        )
        SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = @Id)
        """;

    private const string ReferencingEventsSql = """
        SELECT DISTINCT e.id
        FROM event_participants p JOIN events e ON e.id = p.event_id
        WHERE p.organization_id = @Id AND e.deleted_at IS NULL
        ORDER BY e.id
        LIMIT 100
        """;

    private const string LiveChildrenSql = """
        SELECT id FROM organizations WHERE parent_id = @Id AND deleted_at IS NULL ORDER BY id LIMIT 100
        """;

    public async Task<long> InsertAsync(IUnitOfWork work, OrganizationRequest request, string? externalId)
    {
        var (connection, transaction) = Dialect.ConnectionOf(work);
        var id = await connection.ExecuteScalarAsync<long>(InsertSql, Parameters(request, 0, work.Now, externalId), transaction);
        await IndexAsync(connection, transaction, id, request);
        return id;
    }

    public async Task UpdateAsync(IUnitOfWork work, long id, OrganizationRequest request)
    {
        var (connection, transaction) = Dialect.ConnectionOf(work);
        // A former parent lists the organization no more: its answer to GET changes too (the change feed).
        if (await connection.ExecuteScalarAsync<long?>(ParentSql, new { Id = id }, transaction) is { } parent && parent != request.ParentId)
        {
            work.Changes.Touch(RecordKind.Organization, parent);
        }

        await DocumentForgets.UpdateShownRecordAsync(connection, transaction, UpdateSql, Parameters(request, id, work.Now));
        await IndexAsync(connection, transaction, id, request);
    }

    public Task<bool> WouldCreateCycleAsync(IUnitOfWork work, long id, long parentId)
    {
        var (connection, transaction) = Dialect.ConnectionOf(work);
        return connection.ExecuteScalarAsync<bool>(AncestorsIncludeSql, new { Id = id, ParentId = parentId }, transaction);
    }

    public Task<IReadOnlyList<long>> ReferencingEventsAsync(IUnitOfWork work, long id) => Dialect.IdsAsync(work, ReferencingEventsSql, id);

    public Task<IReadOnlyList<long>> LiveChildrenAsync(IUnitOfWork work, long id) => Dialect.IdsAsync(work, LiveChildrenSql, id);

    private Task IndexAsync(IDbConnection connection, IDbTransaction transaction, long id, OrganizationRequest request) =>
        Search.IndexAsync(connection, transaction, id, string.Join(" \n ", new[] { request.Name! }.Concat(request.Aliases ?? [])));

    private static object Parameters(OrganizationRequest request, long id, string now, string? externalId = null) => new
    {
        Id = id,
        ExternalId = externalId,
        request.Name,
        Kind = EnumText.ToText(request.Kind!.Value),
        request.CountryCode,
        request.ParentId,
        Aliases = JsonArrays.Write(request.Aliases),
        request.WikidataId,
        request.CameoCode,
        Now = now,
    };

    protected override async Task<IReadOnlyList<OrganizationResponse>> CompleteAsync(
        IDbConnection connection, IReadOnlyList<OrganizationRow> rows, IDbTransaction? transaction)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var children = (await connection.QueryAsync<ChildRow>(ChildrenSql, new { Ids = Dialect.IdsParameter(rows.Select(r => r.Id).ToArray()) }, transaction))
            .ToLookup(child => child.ParentId, child => new OrganizationSummary(
                child.Id, child.Name, EnumText.Parse<OrganizationKind>(child.Kind), child.CountryCode));
        return rows.Select(row => row.ToResponse(children[row.Id].ToList())).ToList();
    }

    private sealed record ChildRow(long Id, string Name, string Kind, string? CountryCode, long ParentId);

    internal sealed record OrganizationRow(
        long Id, string Name, string Kind, string? CountryCode, long? ParentId, string Aliases, string? WikidataId,
        string? CameoCode, long Version, string CreatedAt, string UpdatedAt,
        string? ParentName, string? ParentKind, string? ParentCountryCode)
    {
        public OrganizationResponse ToResponse(IReadOnlyList<OrganizationSummary> children) => new(
            Id,
            Name,
            EnumText.Parse<OrganizationKind>(Kind),
            CountryCode,
            ParentId,
            ParentId is { } parentId && ParentName is not null
                ? new OrganizationSummary(parentId, ParentName, EnumText.Parse<OrganizationKind>(ParentKind!), ParentCountryCode)
                : null,
            children,
            JsonArrays.Read(Aliases),
            WikidataId,
            CameoCode,
            Version,
            Timestamps.Parse(CreatedAt),
            Timestamps.Parse(UpdatedAt));
    }
}
