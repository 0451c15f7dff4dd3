using System.Data;
using Dapper;
using EventTracker.Api.Common;
using EventTracker.Api.Sources;

namespace EventTracker.Api.Storage.Relational;

/// <summary>The SQL of the sources feature.</summary>
public sealed class SourceStore(IRelationalDialect dialect) : ISourceStore
{
    private readonly IFullTextIndex _search = dialect.FullText(FullTextTable.Sources);

    private const string TableName = "sources";

    private const string SelectColumns = """
        SELECT id, url, normalized_url, title, publisher, published_at, language, excerpt, version, created_at, updated_at
        FROM sources
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
          AND {dialect.FullText(FullTextTable.Sources).Matches(TableName)}
        ORDER BY id
        LIMIT @Take
        """;

    private const string InsertSql = """
        INSERT INTO sources (url, normalized_url, title, publisher, published_at, language, excerpt, version, created_at, updated_at, external_id)
        VALUES (@Url, @NormalizedUrl, @Title, @Publisher, @PublishedAt, @Language, @Excerpt, 1, @Now, @Now, @ExternalId)
        RETURNING id
        """;

    private const string UpdateSql = """
        UPDATE sources
        SET url = @Url, normalized_url = @NormalizedUrl, title = @Title, publisher = @Publisher, published_at = @PublishedAt,
            language = @Language, excerpt = @Excerpt, version = version + 1, updated_at = @Now
        WHERE id = @Id AND deleted_at IS NULL
        """;

    private const string SoftDeleteSql = """
        UPDATE sources SET deleted_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id AND deleted_at IS NULL
        """;

    private const string DuplicateSql = """
        SELECT id FROM sources
        WHERE normalized_url = @NormalizedUrl AND deleted_at IS NULL AND id <> @Id
        """;

    private const string ReferencingEventsSql = """
        SELECT DISTINCT e.id
        FROM event_citations c JOIN events e ON e.id = c.event_id
        WHERE c.source_id = @Id AND e.deleted_at IS NULL
        ORDER BY e.id
        LIMIT 100
        """;

    public async Task<SourceResponse?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<SourceRow>(GetSql, new { Id = id }))?.ToResponse();
    }

    public async Task<SourceResponse?> FindAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        return (await connection.QuerySingleOrDefaultAsync<SourceRow>(GetForWriteSql, new { Id = id }, transaction))?.ToResponse();
    }

    public async Task<IReadOnlyList<SourceResponse>> FindManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        return (await connection.QueryAsync<SourceRow>(new CommandDefinition(
            FindManySql, new { Ids = dialect.IdsParameter(ids) }, cancellationToken: cancellationToken))).Select(row => row.ToResponse()).ToList();
    }

    public async Task<IReadOnlyList<SourceResponse>> FindManyAsync(IUnitOfWork work, IReadOnlyList<long> ids)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        return (await connection.QueryAsync<SourceRow>(FindManySql, new { Ids = dialect.IdsParameter(ids) }, transaction)).Select(row => row.ToResponse()).ToList();
    }

    public async Task<IReadOnlyList<SourceResponse>> ListAsync(SearchText? search, long afterId, int take, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var match = _search.Match(search);
        var rows = await connection.QueryAsync<SourceRow>(new CommandDefinition(
            match is null ? ListSql : SearchSql, new { After = afterId, Take = take, Match = match }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToResponse()).ToList();
    }

    public async Task<long> InsertAsync(IUnitOfWork work, SourceRequest request, string? externalId)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        var id = await connection.ExecuteScalarAsync<long>(InsertSql, Parameters(request, 0, work.Now, externalId), transaction);
        await IndexAsync(connection, transaction, id, request);
        return id;
    }

    public async Task UpdateAsync(IUnitOfWork work, long id, SourceRequest request)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        await connection.ExecuteAsync(UpdateSql, Parameters(request, id, work.Now), transaction);
        await IndexAsync(connection, transaction, id, request);
    }

    public async Task SoftDeleteAsync(IUnitOfWork work, long id)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        await connection.ExecuteAsync(SoftDeleteSql, new { Id = id, work.Now }, transaction);
        await _search.ForgetAsync(connection, transaction, id);
    }

    public Task<long?> FindDuplicateAsync(IUnitOfWork work, long? id, string normalizedUrl)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        return connection.ExecuteScalarAsync<long?>(DuplicateSql, new { Id = id ?? 0, NormalizedUrl = normalizedUrl }, transaction);
    }

    public Task<IReadOnlyList<long>> ReferencingEventsAsync(IUnitOfWork work, long id) => dialect.IdsAsync(work, ReferencingEventsSql, id);

    private Task IndexAsync(IDbConnection connection, IDbTransaction transaction, long id, SourceRequest request) =>
        _search.IndexAsync(connection, transaction, id, request.Title, request.Publisher);

    private static object Parameters(SourceRequest request, long id, string now, string? externalId = null) => new
    {
        Id = id,
        ExternalId = externalId,
        Url = string.IsNullOrWhiteSpace(request.Url) ? null : request.Url.Trim(),
        NormalizedUrl = UrlNormalizer.NormalizedUrlOf(request),
        request.Title,
        request.Publisher,
        request.PublishedAt,
        request.Language,
        request.Excerpt,
        Now = now,
    };

    private sealed record SourceRow(
        long Id, string? Url, string? NormalizedUrl, string Title, string? Publisher, string? PublishedAt, string? Language,
        string? Excerpt, long Version, string CreatedAt, string UpdatedAt)
    {
        public SourceResponse ToResponse() => new(
            Id, Url, NormalizedUrl, Title, Publisher, PublishedAt, Language, Excerpt, Version,
            Timestamps.Parse(CreatedAt), Timestamps.Parse(UpdatedAt));
    }
}
