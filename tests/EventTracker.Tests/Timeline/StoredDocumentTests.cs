using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using EventTracker.Api.Events;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using EventTracker.Api.Storage;
using EventTracker.Api.Storage.Relational;
using EventTracker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static EventTracker.Tests.Infrastructure.ImportLines;
using EventTracker.Api.Paging;

namespace EventTracker.Tests.Timeline;

/// <summary>
/// The demo data plus a generated data set (seeded, so every run is the same): names with quotes, markup, accents,
/// Cyrillic and emoji, every date precision, optional parts present and absent, coordinates, relations.
/// </summary>
public sealed class GeneratedDataSet : EventTrackerApp, IAsyncLifetime
{
    public const int Events = 240;

    public string Prefix { get; } = Unique("gen");

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("Seed:Demo", "true")];

    public async Task InitializeAsync()
    {
        var random = new Random(16);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Name(string what, int i) => $"{what} {i} \"quoted\" <b>&amp;</b> 'é' Ж \U0001F30D {Prefix}";
        var lines = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            lines.Add(Line(new
            {
                kind = "organization", externalId = $"{Prefix}:org{i}", name = Name("State", i),
                organizationKind = i % 3 == 0 ? "alliance" : Pick("state", "ministry"), countryCode = i % 3 == 0 ? null : Pick("RU", "GB", "FR"),
            }));
        }

        for (var i = 0; i < 4; i++)
        {
            lines.Add(Line(new { kind = "actor", externalId = $"{Prefix}:actor{i}", name = Name("Speaker", i) }));
            lines.Add(Line(new
            {
                kind = "source", externalId = $"{Prefix}:source{i}", title = Name("Report", i),
                url = i % 2 == 0 ? $"https://example.org/{i}?a=1&b=<2>" : null, publisher = i == 1 ? null : "Agence \u00AB Presse \u00BB",
                publishedAt = Pick("2021", "2021-10-07", "2021-10-07T12:30:00Z"),
            }));
        }

        for (var i = 0; i < Events; i++)
        {
            var year = 2015 + random.Next(8);
            var (date, end) = random.Next(3) switch
            {
                0 => ($"{year}", random.Next(2) == 0 ? $"{year + 1}" : null),
                1 => ($"{year}-{1 + random.Next(12):00}", null),
                _ => ($"{year}-{1 + random.Next(12):00}-{1 + random.Next(28):00}", random.Next(3) == 0 ? $"{year}-12-31" : null),
            };
            lines.Add(Line(new
            {
                kind = "event", externalId = $"{Prefix}:event{i}",
                type = Pick("expulsion", "statement", "staff_cap", "accreditation_withdrawal", "retaliation_announced", "mission_closure"),
                // A title is one line: the tab (a control character) goes in the summary, which may hold tabs and line breaks.
                title = Name("Event", i) + (i % 7 == 0 ? " line\u2028separator" : ""),
                summary = random.Next(2) == 0 ? null : $"Summary {i}: \"{Pick("tit-for-tat", "<script>", "100 %", "\\backslash")}\"" + (i % 7 == 0 ? "\ttab" : ""),
                date, endDate = end,
                status = random.Next(4) == 0 ? null : Pick("announced", "in_effect", "completed"),
                location = random.Next(3) != 0 ? null : new
                {
                    name = Pick("Brussels", "Москва", "Zürich"), countryCode = Pick("BE", "RU", "CH"),
                    latitude = Math.Round(random.NextDouble() * 180 - 90, random.Next(1, 7)), longitude = Math.Round(random.NextDouble() * 360 - 180, 5),
                },
                participants = Enumerable.Range(0, 1 + random.Next(3)).Select(p => p == 2 && random.Next(2) == 0
                    ? (object)new { actorExternalId = $"{Prefix}:actor{random.Next(4)}", role = "spokesperson" }
                    : new { organizationExternalId = $"{Prefix}:org{(i + p) % 6}", role = p == 0 ? "initiator" : Pick("target", "affected", "mediator") }).ToArray(),
                quantities = random.Next(2) == 0 ? null : new[] { new { kind = "diplomats_expelled", value = random.Next(1, 60), unit = (string?)Pick("persons", "diplomats"), note = random.Next(2) == 0 ? null : "approx. \u2248" } },
                citations = random.Next(2) == 0 ? null : new object[]
                {
                    new { sourceExternalId = $"{Prefix}:source{random.Next(4)}", quote = random.Next(2) == 0 ? null : "\u201Cwe will respond\u201D", speakerActorExternalId = random.Next(2) == 0 ? null : $"{Prefix}:actor{random.Next(4)}", claim = Pick("reports", "confirms", "denies") },
                },
                relations = i == 0 || random.Next(3) != 0 ? null : new[] { new { type = Pick("follows_up", "part_of", "duplicates"), targetEventExternalId = $"{Prefix}:event{random.Next(i)}" } },
                tags = random.Next(2) == 0 ? null : new[] { Pick("nato-russia", "\u00E9t\u00E9", "\U0001F1F7-flag"), "z-last" },
                externalIds = random.Next(3) != 0 ? null : new Dictionary<string, string> { ["wikidata"] = $"Q{i}", ["gdelt"] = $"G{i}" },
            }));
        }

        var report = await this.ImportAsync(lines);
        Assert.True(report.GetProperty("failed").GetInt32() == 0, report.ToString()[..Math.Min(3000, report.ToString().Length)]);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// Timeline pages are written from each event's stored JSON document (design: a page costs its ids and one read).
