using System.Reflection;
using Dapper;
using DbUp;
using DbUp.Engine;
using EventTracker.Api.Storage.Relational;
using EventTracker.Api.Values;
using Npgsql;

namespace EventTracker.Api.Storage.Postgres;

/// <summary>Units of work, failures, schema and backup of the PostgreSQL store.</summary>
public sealed partial class PostgresStore(
    NpgsqlDataSource dataSource, DatabaseOperations operations, PostgresConnectionString connectionString, TimeProvider clock, ChangeLogWriter changeLog, ILogger<PostgresStore> logger)
    : IStorage, IStoreFailures, IStoreSchema, IStoreBackup
{
    public const string JournalTable = "schema_versions";
    public const string ScriptPrefix = "PostgresMigrations.";

    /// <summary>Held while migrating: instances that start together migrate one after the other, the later ones finding nothing to do.</summary>
    private const long MigrationLock = 0x4576_656e_7454_726b; // "EventTrk"

    public async Task<IUnitOfWork> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenTimedAsync(operations, cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new PostgresUnitOfWork(connection, transaction, clock.Now(), ownsConnection: true, changeLog);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IBulkWriter> OpenBulkWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenTimedAsync(operations, cancellationToken);
        // A batch's statements read staged rows without statistics; planned on guesses, the dearest (the kept counts) looked
        // costly enough to be compiled first, which took longer than running it. Reset when the pool takes the connection back.
        await using var noJit = new NpgsqlCommand("SET jit = off", connection);
        await noJit.ExecuteNonQueryAsync(cancellationToken);
        return new BulkWriter(connection, clock, changeLog);
    }

    /// <summary>
    /// Units of work one after another on one connection. A bulk load grows the tables by orders of magnitude while
    /// autovacuum looks only once a minute: planned on an empty table's statistics, a lookup by id becomes a scan of
    /// the whole table. So the tables are analyzed before the 2nd, 4th, 8th, ... unit of work: a handful of times,
    /// each when the tables have doubled since the last.
    /// </summary>
    private sealed class BulkWriter(NpgsqlConnection connection, TimeProvider clock, ChangeLogWriter changeLog) : IBulkWriter
    {
        private const string AnalyzeSql = "ANALYZE organizations, actors, sources, events, event_participants, event_relations";

        private int _units;

        public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken)
        {
            if (++_units > 1 && (_units & (_units - 1)) == 0)
            {
                await using var analyze = new NpgsqlCommand(AnalyzeSql, connection);
                await analyze.ExecuteNonQueryAsync(cancellationToken);
            }

            return new PostgresUnitOfWork(connection, await connection.BeginTransactionAsync(cancellationToken), clock.Now(), ownsConnection: false, changeLog);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    public bool IsInterruption(Exception exception) =>
        exception is OperationCanceledException || exception is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } ||
        exception is NpgsqlException { InnerException: OperationCanceledException };

    public bool IsRefusedWrite(Exception exception) => exception is PostgresException && !IsInterruption(exception);

    public bool IsUnavailable(Exception exception) => exception is NpgsqlException;

    public void Migrate()
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute("SELECT pg_advisory_lock(@Lock)", new { Lock = MigrationLock });
        try
        {
            var result = BuildEngine().PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
            }

            foreach (var script in result.Scripts)
            {
                LogApplied(script.Name);
            }
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@Lock)", new { Lock = MigrationLock });
        }
    }

    public Task<(int Shipped, bool UpToDate)> StateAsync(CancellationToken cancellationToken) =>
        Task.FromResult((EmbeddedScriptNames().Count, !BuildEngine().IsUpgradeRequired()));

    public Task<string?> BackupAsync(string target, CancellationToken cancellationToken) =>
        Task.FromResult<string?>("On PostgreSQL, back up with pg_dump (see README, Operating): it copies a running database consistently.");

    public static IReadOnlyList<string> EmbeddedScriptNames() => RelationalStores.EmbeddedScriptNames(ScriptPrefix);

    private UpgradeEngine BuildEngine() =>
        DeployChanges.To
            .PostgresqlDatabase(connectionString.Value)
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
            .JournalToPostgresqlTable("public", JournalTable)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Script}")]
    private partial void LogApplied(string script);
}
