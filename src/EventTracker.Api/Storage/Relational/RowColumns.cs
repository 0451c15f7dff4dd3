namespace EventTracker.Api.Storage.Relational;

/// <summary>The kinds of value a column holds, as far as the shared statements need to tell them apart.</summary>
public enum ColumnType
{
    Whole,
    Text,
    Real,
}

/// <summary>A column of a table written from JSON rows: its name, which is also the row's property name, and its kind.</summary>
public sealed record RowColumn(string Name, ColumnType Type)
{
    public static RowColumn Whole(string name) => new(name, ColumnType.Whole);

    public static RowColumn Text(string name) => new(name, ColumnType.Text);

    public static RowColumn Real(string name) => new(name, ColumnType.Real);
}

/// <summary>A table and the columns a write fills from JSON rows whose properties are named after them.</summary>
public sealed record RowTable(string Name, IReadOnlyList<RowColumn> Columns)
{
    /// <summary>The column names, comma-separated, optionally each prefixed with <paramref name="alias"/>.</summary>
    public string ColumnList(string? alias = null) =>
        string.Join(", ", Columns.Select(column => alias is null ? column.Name : alias + "." + column.Name));
}