/// The contract is that nothing changes: every page is byte for byte what serialising the records gives, the same
/// whether the documents are stored or rendered from the tables, and a document follows every change to a name it shows.
/// </summary>
public sealed class StoredDocumentTests(GeneratedDataSet app) : IClassFixture<GeneratedDataSet>
{
    /// <summary>The options the service writes its answers with.</summary>
    private JsonSerializerOptions Json => app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    private static readonly string[] Queries =
    [
        "limit=37",
        "order=desc&limit=50",
        "limit=500&type=expulsion&type=staff_cap",
        "organization=1&counterpart=2",
        "from=2018&to=2019-06&limit=11",
    ];

    /// <summary>Every page of every query, fresh from the store (not the read cache: no-cache with a key).</summary>
    private async Task<List<string>> AllPagesAsync(string query)
    {
        var client = app.CreateClientWithKey(EventTrackerApp.ReaderKey);
        var pages = new List<string>();
        string? cursor = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/timeline?{query}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            request.Headers.CacheControl = new() { NoCache = true };
            var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            var body = await response.Content.ReadAsStringAsync();
            pages.Add(body);
            cursor = JsonDocument.Parse(body).RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return pages;
    }

    private async Task<Dictionary<string, List<string>>> EveryQueryAsync()
    {
        var answers = new Dictionary<string, List<string>>();
        foreach (var query in Queries.Append($"organization={await OrganizationAsync(0)}"))
        {
            answers[query] = await AllPagesAsync(query);
        }

        return answers;
    }

    /// <summary>GET of each event: body and ETag.</summary>
    private async Task<List<(string Body, string? ETag)>> EveryEventAsync(IEnumerable<long> ids)
    {
        var client = app.CreateClient();
        var answers = new List<(string, string?)>();
        foreach (var id in ids)
        {
            var response = await client.GetAsync($"/api/v1/events/{id}");
            response.EnsureSuccessStatusCode();
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            answers.Add((await response.Content.ReadAsStringAsync(), response.Headers.ETag?.Tag));
        }

        return answers;
    }

    private async Task<long> OrganizationAsync(int index)
    {
        using var db = app.OpenDatabase();
        return Convert.ToInt64(await ScalarAsync(db, $"SELECT id FROM organizations WHERE name LIKE 'State {index} %{app.Prefix}'"));
    }

    private static async Task<object?> ScalarAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task<string?> StoredDocumentAsync(long id)
    {
        using var db = app.OpenDatabase();
        return await ScalarAsync(db, $"SELECT document FROM event_documents WHERE event_id = {id}") as string;
    }

    private async Task ForgetStoredDocumentsAsync()
    {
        using var db = app.OpenDatabase();
        await ScalarAsync(db, "DELETE FROM event_documents");
    }

    private async Task<long> StoredDocumentCountAsync()
    {
        using var db = app.OpenDatabase();
        return Convert.ToInt64(await ScalarAsync(db, "SELECT count(*) FROM event_documents d JOIN events e ON e.id = d.event_id WHERE e.deleted_at IS NULL"));
    }

    private async Task<long> LiveEventCountAsync()
    {
        using var db = app.OpenDatabase();
        return Convert.ToInt64(await ScalarAsync(db, "SELECT count(*) FROM events WHERE deleted_at IS NULL"));
    }

    private async Task FillMissingDocumentsAsync()
    {
        var filler = ActivatorUtilities.CreateInstance<EventDocumentFiller>(app.Services);
        await filler.StartAsync(CancellationToken.None);
        await filler.ExecuteTask!;
    }

