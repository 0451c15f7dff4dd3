using Dapper;
using EventTracker.Api.Changes;
using EventTracker.Api.History;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

public sealed class ChangeFeedStore(IRelationalDialect dialect) : IChangeFeedStore
{
    private const string LatestSql = "SELECT coalesce(max(position), 0) FROM changes";

    private static string ReadSql(string kindCondition) => $"""
        SELECT position, kind, record_id, action, version, at
        FROM changes
        WHERE position > @After AND position <= @UpTo {kindCondition}
        ORDER BY position
        LIMIT @Take
        """;

    private readonly string _allKindsSql = ReadSql("");

    private readonly string _someKindsSql = ReadSql($"AND kind {dialect.InList("Kinds")}");

    public async Task<long> LatestPositionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(LatestSql, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ChangeRow>> ReadAsync(
        long after, long upTo, IReadOnlyCollection<RecordKind>? kinds, int take, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Position, string Kind, long RecordId, string Action, long Version, string At)>(new CommandDefinition(
            kinds is null ? _allKindsSql : _someKindsSql,
            new { After = after, UpTo = upTo, Kinds = kinds?.Select(EnumText.ToText).ToArray(), Take = take },
            cancellationToken: cancellationToken));
        return rows.Select(row => new ChangeRow(
            row.Position, EnumText.Parse<RecordKind>(row.Kind), row.RecordId, EnumText.Parse<RevisionAction>(row.Action), row.Version, row.At)).ToList();
    }
}
