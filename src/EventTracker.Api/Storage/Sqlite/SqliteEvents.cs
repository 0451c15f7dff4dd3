using EventTracker.Api.Storage.Relational;
using System.Text.Json;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>Whole events read from SQLite: a list of ids travels as one JSON array, read with <c>json_each</c>.</summary>
public static class SqliteEvents
{
    public static readonly EventReader Reader = new("IN (SELECT value FROM json_each(@Ids))", ids => JsonSerializer.Serialize(ids));
}