    [Fact]
    public async Task EveryPageIsByteForByteWhatSerialisingItsRecordsGives()
    {
        var reader = app.CreateClient();
        var pages = (await EveryQueryAsync()).Values.SelectMany(list => list).ToList();

        Assert.Contains(pages, page => page.Contains(app.Prefix, StringComparison.Ordinal)); // the generated events are there
        foreach (var body in pages)
        {
            // What TypedResults.Ok(new Page<EventResponse>(...)) wrote before documents were stored.
            var page = JsonSerializer.Deserialize<Page<EventResponse>>(body, Json)!;
            Assert.Equal(JsonSerializer.Serialize(page, Json), body);
            foreach (var item in JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray())
            {
                Assert.Equal(await reader.GetStringAsync($"/api/v1/events/{item.GetProperty("id").GetInt64()}"), item.GetRawText());
            }
        }

        Assert.True(pages.Count >= 10, $"{pages.Count} pages");
    }

    [Fact]
    public async Task PagesFromStoredDocumentsEqualPagesRenderedFromTheTablesAndTheFillerStoresTheMissingOnes()
    {
        await FillMissingDocumentsAsync();
        Assert.Equal(await LiveEventCountAsync(), await StoredDocumentCountAsync());
        var stored = await EveryQueryAsync();
        var ids = stored.Values.SelectMany(pages => pages)
            .SelectMany(page => JsonDocument.Parse(page).RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()))
            .Distinct().ToList();
        var storedEvents = await EveryEventAsync(ids);

        await ForgetStoredDocumentsAsync();
        var rendered = await EveryQueryAsync();
        var renderedEvents = await EveryEventAsync(ids);
        await FillMissingDocumentsAsync();
        var filled = await EveryQueryAsync();

