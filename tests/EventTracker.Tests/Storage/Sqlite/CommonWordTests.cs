using System.Globalization;
using System.Net;
using Dapper;
using EventTracker.Api.Storage.Relational;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Api.Timeline;
using EventTracker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventTracker.Tests.Storage.Sqlite;

/// <summary>
/// 41 events, "espionage" in 20 of them (common: at least √(7·41) ≈ 16), "zakat" in one (rare). A common word is
/// read by walking the date index; the answers are the same either way.
/// </summary>
[Trait("Store", "sqlite")]
public sealed class CommonWordTests(CommonWordTests.Data data) : IClassFixture<CommonWordTests.Data>
{
    public sealed class Data : EventTrackerApp, IAsyncLifetime
    {
        public long State { get; private set; }
        public List<long> Espionage { get; } = [];
        public long Zakat { get; private set; }

        public async Task InitializeAsync()
        {
            var seed = new Seeder(CreateEditorClient());
            State = await seed.OrganizationAsync("Common Word State");
            // Dates run backwards against ids, so date order is not id order.
            for (var i = 0; i < 40; i++)
            {
                var date = new DateOnly(2021, 1, 1).AddDays(100 - i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var id = await seed.SimpleEventAsync(i % 2 == 0 ? $"Expulsion {i} over espionage" : $"Statement {i} on visas", date, State);
                if (i % 2 == 0)
                {
                    Espionage.Insert(0, id);
                }
            }

            Zakat = await seed.SimpleEventAsync("A zakat dispute", "2020-05-05", State);
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private async Task<bool> IsCommonAsync(string words)
    {
        await using var connection = await data.Services.GetRequiredService<SqliteConnectionFactory>().OpenAsync();
        return await SqliteTimelineStore.CountsAsCommonAsync(connection, FullTextQuery.From(Api.Values.SearchText.From(words))!, CancellationToken.None);
    }

    [Fact]
    public async Task AWordInManyEventsIsCommonAndARareOneIsNot()
    {
        Assert.True(await IsCommonAsync("espionage"));
        Assert.False(await IsCommonAsync("zakat"));
        Assert.False(await IsCommonAsync("nowhere"));
    }

    [Fact]
    public async Task AWordSearchedWithinAnOrganizationWalksThatIndexAndIsNeverMarkedCommon()
    {
        await using var read = await data.Services.GetRequiredService<ITimelineStore>().OpenAsync(CancellationToken.None);
        var filters = await read.ResolveAsync(new TimelineFilters { Q = "espionage", Organization = [data.State] });
        Assert.True(await IsCommonAsync("espionage"));

        // Even for a common word, the organization's own date-ordered index drives, and no "+" hint turns the text lookup off.
        var (sql, parameters) = TimelineSql.Page(data.Services.GetRequiredService<SqliteDialect>(), filters, FullTextQuery.From(filters.Search), matchIsCommon: false, null, false, 4);
        using var connection = data.OpenDatabase();
        var plan = connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters)
            .Select(row => row.Detail).ToList();
        Assert.Contains(plan, step => step.Contains("ix_participants_organization_date", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.DoesNotContain("+e.id", sql, StringComparison.Ordinal);

        var page = (await read.ReadIdsAsync(filters, null, false, 100)).Select(row => row.EventId).ToList();
        Assert.Equal(data.Espionage, page);
    }

    [Theory]
    [InlineData("asc")]
    [InlineData("desc")]
    public async Task EveryPageOfACommonWordComesInDateOrder(string order)
    {
        var expected = order == "asc" ? data.Espionage : Enumerable.Reverse(data.Espionage).ToList();
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/timeline?q=espionage&limit=3&order={order}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var response = await data.CreateClient().GetAsync(url);
            var page = await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task ARareWordIsFoundAsBefore()
    {
        var page = await (await data.CreateClient().GetAsync("/api/v1/timeline?q=zakat")).ReadJsonAsync();
        Assert.Equal([data.Zakat], page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task TheHistogramOfACommonWordCountsEveryMatch()
    {
        var body = await (await data.CreateClient().GetAsync("/api/v1/timeline/histogram?q=espionage&interval=year")).ReadJsonAsync();
        Assert.Equal(20, body.GetProperty("buckets").EnumerateArray().Sum(bucket => bucket.GetProperty("total").GetInt64()));
    }
}
