using System.Data;
using System.Runtime.CompilerServices;
using EventTracker.Api.Storage.Relational;
using Npgsql;

namespace EventTracker.Api.Storage.Postgres;

/// <summary>Opens Npgsql connections whose time, open to close, is recorded for the store operation that opened them.</summary>
public static class TimedConnections
{
    public static async Task<NpgsqlConnection> OpenTimedAsync(
        this NpgsqlDataSource dataSource, DatabaseOperations operations, CancellationToken cancellationToken,
        [CallerFilePath] string caller = "", [CallerMemberName] string operation = "")
    {
        var started = operations.Start();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (started != 0)
        {
            connection.StateChange += new Timing(operations, started, operations.TagsOf(caller, operation)).OnStateChange;
        }

        return connection;
    }

    private sealed class Timing(DatabaseOperations operations, long started, KeyValuePair<string, object?>[] tags)
    {
        private int _done;

        public void OnStateChange(object sender, StateChangeEventArgs change)
        {
            if (change.CurrentState == ConnectionState.Closed && Interlocked.Exchange(ref _done, 1) == 0)
            {
                operations.Done(started, tags);
            }
        }
    }
}
