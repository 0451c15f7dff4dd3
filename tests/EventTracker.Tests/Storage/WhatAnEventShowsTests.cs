using System.Data.Common;
using EventTracker.Api.Storage.Relational;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Storage;

/// <summary>
/// Holds both stores' triggers to the one definition of what an event shows (<see cref="WhatAnEventShows"/>): a change
/// made outside the service — a maintenance script writing straight into the store — to anything on that list must
/// forget the stored documents that show it, and GET must show the change at once.
/// </summary>
public sealed class WhatAnEventShowsTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    /// <summary>A value each shown column can take that differs from what the test's records hold.</summary>
    private static readonly Dictionary<(string Table, string Column), string> NewValues = new()
    {
        [("organizations", "name")] = "'Renamed outside'",
        [("organizations", "kind")] = "'alliance'",
        [("organizations", "country_code")] = "'FR'",
        [("actors", "name")] = "'Actor renamed outside'",
        [("sources", "title")] = "'Retitled outside'",
        [("sources", "url")] = "'https://example.org/moved'",
        [("sources", "publisher")] = "'Publisher outside'",
        [("sources", "published_at")] = "'2020-02-02'",
        [("events", "title")] = "'Target retitled outside'",
        [("events", "date")] = "'2020-03-03'",
    };

    public static TheoryData<string, string> ShownColumns()
    {
        var data = new TheoryData<string, string>();
        foreach (var record in WhatAnEventShows.Records)
        {
            foreach (var column in record.Columns)
            {
                data.Add(record.Table, column);
            }
        }

        return data;
    }

    public static TheoryData<string> Parts() => [.. WhatAnEventShows.Parts];

    [Fact]
    public void EveryShownColumnHasAValueForTheTestsBelow() =>
        Assert.Equal(ShownColumns().Select(row => ((string)row[0], (string)row[1])).Order(), NewValues.Keys.Order());

    [Fact]
    public async Task EveryTableThatHoldsAnEventsPartsIsOnTheList()
    {
        using var db = app.OpenDatabase();
        var sql = TestStore.IsPostgres
            ? "SELECT table_name FROM information_schema.columns WHERE column_name = 'event_id' AND table_schema = current_schema()"
            : "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'event_id'";
        var tables = new List<string>();
        await using (var command = db.CreateCommand())
        {
            command.CommandText = sql;
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                tables.Add(rows.GetString(0));
            }
        }

        Assert.Equal(WhatAnEventShows.Parts.Order(), tables.Where(table => table != "event_documents").Order());
    }

    [Theory]
    [MemberData(nameof(ShownColumns))]
    public async Task AnOutsideChangeToAShownColumnForgetsTheDocumentsThatShowItAndGetShowsTheChange(string table, string column)
    {
        var events = await SeedAsync();
        var before = await GetAsync(events.Main);
        var id = table switch
        {
            "organizations" => events.Organization,
            "actors" => events.Actor,
            "sources" => events.Source,
            _ => events.Target,
        };

        await ExecuteAsync($"UPDATE {table} SET {column} = {NewValues[(table, column)]} WHERE id = {id}");

        Assert.Null(await StoredDocumentAsync(events.Main));
        Assert.NotEqual(before, await GetAsync(events.Main));
        Assert.Contains(NewValues[(table, column)].Trim('\''), await GetAsync(events.Main), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public async Task AnOutsideInsertIntoAPartTableForgetsTheDocumentOfTheEventItJoins(string part)
    {
        var events = await SeedAsync();
        var columns = PartColumns(part);
        var copied = string.Join(", ", columns.Split(", ").Select(c => c == "event_id" ? events.Other.ToString() : c));

        await ExecuteAsync($"INSERT INTO {part} ({columns}) SELECT {copied} FROM {part} WHERE event_id = {events.Main}");

        Assert.Null(await StoredDocumentAsync(events.Other));
        Assert.NotNull(await StoredDocumentAsync(events.Target));
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public async Task AnOutsideUpdateThatMovesAPartForgetsTheDocumentsOfBothEvents(string part)
    {
        var events = await SeedAsync();

        await ExecuteAsync($"UPDATE {part} SET event_id = {events.Other} WHERE event_id = {events.Main}");

        Assert.Null(await StoredDocumentAsync(events.Main));
        Assert.Null(await StoredDocumentAsync(events.Other));
        Assert.NotNull(await StoredDocumentAsync(events.Target));
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public async Task AnOutsideDeleteFromAPartTableForgetsTheDocumentOfItsEvent(string part)
    {
        var events = await SeedAsync();

        await ExecuteAsync($"DELETE FROM {part} WHERE event_id = {events.Main}");

        Assert.Null(await StoredDocumentAsync(events.Main));
        Assert.NotNull(await StoredDocumentAsync(events.Other));
    }

    private static string PartColumns(string part) =>
        new[] { EventTables.Participants, EventTables.Quantities, EventTables.Citations, EventTables.Relations, EventTables.Tags, EventTables.ExternalIds }
            .Single(table => table.Name == part).ColumnList();

    private sealed record SeededEvents(long Organization, long Actor, long Source, long Target, long Main, long Other);

    /// <summary>An event with a row in every part table, the records it shows, and another event to move parts to.</summary>
    private async Task<SeededEvents> SeedAsync()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var organization = await seed.OrganizationAsync(Unique("Shown state"), "state", "RU");
        var actor = await seed.ActorAsync(Unique("Shown speaker"));
        var source = await seed.SourceAsync(Unique("Shown report"), "https://example.org/" + Unique("shown"));
        var target = await seed.SimpleEventAsync(Unique("Shown target"), "2021-10-01", organization);
        var main = await seed.EventAsync(new
        {
            type = "expulsion",
            title = Unique("Shown main"),
            date = "2021-10-06",
            status = "completed",
            participants = new object[] { new { organizationId = organization, role = "initiator" }, new { actorId = actor, role = "spokesperson" } },
            quantities = new[] { new { kind = "diplomats_expelled", value = 8 } },
            citations = new[] { new { sourceId = source, quote = "We will answer.", speakerActorId = actor } },
            relations = new[] { new { type = "responds_to", targetEventId = target } },
            tags = new[] { "shown" },
            externalIds = new Dictionary<string, string> { ["wikidata"] = Unique("Q") },
        });
        var other = await seed.SimpleEventAsync(Unique("Shown other"), "2021-10-07", organization);
        foreach (var id in new[] { target, main, other })
        {
            Assert.NotNull(await StoredDocumentAsync(id));
        }

        return new SeededEvents(organization, actor, source, target, main, other);
    }

    private Task<string> GetAsync(long id) => app.CreateClient().GetStringAsync($"/api/v1/events/{id}");

    private async Task ExecuteAsync(string sql)
    {
        using var db = app.OpenDatabase();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string?> StoredDocumentAsync(long id)
    {
        using var db = app.OpenDatabase();
        await using DbCommand command = db.CreateCommand();
        command.CommandText = $"SELECT document FROM event_documents WHERE event_id = {id}";
        return await command.ExecuteScalarAsync() as string;
    }
}
