using EventTracker.Api.Storage.Relational;

namespace EventTracker.Api.Storage.Postgres;

/// <summary>
/// Holds the part triggers off while new events' parts are written (migration 0012) with a transaction-local setting,
/// which a rollback to a savepoint takes back too; the writer takes the counts' lock first, as the trigger would (migration 0010).
/// </summary>
internal static class PostgresNewEventRows
{
    public static readonly (WriteStatement Begin, WriteStatement End) Statements = (
        new WriteStatement("SELECT set_config('eventtracker.new_event_rows', 'on', true), pg_advisory_xact_lock(5001810357618257011)"),
        new WriteStatement("SELECT set_config('eventtracker.new_event_rows', 'off', true)"));
}
