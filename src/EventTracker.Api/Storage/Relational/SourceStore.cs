using System.Data;
using Dapper;
using EventTracker.Api.Sources;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>The SQL of the sources feature.</summary>
internal sealed class SourceStore(IRelationalDialect dialect)
    : RecordTableStore<SourceStore.SourceRow, SourceResponse>(dialect, FullTextTable.Sources, SelectSql, "sources"), ISourceStore
{
    private const string SelectSql = """
        SELECT id, url, normalized_url, title, publisher, published_at, language, excerpt, version, created_at, updated_at
        FROM sources
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

    public async Task<long> InsertAsync(IUnitOfWork work, SourceRequest request, string? externalId)
    {
        var (connection, transaction) = Dialect.ConnectionOf(work);
        var id = await connection.ExecuteScalarAsync<long>(InsertSql, Parameters(request, 0, work.Now, externalId), transaction);
        await IndexAsync(connection, transaction, id, request);
        return id;
    }

    public async Task UpdateAsync(IUnitOfWork work, long id, SourceRequest request)
    {
        var (connection, transaction) = Dialect.ConnectionOf(work);
        await DocumentForgets.UpdateShownRecordAsync(connection, transaction, UpdateSql, Parameters(request, id, work.Now));
        await IndexAsync(connection, transaction, id, request);
    }

    public Task<long?> FindDuplicateAsync(IUnitOfWork work, long? id, string normalizedUrl)
    {
        var (connection, transaction) = Dialect.ConnectionOf(work);
        return connection.ExecuteScalarAsync<long?>(DuplicateSql, new { Id = id ?? 0, NormalizedUrl = normalizedUrl }, transaction);
    }

    public Task<IReadOnlyList<long>> ReferencingEventsAsync(IUnitOfWork work, long id) => Dialect.IdsAsync(work, ReferencingEventsSql, id);

    private Task IndexAsync(IDbConnection connection, IDbTransaction transaction, long id, SourceRequest request) =>
        Search.IndexAsync(connection, transaction, id, request.Title, request.Publisher);

    protected override Task<IReadOnlyList<SourceResponse>> CompleteAsync(IDbConnection connection, IReadOnlyList<SourceRow> rows, IDbTransaction? transaction) =>
        Task.FromResult<IReadOnlyList<SourceResponse>>(rows.Select(row => row.ToResponse()).ToList());

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

    internal sealed record SourceRow(
        long Id, string? Url, string? NormalizedUrl, string Title, string? Publisher, string? PublishedAt, string? Language,
        string? Excerpt, long Version, string CreatedAt, string UpdatedAt)
    {
        public SourceResponse ToResponse() => new(
            Id, Url, NormalizedUrl, Title, Publisher, PublishedAt, Language, Excerpt, Version,
            Timestamps.Parse(CreatedAt), Timestamps.Parse(UpdatedAt));
    }
}
