using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Events;

/// <summary>An event's status is optional: null means the sources do not say, and a status filter never matches it.</summary>
public sealed class OptionalStatusTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private async Task<(long State, long Stated, long Unstated)> TwoEventsAsync(string name)
    {
        var seed = new Seeder(app.CreateEditorClient());
        var state = await seed.OrganizationAsync(name);
        var stated = await seed.SimpleEventAsync("Expulsion, completed", "2021-10-06", state, "expulsion");
        var unstated = await seed.EventAsync(new
        {
            type = "accusation",
            title = "Accusation of malign activity",
            date = "2021-10-07",
            participants = new[] { new { organizationId = state, role = "initiator" } },
        });
        return (state, stated, unstated);
    }

    private static List<long> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task AnEventWithoutStatusIsStoredWithNull()
    {
        var (_, _, unstated) = await TwoEventsAsync("Status Null State");

        var stored = await (await app.CreateClient().GetAsync($"/api/v1/events/{unstated}")).ReadJsonAsync();

        Assert.Equal(JsonValueKind.Null, stored.GetProperty("status").ValueKind);
    }

    [Fact]
    public async Task AnExplicitNullStatusIsAcceptedLikeAMissingOne()
    {
        var seed = new Seeder(app.CreateEditorClient());
        var state = await seed.OrganizationAsync("Status Explicit State");

        var created = await seed.PostAsync("/api/v1/events", new
        {
            type = "statement", title = "Statement", date = "2021", status = (string?)null,
            participants = new[] { new { organizationId = state, role = "initiator" } },
        });

        Assert.Equal(JsonValueKind.Null, created.GetProperty("status").ValueKind);
    }

    [Fact]
    public async Task AStatusFilterNeverMatchesAnEventWithoutStatus()
    {
        var (state, stated, unstated) = await TwoEventsAsync("Status Filter State");
        var client = app.CreateClient();

        var all = Ids(await (await client.GetAsync($"/api/v1/timeline?organization={state}")).ReadJsonAsync());
        var everyStatus = Ids(await (await client.GetAsync(
            $"/api/v1/timeline?organization={state}&status=announced&status=in_effect&status=completed&status=cancelled")).ReadJsonAsync());

        Assert.Equal([stated, unstated], all);
        Assert.Equal([stated], everyStatus);
    }

    [Fact]
    public async Task CsvShowsAnEmptyStatusCell()
    {
        var (state, _, unstated) = await TwoEventsAsync("Status Csv State");

        var csv = await app.CreateClient().GetStringAsync($"/api/v1/events/export?format=csv&organization={state}");
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();

        var row = rows.Single(r => (string)r["id"] == unstated.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("", row["status"]);
        Assert.Contains(rows, r => (string)r["status"] == "completed");
    }

    [Fact]
    public async Task AnImportedRecordWithoutStatusIsAccepted()
    {
        var admin = app.CreateAdminClient();
        var lines = """
            {"kind":"organization","externalId":"status-org","name":"Status Import State","organizationKind":"state","countryCode":"RU"}
            {"kind":"event","externalId":"status-event","type":"statement","title":"Imported statement","date":"2021-10","participants":[{"organizationExternalId":"status-org","role":"initiator"}]}
            """;

        var response = await admin.PostAsync("/api/v1/import", new StringContent(lines, System.Text.Encoding.UTF8, "application/x-ndjson"));

        var report = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        Assert.Equal(2, report.GetProperty("created").GetInt32());
    }
}
