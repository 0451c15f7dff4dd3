using System.Text.RegularExpressions;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// A fixed write statement of the hot write paths (an event and its parts, history rows), run through
/// <see cref="IRelationalDialect.ExecuteAsync"/> with its values given by position, each named: the dialect
/// may keep it prepared on each connection (SQLite) and binds nothing by reflection.
/// </summary>
public sealed partial class WriteStatement
{
    public WriteStatement(string sql)
    {
        Sql = sql;
        ParameterNames = ParameterName().Matches(sql).Select(match => match.Value).Distinct(StringComparer.Ordinal).ToArray();
    }

    public string Sql { get; }

    /// <summary>The parameters in the order they first appear in the SQL: the order values are given in.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Throws unless <paramref name="values"/> name this statement's parameters in their order: a value out of place fails loudly.</summary>
    public void CheckValues(ReadOnlySpan<(string Name, object? Value)> values)
    {
        if (values.Length != ParameterNames.Count)
        {
            throw new ArgumentException($"The statement takes {ParameterNames.Count} values ({string.Join(", ", ParameterNames)}), not {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!string.Equals(values[i].Name, ParameterNames[i], StringComparison.Ordinal))
            {
                throw new ArgumentException($"Value {i} is {values[i].Name}; the statement expects {ParameterNames[i]} there.", nameof(values));
            }
        }
    }

    // A cast such as @Rows::jsonb is not part of the name.
    [GeneratedRegex(@"(?<!:)@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex ParameterName();
}
