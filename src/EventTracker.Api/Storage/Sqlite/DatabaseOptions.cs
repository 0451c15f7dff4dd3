using Microsoft.Data.Sqlite;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>Where the SQLite database lives: <c>ConnectionStrings:EventTracker</c>.</summary>
public sealed class DatabaseOptions
{
    public const string DefaultConnectionString = "Data Source=data/eventtracker.db";

    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>
    /// The connection string the service uses: the configured one with foreign keys on and a generous
    /// command timeout, so no caller can forget them. Pooling is the factory's own (it keeps prepared
    /// statements with each connection), so the driver's is off.
    /// </summary>
    public string EffectiveConnectionString()
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString)
        {
            ForeignKeys = true,
            Pooling = false,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        };
        return builder.ToString();
    }

    public string DataSourcePath() => new SqliteConnectionStringBuilder(ConnectionString).DataSource;
}
