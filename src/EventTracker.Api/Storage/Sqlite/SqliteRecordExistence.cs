using System.Text.Json;
using Dapper;
using EventTracker.Api.Common;

namespace EventTracker.Api.Storage.Sqlite;

public sealed class SqliteRecordExistence : IRecordExistence
{
    /// <summary>One fixed statement per table: table names never come from input.</summary>
    private static readonly Dictionary<RecordKind, string> LiveSql = new Dictionary<RecordKind, string>
    {
        [RecordKind.Organization] = "SELECT id FROM organizations WHERE id IN (SELECT value FROM json_each(@Ids)) AND deleted_at IS NULL",
        [RecordKind.Actor] = "SELECT id FROM actors WHERE id IN (SELECT value FROM json_each(@Ids)) AND deleted_at IS NULL",
        [RecordKind.Source] = "SELECT id FROM sources WHERE id IN (SELECT value FROM json_each(@Ids)) AND deleted_at IS NULL",
        [RecordKind.Event] = "SELECT id FROM events WHERE id IN (SELECT value FROM json_each(@Ids)) AND deleted_at IS NULL",
    };

    public async Task<IReadOnlySet<(RecordKind Kind, long Id)>> LiveAsync(IUnitOfWork work, IReadOnlyCollection<(RecordKind Kind, long Id)> records)
    {
        var (connection, transaction) = SqliteUnitOfWork.Of(work);
        var live = new HashSet<(RecordKind, long)>();
        foreach (var kind in records.GroupBy(record => record.Kind))
        {
            var ids = JsonSerializer.Serialize(kind.Select(record => record.Id).Distinct());
            foreach (var id in await connection.QueryAsync<long>(LiveSql[kind.Key], new { Ids = ids }, transaction))
            {
                live.Add((kind.Key, id));
            }
        }

        return live;
    }
}
