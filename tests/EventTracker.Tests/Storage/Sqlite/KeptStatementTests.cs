using EventTracker.Api.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EventTracker.Tests.Storage.Sqlite;

[Trait("Store", "sqlite")]
public sealed class KeptStatementTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"eventtracker-kept-{Guid.NewGuid():N}.db");
    private readonly SqliteConnectionFactory _connections;

    public KeptStatementTests()
    {
        _connections = new SqliteConnectionFactory(Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={_file}" }));
        using var connection = _connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT NULL)";
        command.ExecuteNonQuery();
    }

    private static readonly KeptStatement Insert = new("INSERT INTO t (name, note) VALUES (@Name, @Note) RETURNING id");
    private static readonly KeptStatement Rename = new("UPDATE t SET name = @Name, note = @Name || '!' WHERE id = @Id");

    [Fact]
    public void ParametersAreListedInOrderOfFirstAppearanceOnce() =>
        Assert.Equal(["@Name", "@Id"], Rename.ParameterNames);

    [Fact]
    public void ValuesBindByPositionOnEveryReuse()
    {
        using var connection = _connections.Open();
        var first = (long)Insert.ExecuteScalar(connection, null, ("@Name", "NATO"), ("@Note", null))!;
        var second = (long)Insert.ExecuteScalar(connection, null, ("@Name", "Russia"), ("@Note", "mission"))!;
        Assert.Equal(1, Rename.Execute(connection, null, ("@Name", "Russian Federation"), ("@Id", second)));

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT group_concat(id || ':' || name || ':' || coalesce(note, '-'), '|') FROM t";
        Assert.Equal($"{first}:NATO:-|{second}:Russian Federation:Russian Federation!", read.ExecuteScalar());
    }

    [Fact]
    public void ValueOutOfPlaceIsRefusedBeforeAnythingRuns()
    {
        using var connection = _connections.Open();
        var error = Assert.Throws<ArgumentException>(() => Insert.Execute(connection, null, ("@Note", "x"), ("@Name", "y")));
        Assert.Contains("expects @Name", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Insert.Execute(connection, null, ("@Name", "y")));

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM t";
        Assert.Equal(0L, count.ExecuteScalar());
    }

    [Fact]
    public void RunsOnAPlainConnectionToo()
    {
        using var connection = new SqliteConnection($"Data Source={_file};Pooling=false");
        connection.Open();
        Assert.Equal(1L, Insert.ExecuteScalar(connection, null, ("@Name", "OSCE"), ("@Note", null)));
    }

    public void Dispose()
    {
        _connections.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
