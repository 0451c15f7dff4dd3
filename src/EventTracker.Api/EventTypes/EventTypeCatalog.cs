using Dapper;
using EventTracker.Api.Storage.Sqlite;

namespace EventTracker.Api.EventTypes;

/// <summary>
/// The set of known event type codes, read once from the database: the taxonomy changes only by
/// migration, and migrations run before the service takes requests.
/// </summary>
public sealed class EventTypeCatalog(SqliteConnectionFactory connections)
{
    private readonly Lazy<Task<string[]>> _codes = new(async () =>
    {
        await using var connection = await connections.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT code FROM event_types ORDER BY sort_order, code")).ToArray();
    });

    public async Task<bool> IsKnownAsync(string code) => Array.IndexOf(await _codes.Value, code) >= 0;

    /// <summary>Every code, in the taxonomy's order.</summary>
    public async Task<IReadOnlyList<string>> CodesAsync() => await _codes.Value;
}
