namespace EventTracker.Api.Storage;

/// <summary>Which store holds the data: <c>Storage:Provider</c>, with <c>ConnectionStrings:EventTracker</c> in that provider's syntax.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string ConnectionStringName = "EventTracker";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static readonly IReadOnlyList<string> KnownProviders = [Sqlite, Postgres];

    public string Provider { get; set; } = Sqlite;
}
