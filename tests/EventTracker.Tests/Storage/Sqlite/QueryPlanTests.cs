using Dapper;
using EventTracker.Api.Storage.Relational;
using EventTracker.Api.Storage.Sqlite;
using EventTracker.Api.Timeline;
using EventTracker.Api.Values;
using EventTracker.Tests.Infrastructure;
using EventTracker.Tests.Timeline;
using Microsoft.Extensions.DependencyInjection;

namespace EventTracker.Tests.Storage.Sqlite;

/// <summary>
/// The main timeline shapes read an index in order: no scan of the events table and no temporary
/// B-tree to sort. Checked with EXPLAIN QUERY PLAN on the SQL the service runs.
/// </summary>
[Trait("Store", "sqlite")]
public sealed class QueryPlanTests(TimelineDataSet data) : IClassFixture<TimelineDataSet>
{
    private static ResolvedFilters Filters(
        IReadOnlyList<long>? organizations = null, IReadOnlyList<long>? actors = null, IReadOnlyList<string>? types = null,
        string? from = null, string? to = null, string? words = null, IReadOnlyList<long>? counterparts = null) =>
        new(organizations, actors, counterparts, types, null, null, null,
            from is null ? null : PartialDate.Parse(from), to is null ? null : PartialDate.Parse(to), false, SearchText.From(words), null, null, null);

    private List<string> Plan(ResolvedFilters filters, bool descending, bool withCursor, bool matchIsCommon = false) =>
        Explain(TimelineSql.Page(data.Services.GetRequiredService<SqliteDialect>(), filters, FullTextQuery.From(filters.Search), matchIsCommon,
            withCursor ? new TimelinePosition("2021-10-06", 5) : null, descending, 51));

    private List<string> Explain((string Sql, DynamicParameters Parameters) query)
    {
        _ = data.Services;
        var (sql, parameters) = query;
        using var connection = data.OpenDatabase();
        return connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters)
            .Select(row => row.Detail).ToList();
    }

    private static void AssertIndexOnly(List<string> plan, string index)
    {
        var text = string.Join("\n", plan);
        Assert.Contains(plan, step => step.Contains(index, StringComparison.Ordinal));
        Assert.DoesNotContain("TEMP B-TREE", text, StringComparison.Ordinal);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN e", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN p", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void ByOrganizationReadsTheParticipantIndexInOrder(bool descending, bool withCursor) =>
        AssertIndexOnly(Plan(Filters(organizations: [data.Nato]), descending, withCursor), "ix_participants_organization_date");

    [Fact]
    public void ByOrganizationAndDateRangeSearchesTheParticipantIndex()
    {
        var plan = Plan(Filters(organizations: [data.Nato], from: "2021", to: "2021"), false, true);
        AssertIndexOnly(plan, "COVERING INDEX ix_participants_organization_date");
        Assert.Contains(plan, step => step.StartsWith("SEARCH p", StringComparison.Ordinal) && step.Contains("event_span_start>", StringComparison.Ordinal));
        // The end of each event's date is on the participant row: the events table is not visited.
        Assert.DoesNotContain(plan, step => step.Contains(" e ", StringComparison.Ordinal) || step.EndsWith(" e", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void SeveralOrganizationsAreMergedInIndexOrderWithoutSortingTheirRows(bool descending, bool withCursor)
    {
        var scope = new[] { data.Russia, data.Ministry, data.Mission };
        foreach (var filters in new[]
                 {
                     Filters(organizations: scope, from: "2018", to: "2021"),
                     Filters(organizations: scope, from: "2018", to: "2021", counterparts: [data.Nato]),
                 })
        {
            var plan = Plan(filters, descending, withCursor);
            AssertIndexOnly(plan, "ix_participants_organization_date");
            Assert.Contains(plan, step => step.StartsWith("MERGE", StringComparison.Ordinal));
            Assert.True(scope.Length == plan.Count(step => step.StartsWith("SEARCH p USING", StringComparison.Ordinal)), string.Join("\n", plan));
        }
    }

    [Fact]
    public void ByActorReadsTheParticipantIndexInOrder() =>
        AssertIndexOnly(Plan(Filters(actors: [data.Zakharova]), false, true), "ix_participants_actor_date");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ByTypeAndDateRangeSearchesTheTypeIndex(bool descending)
    {
        var plan = Plan(Filters(types: ["expulsion"], from: "2021-01", to: "2021-12"), descending, true);
        AssertIndexOnly(plan, "ix_events_live_by_type_date");
        Assert.Contains(plan, step => step.StartsWith("SEARCH e", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void ByDateAloneReadsTheDateIndexInOrder(bool descending, bool withCursor) =>
        AssertIndexOnly(Plan(Filters(), descending, withCursor), "ix_events_live_by_date");

    [Fact]
    public void ByDateRangeSearchesTheDateIndex()
    {
        var plan = Plan(Filters(from: "2021-10", to: "2021-10"), false, false);
        AssertIndexOnly(plan, "ix_events_live_by_date");
        Assert.Contains(plan, step => step.StartsWith("SEARCH e", StringComparison.Ordinal));
    }

    [Fact]
    public void ByOrganizationAloneNeverVisitsTheEventsTable()
    {
        var plan = Plan(Filters(organizations: [data.Nato]), false, true);
        AssertIndexOnly(plan, "COVERING INDEX ix_participants_organization_date");
        Assert.DoesNotContain(plan, step => step.Contains(" e ", StringComparison.Ordinal) || step.EndsWith(" e", StringComparison.Ordinal));
    }

    [Fact]
    public void HistogramOfAnOrganizationReadsTheCoveringParticipantIndexWithoutSorting()
    {
        var (sql, parameters, rowPerParticipant) = TimelineSql.HistogramRows(data.Services.GetRequiredService<SqliteDialect>(), Filters(organizations: [data.Nato, data.Russia], types: ["expulsion"]), null, ["expulsion", "statement"]);
        var plan = Explain((sql, parameters));
        Assert.True(rowPerParticipant);
        Assert.Contains(plan, step => step.StartsWith("SEARCH p USING COVERING INDEX ix_participants_organization_date", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("SCAN", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains(" e ", StringComparison.Ordinal) || step.EndsWith(" e", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public void HistogramOfAnActorCountsFromTheCoveringParticipantIndex()
    {
        var (sql, parameters, _) = TimelineSql.HistogramRows(data.Services.GetRequiredService<SqliteDialect>(), Filters(actors: [data.Zakharova]), null, ["statement"]);
        var plan = Explain((sql, parameters));
        Assert.Contains(plan, step => step.StartsWith("SEARCH p USING COVERING INDEX ix_participants_actor_date", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ACommonWordWalksTheDateIndexInOrder(bool descending) =>
        AssertIndexOnly(Plan(Filters(words: "espionage"), descending, true, matchIsCommon: true), "ix_events_live_by_date");

    [Fact]
    public void ARareWordLooksItsFewMatchesUpById()
    {
        var plan = Plan(Filters(words: "zakat"), false, false);
        Assert.Contains(plan, step => step.StartsWith("SEARCH e USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
    }
}
