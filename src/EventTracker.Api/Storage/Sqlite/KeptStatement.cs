using System.Data;
using System.Diagnostics.CodeAnalysis;
using EventTracker.Api.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// A fixed write statement whose values are bound by position, for the hot write paths (an event and
/// its parts, history rows, import). On a pooled connection it runs on a command prepared once per
/// physical connection with its parameters created once; only their values change. Dapper spends
/// about three times as long per row building and binding parameters, which the import felt most.
/// </summary>
public sealed class KeptStatement(WriteStatement statement)
{
    public KeptStatement(string sql)
        : this(new WriteStatement(sql))
    {
    }

    public string Sql => statement.Sql;

    /// <summary>The parameters in the order they first appear in the SQL: the order values are given in.</summary>
    public IReadOnlyList<string> ParameterNames => statement.ParameterNames;

    public int Execute(IDbConnection connection, IDbTransaction? transaction, params ReadOnlySpan<(string Name, object? Value)> values)
    {
        var command = Bind(connection, transaction, values);
        using var span = SqliteTracing.StartCommand((connection as PooledConnection)?.Operation, Sql);
        try
        {
            return command.ExecuteNonQuery();
        }
        finally
        {
            ReleaseIfTemporary(connection, command);
        }
    }

    public object? ExecuteScalar(IDbConnection connection, IDbTransaction? transaction, params ReadOnlySpan<(string Name, object? Value)> values)
    {
        var command = Bind(connection, transaction, values);
        using var span = SqliteTracing.StartCommand((connection as PooledConnection)?.Operation, Sql);
        try
        {
            return command.ExecuteScalar();
        }
        finally
        {
            ReleaseIfTemporary(connection, command);
        }
    }

    /// <summary>Values come by position, each named: a value out of place fails loudly, never binds silently wrong.</summary>
    private SqliteCommand Bind(IDbConnection connection, IDbTransaction? transaction, ReadOnlySpan<(string Name, object? Value)> values)
    {
        statement.CheckValues(values);
        var command = connection is PooledConnection pooled ? pooled.Physical.Prepared(this) : NewCommand((SqliteConnection)connection);
        command.Transaction = (SqliteTransaction?)transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i].Value ?? DBNull.Value;
        }

        return command;
    }

    private static void ReleaseIfTemporary(IDbConnection connection, SqliteCommand command)
    {
        if (connection is not PooledConnection)
        {
            command.Dispose();
        }
    }

    [SuppressMessage("Security", "CA2100", Justification = "The statement's SQL is a feature's fixed text; values are parameters.")]
    internal SqliteCommand NewCommand(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Sql;
        foreach (var name in ParameterNames)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }
}