        Assert.Equal(stored, rendered);
        Assert.Equal(storedEvents, renderedEvents);
        Assert.Equal(stored, filled);
        Assert.Equal(await LiveEventCountAsync(), await StoredDocumentCountAsync());
    }

    [Fact]
    public async Task APageWithSomeDocumentsStoredAndSomeNotIsTheSameAsOneWithAllStored()
    {
        await FillMissingDocumentsAsync();
        var stored = await EveryQueryAsync();

        using (var db = app.OpenDatabase())
        {
            // Every third document gone: most pages then mix stored documents with events rendered from their tables.
            await ScalarAsync(db, "DELETE FROM event_documents WHERE event_id % 3 = 0");
        }

        var mixed = await EveryQueryAsync();
        var storedAfter = await StoredDocumentCountAsync();
        await FillMissingDocumentsAsync(); // the class's other tests read the documents this one removed

        Assert.Equal(stored, mixed);
        Assert.True(storedAfter < await LiveEventCountAsync());
    }

    [Fact]
    public async Task EveryChangeToANameAnEventShowsReachesGetAtOnceAndItsStoredDocumentAfterTheWrite()
    {
        var editor = app.CreateEditorClient();
        var seed = new Seeder(editor);
        var organization = await seed.OrganizationAsync(Unique("Doc org"), "state", "RU");
        var actor = await seed.ActorAsync(Unique("Doc speaker"));
        var source = await seed.SourceAsync(Unique("Doc report"), "https://example.org/doc");
        var target = await seed.SimpleEventAsync(Unique("Doc target"), "2021-10-01", organization);
        var @event = await seed.EventAsync(new
        {
            type = "statement", title = Unique("Doc event"), date = "2021-10-02",
            participants = new object[] { new { organizationId = organization, role = "initiator" }, new { actorId = actor, role = "spokesperson" } },
            citations = new[] { new { sourceId = source, quote = "a quote", speakerActorId = actor } },
            relations = new[] { new { type = "follows_up", targetEventId = target } },
        });

        async Task AssertStoredDocumentIsWhatGetAnswersAsync(string shows)
        {
            var current = await app.CreateClient().GetStringAsync($"/api/v1/events/{@event}");
            Assert.Contains(shows, current, StringComparison.Ordinal);
            Assert.Contains(current, (await AllPagesAsync($"organization={organization}")).Single(), StringComparison.Ordinal);

            // A changed name's documents are forgotten in its write and rendered again just after it.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (await StoredDocumentAsync(@event) != current && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(20);
            }

            Assert.Equal(current, await StoredDocumentAsync(@event));
        }

        await AssertStoredDocumentIsWhatGetAnswersAsync("a quote");
        var renamed = Unique("Renamed org");
        (await editor.PutAsJsonAsync($"/api/v1/organizations/{organization}", new { name = renamed, kind = "ministry", countryCode = "FR" })).EnsureSuccessStatusCode();
        await AssertStoredDocumentIsWhatGetAnswersAsync(renamed);
        renamed = Unique("Renamed speaker");
        (await editor.PutAsJsonAsync($"/api/v1/actors/{actor}", new { name = renamed })).EnsureSuccessStatusCode();
        await AssertStoredDocumentIsWhatGetAnswersAsync(renamed);
        renamed = Unique("Retitled report");
        (await editor.PutAsJsonAsync($"/api/v1/sources/{source}", new { title = renamed, publisher = "New publisher" })).EnsureSuccessStatusCode();
        await AssertStoredDocumentIsWhatGetAnswersAsync(renamed);
        renamed = Unique("Retitled target");
        (await editor.PutAsJsonAsync($"/api/v1/events/{target}", new
        {
            type = "statement", title = renamed, date = "2021-09",
            participants = new[] { new { organizationId = organization, role = "initiator" } },
        })).EnsureSuccessStatusCode();
        await AssertStoredDocumentIsWhatGetAnswersAsync(renamed);
        renamed = Unique("Retitled event");
        (await editor.PutAsJsonAsync($"/api/v1/events/{@event}", new
        {
            type = "expulsion", title = renamed, date = "2021-10-03", status = "completed",
            participants = new[] { new { organizationId = organization, role = "target" } },
        })).EnsureSuccessStatusCode();
        await AssertStoredDocumentIsWhatGetAnswersAsync(renamed);

        (await editor.DeleteAsync($"/api/v1/events/{@event}")).EnsureSuccessStatusCode();
        Assert.DoesNotContain($"\"id\":{@event},", string.Concat(await AllPagesAsync($"organization={organization}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeMadeOutsideTheServiceForgetsTheDocumentsThatShowIt()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var organization = await seed.OrganizationAsync(Unique("Outside org"), "state", "RU");
        var first = await seed.SimpleEventAsync(Unique("Outside first"), "2021-10-01", organization);
        var second = await seed.SimpleEventAsync(Unique("Outside second"), "2021-10-02", organization);
        Assert.NotNull(await StoredDocumentAsync(first));
        Assert.NotNull(await StoredDocumentAsync(second));

        // As a maintenance script would: straight into the store, not through the service.
        using (var db = app.OpenDatabase())
        {
            await ScalarAsync(db, $"UPDATE organizations SET name = 'Renamed outside' WHERE id = {organization}");
        }

        Assert.Null(await StoredDocumentAsync(first));
        Assert.Null(await StoredDocumentAsync(second));
        Assert.Equal(2, JsonDocument.Parse((await AllPagesAsync($"organization={organization}")).Single()).RootElement.GetProperty("items")
            .EnumerateArray().Count(item => item.GetProperty("participants")[0].GetProperty("name").GetString() == "Renamed outside"));

        await FillMissingDocumentsAsync();
        Assert.Equal(await app.CreateClient().GetStringAsync($"/api/v1/events/{first}"), await StoredDocumentAsync(first));
        using (var db = app.OpenDatabase())
        {
            await ScalarAsync(db, $"INSERT INTO event_tags (event_id, tag) VALUES ({first}, 'added-outside')");
        }

        Assert.Null(await StoredDocumentAsync(first));
        Assert.Contains("added-outside", (await AllPagesAsync($"organization={organization}")).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutsideUpdateThatMovesAPartToAnotherEventForgetsBothEventsDocuments()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var organization = await seed.OrganizationAsync(Unique("Moved part org"), "state", "FR");
        var from = await seed.SimpleEventAsync(Unique("Moved part from"), "2021-10-03", organization);
        var to = await seed.SimpleEventAsync(Unique("Moved part to"), "2021-10-04", organization);
        Assert.NotNull(await StoredDocumentAsync(from));
        Assert.NotNull(await StoredDocumentAsync(to));

        using (var db = app.OpenDatabase())
        {
            await ScalarAsync(db, $"UPDATE event_participants SET event_id = {to}, position = 1 WHERE event_id = {from}");
        }

        Assert.Null(await StoredDocumentAsync(from));
        Assert.Null(await StoredDocumentAsync(to));
        var moved = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/api/v1/events/{from}")).RootElement;
        Assert.Empty(moved.GetProperty("participants").EnumerateArray());
    }

    [Fact]
    public async Task AnImportedEventIsStoredAsItsAnswerToGet()
    {
        using var db = app.OpenDatabase();
        var id = Convert.ToInt64(await ScalarAsync(db, $"SELECT id FROM events WHERE title LIKE 'Event {GeneratedDataSet.Events - 1} %{app.Prefix}%'"));

        Assert.Equal(await app.CreateClient().GetStringAsync($"/api/v1/events/{id}"), await StoredDocumentAsync(id));
    }
}
