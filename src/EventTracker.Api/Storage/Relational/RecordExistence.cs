using Dapper;
using EventTracker.Api.Records;

namespace EventTracker.Api.Storage.Relational;

public sealed class RecordExistence(IRelationalDialect dialect) : IRecordExistence
{
    /// <summary>One fixed statement per table: table names never come from input.</summary>
    private static readonly Dictionary<RecordKind, string> Tables = new()
    {
        [RecordKind.Organization] = "organizations",
        [RecordKind.Actor] = "actors",
        [RecordKind.Source] = "sources",
        [RecordKind.Event] = "events",
    };

    /// <summary>
    /// The live rows among <c>@Ids</c>, locked against a concurrent delete until the write commits (where the
    /// store has row locks): nothing can be deleted between this check and the write that refers to it.
    /// </summary>
    private string LiveSql(RecordKind kind) =>
        $"SELECT id FROM {Tables[kind]} WHERE id {dialect.IdsIn} AND deleted_at IS NULL {dialect.LockForShare(Tables[kind])}";

    public async Task<IReadOnlySet<(RecordKind Kind, long Id)>> LiveAsync(IUnitOfWork work, IReadOnlyCollection<(RecordKind Kind, long Id)> records)
    {
        var (connection, transaction) = dialect.ConnectionOf(work);
        var live = new HashSet<(RecordKind, long)>();
        foreach (var kind in records.GroupBy(record => record.Kind))
        {
            var ids = dialect.IdsParameter(kind.Select(record => record.Id).Distinct().ToList());
            foreach (var id in await connection.QueryAsync<long>(LiveSql(kind.Key), new { Ids = ids }, transaction))
            {
                live.Add((kind.Key, id));
            }
        }

        return live;
    }
}
