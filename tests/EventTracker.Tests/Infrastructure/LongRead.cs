using System.Collections.Concurrent;
using Dapper;
using EventTracker.Api.Storage.Sqlite;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;

namespace EventTracker.Tests.Infrastructure;

/// <summary>
/// A read endpoint built like the timeline's (cached until the data changes, its statement interrupted when
/// its client goes away) whose statement holds still inside SQLite until the test releases it, so a test can
/// make its client go away mid-statement without timing anything. With <c>interruptible=false</c> it opens
/// an ordinary connection and computes to the end whatever happens.
/// </summary>
public sealed class LongRead
{
    public const long Rows = 1_000_000;

    private const string CountSql =
        "WITH RECURSIVE n(i) AS (SELECT hold() UNION ALL SELECT i + 1 FROM n WHERE i < @Rows) SELECT count(*) FROM n";

    private static readonly ConcurrentDictionary<string, LongRead> Probes = new();

    private int _runs;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource ClientGone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource<string> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many times the endpoint computed its answer (not served from the cache).</summary>
    public int Runs => _runs;

    public static LongRead Named(string name) => Probes.GetOrAdd(name, _ => new LongRead());

    public static async Task<Ok<long>> RunAsync(string name, bool? interruptible, SqliteConnectionFactory connections, HttpContext http)
    {
        var probe = Named(name);
        Interlocked.Increment(ref probe._runs);
        http.RequestAborted.Register(() => probe.ClientGone.TrySetResult());
        await using var connection = interruptible == false
            ? connections.Open()
            : await connections.OpenForReadingAsync(http.RequestAborted);
        connection.Physical.Connection.CreateFunction("hold", () =>
        {
            probe.Started.TrySetResult();
            probe.Release.Task.Wait();
            return 1L;
        });
        try
        {
            var count = await connection.ExecuteScalarAsync<long>(CountSql, new { Rows });
            probe.Outcome.TrySetResult($"counted {count}");
            return TypedResults.Ok(count);
        }
        catch (SqliteException exception)
        {
            probe.Outcome.TrySetResult($"SQLite error {exception.SqliteErrorCode}");
            throw;
        }
    }
}
