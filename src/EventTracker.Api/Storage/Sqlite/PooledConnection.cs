using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using EventTracker.Api.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// An open SQLite connection kept by <see cref="SqliteConnectionFactory"/> together with every statement
/// it has prepared, keyed by SQL text. Microsoft.Data.Sqlite prepares a statement afresh for every
/// command object, and Dapper makes one per call: for the timeline's joins that planning cost more than
/// running the query. Statements kept here are planned once per physical connection.
/// </summary>
public sealed class PhysicalConnection : IDisposable
{
    private const int MaxStatements = 256;

    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<KeptStatement, SqliteCommand> _prepared = [];

    public PhysicalConnection(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>Stops the statement running on this connection, from any thread: it fails with SQLITE_INTERRUPT.</summary>
    public void Interrupt()
    {
        if (Connection.Handle is { } handle)
        {
            SQLitePCL.raw.sqlite3_interrupt(handle);
        }
    }

    [SuppressMessage("Security", "CA2100", Justification = "Command texts are the features' fixed SQL, passed through unchanged.")]
    public SqliteCommand Statement(string sql)
    {
        if (_statements.TryGetValue(sql, out var command))
        {
            return command;
        }

        if (_statements.Count >= MaxStatements)
        {
            ForgetStatements();
        }

        command = Connection.CreateCommand();
        command.CommandText = sql;
        _statements[sql] = command;
        return command;
    }

    /// <summary>The command of a <see cref="KeptStatement"/>, with its parameters, made once per connection.</summary>
    public SqliteCommand Prepared(KeptStatement statement)
    {
        if (!_prepared.TryGetValue(statement, out var command))
        {
            command = statement.NewCommand(Connection);
            _prepared[statement] = command;
        }

        return command;
    }

    private void ForgetStatements()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }

    public void Dispose()
    {
        ForgetStatements();
        foreach (var statement in _prepared.Values)
        {
            statement.Dispose();
        }

        Connection.Dispose();
    }
}

/// <summary>
/// One operation's use of a <see cref="PhysicalConnection"/>: an ordinary <see cref="DbConnection"/> for
/// Dapper whose commands run on the kept statements; disposing it hands the connection back.
/// </summary>
public sealed class PooledConnection(
    PhysicalConnection physical, Action<PhysicalConnection> release,
    DatabaseOperations? operations = null, long started = 0, KeyValuePair<string, object?>[]? operationTags = null) : DbConnection
{
    private bool _released;
    private CancellationTokenRegistration _interruption;

    /// <summary>The kept connection underneath, for <see cref="KeptStatement"/>.</summary>
    internal PhysicalConnection Physical
    {
        get
        {
            ObjectDisposedException.ThrowIf(_released, this);
            return physical;
        }
    }

    [AllowNull]
    public override string ConnectionString
    {
        get => physical.Connection.ConnectionString;
        set => throw new NotSupportedException("A pooled connection keeps its connection string.");
    }

    /// <summary>
    /// Stops the running statement when <paramref name="stopWhen"/> is cancelled. The registration ends
    /// when the connection is handed back (waiting for a callback under way), so a late cancellation never
    /// reaches the connection's next user.
    /// </summary>
    internal void InterruptOn(CancellationToken stopWhen)
    {
        if (stopWhen.CanBeCanceled)
        {
            _interruption = stopWhen.UnsafeRegister(static state => ((PhysicalConnection)state!).Interrupt(), physical);
        }
    }

    public override string Database => physical.Connection.Database;
    public override string DataSource => physical.Connection.DataSource;
    public override string ServerVersion => physical.Connection.ServerVersion;
    public override ConnectionState State => _released ? ConnectionState.Closed : physical.Connection.State;

    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

    public override void Close() => Release();

    public override void Open()
    {
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => physical.Connection.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new KeptStatementCommand(this, physical);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Release();
        return base.DisposeAsync();
    }

    private void Release()
    {
        if (!_released)
        {
            _released = true;
            _interruption.Dispose();
            release(physical);
            if (operationTags is not null)
            {
                operations!.Done(started, operationTags);
            }
        }
    }

    /// <summary>The store operation using the connection (<c>TimelineStore.Open</c>), for the commands' trace spans.</summary>
    internal string? Operation => operationTags is [_, { Value: string name }] ? name : null;

    /// <summary>What Dapper fills; on execution its parameters are bound to the kept statement for its text.</summary>
    private sealed class KeptStatementCommand(PooledConnection owner, PhysicalConnection physical) : DbCommand
    {
        private readonly SqliteCommand _parameters = new();

        [AllowNull]
        public override string CommandText { get; set; } = "";
        public override int CommandTimeout { get; set; } = 30;
        public override CommandType CommandType { get; set; } = CommandType.Text;
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => owner;
            set { }
        }

        protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
            // Dapper never cancels a running statement; request cancellation is checked between statements.
        }

        public override int ExecuteNonQuery()
        {
            using var span = SqliteTracing.StartCommand(owner.Operation, CommandText);
            return Bind().ExecuteNonQuery();
        }

        public override object? ExecuteScalar()
        {
            using var span = SqliteTracing.StartCommand(owner.Operation, CommandText);
            return Bind().ExecuteScalar();
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        // The span covers running the statement up to its first row, where SQLite does a query's sorting and counting.
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            using var span = SqliteTracing.StartCommand(owner.Operation, CommandText);
            return Bind().ExecuteReader(behavior & ~CommandBehavior.CloseConnection);
        }

        private SqliteCommand Bind()
        {
            var statement = physical.Statement(CommandText);
            statement.Transaction = (SqliteTransaction?)DbTransaction;
            statement.CommandTimeout = CommandTimeout;
            statement.Parameters.Clear();
            foreach (SqliteParameter parameter in _parameters.Parameters)
            {
                statement.Parameters.Add(new SqliteParameter(Prefixed(parameter.ParameterName), parameter.Value ?? DBNull.Value)
                {
                    SqliteType = parameter.SqliteType,
                    Size = parameter.Size,
                });
            }

            return statement;
        }

        // Dapper names parameters without their prefix; the driver then tries "@", "$" and ":" in turn, a
        // native lookup each, for every parameter of every execution. Our SQL always writes "@".
        private static string Prefixed(string name) =>
            name.Length > 0 && name[0] is '@' or '$' or ':' ? name : "@" + name;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _parameters.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
