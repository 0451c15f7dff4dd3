using System.Data;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace EventTracker.Api.Storage.Sqlite;

/// <summary>
/// A fixed write statement whose values are bound by position, for the hot write paths (an event and
/// its parts, history rows, import). On a pooled connection it runs on a command prepared once per
/// physical connection with its parameters created once; only their values change. Dapper spends
/// about three times as long per row building and binding parameters, which the import felt most.
/// </summary>
public sealed partial class KeptStatement
{
    public KeptStatement(string sql)
    {
        Sql = sql;
        ParameterNames = ParameterName().Matches(sql).Select(match => match.Value).Distinct(StringComparer.Ordinal).ToArray();
    }

    public string Sql { get; }

    /// <summary>The parameters in the order they first appear in the SQL: the order values are given in.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

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
        if (values.Length != ParameterNames.Count)
        {
            throw new ArgumentException($"The statement takes {ParameterNames.Count} values ({string.Join(", ", ParameterNames)}), not {values.Length}.", nameof(values));
        }

        var command = connection is PooledConnection pooled ? pooled.Physical.Prepared(this) : NewCommand((SqliteConnection)connection);
        command.Transaction = (SqliteTransaction?)transaction;
        for (var i = 0; i < values.Length; i++)
        {
            if (!string.Equals(values[i].Name, ParameterNames[i], StringComparison.Ordinal))
            {
                throw new ArgumentException($"Value {i} is {values[i].Name}; the statement expects {ParameterNames[i]} there.", nameof(values));
            }

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

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex ParameterName();
}
