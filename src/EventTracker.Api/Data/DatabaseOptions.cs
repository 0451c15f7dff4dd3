using Microsoft.Data.Sqlite;

namespace EventTracker.Api.Data;

/// <summary>Where the SQLite database lives: <c>ConnectionStrings:EventTracker</c>.</summary>
public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "EventTracker";
    public const string DefaultConnectionString = "Data Source=data/eventtracker.db";

    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>
    /// The connection string the service uses: the configured one with foreign keys on, pooling on
    /// and a generous busy timeout, so no caller can forget them.
    /// </summary>
    public string EffectiveConnectionString()
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString)
        {
            ForeignKeys = true,
            Pooling = true,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        };
        return builder.ToString();
    }

    public string DataSourcePath() => new SqliteConnectionStringBuilder(ConnectionString).DataSource;
}
