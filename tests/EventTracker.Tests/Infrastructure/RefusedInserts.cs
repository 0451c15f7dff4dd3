using Dapper;

namespace EventTracker.Tests.Infrastructure;

/// <summary>
/// Makes the database refuse some inserts into a table (a trigger raising an error) until disposed:
/// for tests of what a write that fails halfway leaves behind.
/// </summary>
public sealed class RefusedInserts : IDisposable
{
    private readonly EventTrackerApp _app;
    private readonly string _trigger;

    private readonly string _table;

    private RefusedInserts(EventTrackerApp app, string table, string when)
    {
        _app = app;
        _table = table;
        _trigger = $"refuse_{table}";
        _ = app.Services; // the service has started, so its migrations have made the table
        using var db = app.OpenDatabase();
        db.Execute(TestStore.IsPostgres
            ? $"""
               CREATE FUNCTION {_trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN
                   IF {when} THEN RAISE EXCEPTION 'injected failure'; END IF;
                   RETURN NEW;
               END $$;
               CREATE TRIGGER {_trigger} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {_trigger}();
               """
            : $"CREATE TRIGGER {_trigger} BEFORE INSERT ON {table} WHEN {when} BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    }

    /// <summary>Rows of <paramref name="table"/> for which <paramref name="when"/> (SQL over NEW) holds are refused.</summary>
    public static RefusedInserts Into(EventTrackerApp app, string table, string when) => new(app, table, when);

    public void Dispose()
    {
        using var db = _app.OpenDatabase();
        db.Execute(TestStore.IsPostgres ? $"DROP TRIGGER {_trigger} ON {_table}; DROP FUNCTION {_trigger}()" : $"DROP TRIGGER {_trigger}");
    }
}
