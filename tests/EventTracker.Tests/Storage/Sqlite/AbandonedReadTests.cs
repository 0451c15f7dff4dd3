using System.Net;
using System.Globalization;
using Dapper;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Api.Errors;
using EventTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventTracker.Tests.Storage.Sqlite;

/// <summary>A read whose client goes away stops computing, and nothing of it is kept or handed to others.</summary>
[Trait("Store", "sqlite")]
public sealed class AbandonedReadTests(KestrelProbedEventTrackerApp app) : IClassFixture<KestrelProbedEventTrackerApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AReadIsInterruptedInsideSqliteWhenItsClientGoesAwayAndTheNextRequestComputesItsOwnAnswer()
    {
        var (probe, sending, abort) = StartLongRead(interruptible: true);
        await probe.Started.Task.WaitAsync(Patience);
        var waiting = app.CreateClient().GetAsync(probe.Url); // most likely waits for the first one's answer

        await abort.CancelAsync();
        await probe.ClientGone.Task.WaitAsync(Patience);
        probe.Release.SetResult();

        Assert.Equal("SQLite error 9", await probe.Outcome.Task.WaitAsync(Patience)); // SQLITE_INTERRUPT
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await AssertFullAnswerAsync(await waiting.WaitAsync(Patience));
        await AssertFullAnswerAsync(await app.CreateClient().GetAsync(probe.Url).WaitAsync(Patience));
        Assert.Equal(2, probe.Runs);
        Assert.DoesNotContain(app.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAnswerComputedForAClientThatWentAwayIsNotCached()
    {
        // Its JSON writer stopped on RequestAborted: the cache would have kept an empty 200 for everyone.
        var (probe, sending, abort) = StartLongRead(interruptible: false);
        await probe.Started.Task.WaitAsync(Patience);

        await abort.CancelAsync();
        await probe.ClientGone.Task.WaitAsync(Patience);
        probe.Release.SetResult();

        Assert.Equal($"counted {LongRead.Rows}", await probe.Outcome.Task.WaitAsync(Patience));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await AssertFullAnswerAsync(await app.CreateClient().GetAsync(probe.Url).WaitAsync(Patience));
        Assert.Equal(2, probe.Runs);
    }

    [Fact]
    public async Task AConnectionHandedBackIsNotInterruptedByTheRequestThatHadIt()
    {
        using var formerRequest = new CancellationTokenSource();
        await using var next = await NextUserOfAConnectionHeldByAsync(formerRequest, cancelWhileHeld: false);
        next.Physical.Connection.CreateFunction("cancel_former", () =>
        {
            formerRequest.Cancel();
            return 1L;
        });

        var count = await next.ExecuteScalarAsync<long>(CountFrom("cancel_former()"));

        Assert.True(formerRequest.IsCancellationRequested);
        Assert.Equal(100_000, count);
    }

    [Fact]
    public async Task ACancellationBetweenStatementsDoesNotStopTheConnectionsNextUser()
    {
        using var formerRequest = new CancellationTokenSource();
        await using var next = await NextUserOfAConnectionHeldByAsync(formerRequest, cancelWhileHeld: true);

        Assert.Equal(100_000, await next.ExecuteScalarAsync<long>(CountFrom("1")));
    }

    /// <summary>Counts to 100 000 starting from <paramref name="first"/>, which is evaluated once.</summary>
    private static string CountFrom(string first) =>
        $"WITH RECURSIVE n(i) AS (SELECT {first} UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT count(*) FROM n";

    /// <summary>
    /// The pooled connection a read for <paramref name="formerRequest"/> used and handed back, opened again for
    /// its next user. With <paramref name="cancelWhileHeld"/> the former request is cancelled while it holds the
    /// connection but runs no statement, so SQLite is told to interrupt all the same.
    /// </summary>
    private async Task<PooledConnection> NextUserOfAConnectionHeldByAsync(CancellationTokenSource formerRequest, bool cancelWhileHeld)
    {
        var connections = app.Services.GetRequiredService<SqliteConnectionFactory>();
        PhysicalConnection physical;
        await using (var connection = await connections.OpenForReadingAsync(formerRequest.Token))
        {
            physical = connection.Physical;
            if (cancelWhileHeld)
            {
                await formerRequest.CancelAsync();
            }
        }

        var next = connections.Open();
        Assert.Same(physical, next.Physical);
        return next;
    }

    [Fact]
    public async Task AnInterruptedReadOfAClientThatWentAwayIsNeitherAnsweredNorLogged()
    {
        var logs = new ServerLogSink();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var handler = ExceptionHandler(loggers);
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var http = new DefaultHttpContext { RequestAborted = aborted.Token, Response = { Body = new MemoryStream() } };

        var handled = await handler.TryHandleAsync(http, new SqliteException("interrupted", 9), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(0, http.Response.Body.Length);
        Assert.Empty(logs.Lines);
    }

    [Fact]
    public async Task AnInterruptedReadWhoseClientIsStillThereIsAnError()
    {
        var logs = new ServerLogSink();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var handler = ExceptionHandler(loggers);
        var http = new DefaultHttpContext { RequestServices = app.Services, Response = { Body = new MemoryStream() } };

        await handler.TryHandleAsync(http, new SqliteException("interrupted", 9), CancellationToken.None);

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Contains(logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
    }

    private ProblemExceptionHandler ExceptionHandler(ILoggerFactory loggers) => new(
        app.Services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(),
        app.Services.GetRequiredService<IHostEnvironment>(),
        app.Services.GetRequiredService<Api.Storage.IStoreFailures>(),
        loggers.CreateLogger<ProblemExceptionHandler>());

    private static async Task AssertFullAnswerAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LongRead.Rows.ToString(CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
    }

    private (LongReadCall Probe, Task<HttpResponseMessage> Sending, CancellationTokenSource Abort) StartLongRead(bool interruptible)
    {
        var name = Guid.NewGuid().ToString("N");
        var probe = new LongReadCall(LongRead.Named(name), $"/api/v1/_probe/long-read?name={name}&interruptible={(interruptible ? "true" : "false")}");
        var request = new HttpRequestMessage(HttpMethod.Get, probe.Url);
        var abort = new CancellationTokenSource();
        return (probe, app.CreateClient().SendAsync(request, abort.Token), abort);
    }

    private sealed record LongReadCall(LongRead Read, string Url)
    {
        public TaskCompletionSource Started => Read.Started;
        public TaskCompletionSource ClientGone => Read.ClientGone;
        public TaskCompletionSource Release => Read.Release;
        public TaskCompletionSource<string> Outcome => Read.Outcome;
        public int Runs => Read.Runs;
    }
}
