using System.Data;
using Dapper;
using EventTracker.Api.Common;

namespace EventTracker.Api.Sources;

/// <summary>The SQL of the sources feature.</summary>
public static class SourceStore
{
    private const string SelectColumns = """
        SELECT id, url, normalized_url, title, publisher, published_at, language, excerpt, version, created_at, updated_at
        FROM sources
        """;

    private const string GetSql = SelectColumns + " WHERE id = @Id AND deleted_at IS NULL";

    private const string ListSql = SelectColumns + """
         WHERE deleted_at IS NULL AND id > @After
        ORDER BY id
        LIMIT @Take
        """;

    private const string SearchSql = SelectColumns + """
         WHERE deleted_at IS NULL AND id > @After
          AND id IN (SELECT rowid FROM sources_fts WHERE sources_fts MATCH @Match)
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

    private const string DeleteSearchSql = "DELETE FROM sources_fts WHERE rowid = @Id";
    private const string InsertSearchSql = "INSERT INTO sources_fts (rowid, title, publisher) VALUES (@Id, @Title, @Publisher)";

    public static async Task<SourceResponse?> GetAsync(IDbConnection connection, long id, IDbTransaction? transaction = null) =>
        (await connection.QuerySingleOrDefaultAsync<SourceRow>(GetSql, new { Id = id }, transaction))?.ToResponse();

    public static async Task<IReadOnlyList<SourceResponse>> ListAsync(
        IDbConnection connection, string? match, long after, int take, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<SourceRow>(new CommandDefinition(
            match is null ? ListSql : SearchSql, new { After = after, Take = take, Match = match }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToResponse()).ToList();
    }

    public static async Task<long> InsertAsync(IDbConnection connection, IDbTransaction transaction, SourceRequest request, string? externalId, string now)
    {
        var id = await connection.ExecuteScalarAsync<long>(InsertSql, Parameters(request, 0, now, externalId), transaction);
        await IndexAsync(connection, transaction, id, request);
        return id;
    }

    public static async Task UpdateAsync(IDbConnection connection, IDbTransaction transaction, long id, SourceRequest request, string now)
    {
        await connection.ExecuteAsync(UpdateSql, Parameters(request, id, now), transaction);
        await IndexAsync(connection, transaction, id, request);
    }

    public static async Task SoftDeleteAsync(IDbConnection connection, IDbTransaction transaction, long id, string now)
    {
        await connection.ExecuteAsync(SoftDeleteSql, new { Id = id, Now = now }, transaction);
        await connection.ExecuteAsync(DeleteSearchSql, new { Id = id }, transaction);
    }

    /// <summary>The id of another live source with the same normalized URL, if any.</summary>
    public static Task<long?> FindDuplicateAsync(IDbConnection connection, IDbTransaction transaction, long? id, string normalizedUrl) =>
        connection.ExecuteScalarAsync<long?>(DuplicateSql, new { Id = id ?? 0, NormalizedUrl = normalizedUrl }, transaction);

    public static async Task<IReadOnlyList<long>> ReferencingEventsAsync(IDbConnection connection, IDbTransaction transaction, long id) =>
        (await connection.QueryAsync<long>(ReferencingEventsSql, new { Id = id }, transaction)).ToList();

    public static string? NormalizedUrlOf(SourceRequest request) =>
        UrlNormalizer.TryNormalize(request.Url, out var normalized) ? normalized : null;

    private static async Task IndexAsync(IDbConnection connection, IDbTransaction transaction, long id, SourceRequest request)
    {
        await connection.ExecuteAsync(DeleteSearchSql, new { Id = id }, transaction);
        await connection.ExecuteAsync(InsertSearchSql, new { Id = id, request.Title, request.Publisher }, transaction);
    }

    private static object Parameters(SourceRequest request, long id, string now, string? externalId = null) => new
    {
        Id = id,
        ExternalId = externalId,
        Url = string.IsNullOrWhiteSpace(request.Url) ? null : request.Url.Trim(),
        NormalizedUrl = NormalizedUrlOf(request),
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
