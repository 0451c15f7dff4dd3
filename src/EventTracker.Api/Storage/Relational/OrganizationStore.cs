using System.Data;
using Dapper;
using EventTracker.Api.Common;
using EventTracker.Api.Organizations;

namespace EventTracker.Api.Storage.Relational;

/// <summary>The SQL of the organizations feature, in the SQL both relational stores speak.</summary>
public sealed class OrganizationStore(IRelationalDialect dialect) : IOrganizationStore
{
    private readonly IFullTextIndex _search = dialect.FullText(FullTextTable.Organizations);

    private const string SelectColumns = """
        SELECT o.id, o.name, o.kind, o.country_code, o.parent_id, o.aliases, o.wikidata_id, o.cameo_code,
               o.version, o.created_at, o.updated_at,
               p.name AS parent_name, p.kind AS parent_kind, p.country_code AS parent_country_code
        FROM organizations o
        LEFT JOIN organizations p ON p.id = o.parent_id AND p.deleted_at IS NULL
        """;

    private const string GetSql = SelectColumns + " WHERE o.id = @Id AND o.deleted_at IS NULL";

    private string GetForWriteSql { get; } = GetSql + " " + dialect.LockForWrite("o");

    private string FindManySql { get; } = SelectColumns + $" WHERE o.id {dialect.IdsIn} AND o.deleted_at IS NULL ORDER BY o.id";

    private const string ListSql = SelectColumns + """
         WHERE o.deleted_at IS NULL AND o.id > @After
        ORDER BY o.id
        LIMIT @Take
        """;

    private string SearchSql { get; } = SelectColumns + $"""
         WHERE o.deleted_at IS NULL AND o.id > @After
          AND {dialect.FullText(FullTextTable.Organizations).Matches("o")}
        ORDER BY o.id
        LIMIT @Take
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

    private const string SoftDeleteSql = """
        UPDATE organizations SET deleted_at = @Now, updated_at = @Now, version = version + 1
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

    public async Task<OrganizationResponse?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await GetAsync(connection, GetSql, id, null);
    }

    public Task<OrganizationResponse?> FindAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        return GetAsync(connection, GetForWriteSql, id, transaction);
    }

    public async Task<IReadOnlyList<OrganizationResponse>> FindManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrganizationRow>(new CommandDefinition(
            FindManySql, new { Ids = dialect.IdsParameter(ids) }, cancellationToken: cancellationToken));
        return await WithChildrenAsync(connection, rows.ToList(), null);
    }

    public async Task<IReadOnlyList<OrganizationResponse>> FindManyAsync(IUnitOfWork work, IReadOnlyList<long> ids)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        var rows = await connection.QueryAsync<OrganizationRow>(FindManySql, new { Ids = dialect.IdsParameter(ids) }, transaction);
        return await WithChildrenAsync(connection, rows.ToList(), transaction);
    }

    public async Task<IReadOnlyList<OrganizationResponse>> ListAsync(SearchText? search, long afterId, int take, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var match = _search.Match(search);
        var rows = await connection.QueryAsync<OrganizationRow>(new CommandDefinition(
            match is null ? ListSql : SearchSql, new { After = afterId, Take = take, Match = match }, cancellationToken: cancellationToken));
        return await WithChildrenAsync(connection, rows.ToList(), null);
    }

    public async Task<long> InsertAsync(IUnitOfWork work, OrganizationRequest request, string? externalId)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        var id = await connection.ExecuteScalarAsync<long>(InsertSql, Parameters(request, 0, work.Now, externalId), transaction);
        await IndexAsync(connection, transaction, id, request);
        return id;
    }

    public async Task UpdateAsync(IUnitOfWork work, long id, OrganizationRequest request)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        // A former parent lists the organization no more: its answer to GET changes too (the change feed).
        if (await connection.ExecuteScalarAsync<long?>(ParentSql, new { Id = id }, transaction) is { } parent && parent != request.ParentId)
        {
            work.Changes.Touch(RecordKind.Organization, parent);
        }

        await connection.ExecuteAsync(UpdateSql, Parameters(request, id, work.Now), transaction);
        await IndexAsync(connection, transaction, id, request);
    }

    public async Task SoftDeleteAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        await connection.ExecuteAsync(SoftDeleteSql, new { Id = id, work.Now }, transaction);
        await _search.ForgetAsync(connection, transaction, id);
    }

    public Task<bool> WouldCreateCycleAsync(IUnitOfWork work, long id, long parentId)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        return connection.ExecuteScalarAsync<bool>(AncestorsIncludeSql, new { Id = id, ParentId = parentId }, transaction);
    }

    public Task<IReadOnlyList<long>> ReferencingEventsAsync(IUnitOfWork work, long id) => dialect.IdsAsync(work, ReferencingEventsSql, id);

    public Task<IReadOnlyList<long>> LiveChildrenAsync(IUnitOfWork work, long id) => dialect.IdsAsync(work, LiveChildrenSql, id);

    private async Task<OrganizationResponse?> GetAsync(IDbConnection connection, string sql, long id, IDbTransaction? transaction)
    {
        var row = await connection.QuerySingleOrDefaultAsync<OrganizationRow>(sql, new { Id = id }, transaction);
        return row is null ? null : (await WithChildrenAsync(connection, [row], transaction)).Single();
    }

    private Task IndexAsync(IDbConnection connection, IDbTransaction transaction, long id, OrganizationRequest request) =>
        _search.IndexAsync(connection, transaction, id, string.Join(" \n ", new[] { request.Name! }.Concat(request.Aliases ?? [])));

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

    private async Task<IReadOnlyList<OrganizationResponse>> WithChildrenAsync(
        IDbConnection connection, IReadOnlyList<OrganizationRow> rows, IDbTransaction? transaction)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var children = (await connection.QueryAsync<ChildRow>(ChildrenSql, new { Ids = dialect.IdsParameter(rows.Select(r => r.Id).ToArray()) }, transaction))
            .ToLookup(child => child.ParentId, child => new OrganizationSummary(
                child.Id, child.Name, EnumText.Parse<OrganizationKind>(child.Kind), child.CountryCode));
        return rows.Select(row => row.ToResponse(children[row.Id].ToList())).ToList();
    }

    private sealed record ChildRow(long Id, string Name, string Kind, string? CountryCode, long ParentId);

    private sealed record OrganizationRow(
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
