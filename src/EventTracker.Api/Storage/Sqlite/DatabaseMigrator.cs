using System.Reflection;
using Dapper;
using DbUp;
using EventTracker.Api.Storage.Relational;
using DbUp.Engine;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// Applies the numbered scripts of db/migrations/sqlite (embedded in the assembly) with DbUp, one
/// transaction per script, journaled in <c>schema_versions</c>.
/// </summary>
public sealed partial class DatabaseMigrator(
    IOptions<DatabaseOptions> options,
    SqliteConnectionFactory connections,
    ILogger<DatabaseMigrator> logger)
{
    public const string JournalTable = "schema_versions";
    private const string ScriptPrefix = "Migrations.";

    public void Migrate()
    {
        LogLibrary(SqliteLibrary.Version, SqliteLibrary.ThreadingMode);
        EnsureDatabaseFolderExists();
        using (var connection = connections.Open())
        {
            // WAL is a property of the file and cannot be switched inside a transaction.
            connection.Execute("PRAGMA journal_mode = WAL;");
        }

        var result = BuildEngine().PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migration {result.ErrorScript?.Name} failed.", result.Error);
        }

        foreach (var script in result.Scripts)
        {
            LogApplied(script.Name);
        }
    }

    /// <summary>True when every embedded migration is recorded in the journal.</summary>
    public bool IsUpToDate() => !BuildEngine().IsUpgradeRequired();

    public static IReadOnlyList<string> EmbeddedScriptNames() => RelationalStores.EmbeddedScriptNames(ScriptPrefix);

    private UpgradeEngine BuildEngine() =>
        DeployChanges.To
            .SqliteDatabase(connections.ConnectionString)
            .WithScriptsEmbeddedInAssembly(
                Assembly.GetExecutingAssembly(),
                name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
            .JournalToSqliteTable(JournalTable)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();

    private void EnsureDatabaseFolderExists()
    {
        var path = options.Value.DataSourcePath();
        if (string.IsNullOrEmpty(path) || path.Equals(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite {Version}, {ThreadingMode} mode")]
    private partial void LogLibrary(string version, string threadingMode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Script}")]
    private partial void LogApplied(string script);
}
