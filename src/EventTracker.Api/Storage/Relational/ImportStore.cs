using Dapper;
using EventTracker.Api.Import;
using EventTracker.Api.Records;

namespace EventTracker.Api.Storage.Relational;

public sealed class ImportStore(IRelationalDialect dialect) : IImportStore
{
    // Fixed statements per table; table names never come from input.
    private static readonly Dictionary<RecordKind, string> Tables = new()
    {
        [RecordKind.Organization] = "organizations",
        [RecordKind.Actor] = "actors",
        [RecordKind.Source] = "sources",
        [RecordKind.Event] = "events",
    };

    private string FindManySql(RecordKind kind) =>
        $"SELECT external_id, id, deleted_at FROM {Tables[kind]} WHERE external_id {dialect.InList("ExternalIds")}";

    private const string IsEmptySql = """
        SELECT NOT EXISTS (SELECT 1 FROM organizations) AND NOT EXISTS (SELECT 1 FROM actors)
           AND NOT EXISTS (SELECT 1 FROM sources) AND NOT EXISTS (SELECT 1 FROM events)
        """;

    public async Task<IReadOnlyDictionary<string, StoredRecord>> FindByExternalIdsAsync(
        IUnitOfWork work, RecordKind kind, IReadOnlyCollection<string> externalIds)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        var found = new Dictionary<string, StoredRecord>(StringComparer.Ordinal);
        foreach (var chunk in externalIds.Chunk(500))
        {
            var rows = await connection.QueryAsync<(string ExternalId, long Id, string? DeletedAt)>(
                FindManySql(kind), new { ExternalIds = chunk }, transaction);
            foreach (var row in rows)
            {
                found[row.ExternalId] = new StoredRecord(row.Id, row.DeletedAt is not null);
            }
        }

        return found;
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(IsEmptySql, cancellationToken: cancellationToken));
    }
}
