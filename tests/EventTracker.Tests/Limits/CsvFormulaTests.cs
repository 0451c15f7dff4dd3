using System.Globalization;
using System.Text.Json;
using CsvHelper;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Limits;

/// <summary>
/// CSV formula injection (OWASP, "CSV Injection"): by default a text cell starting with =, +, -, @, tab or carriage
/// return is written quoted with a single quote before it; <c>csvFormulas=raw</c> writes it as stored; NDJSON is never changed.
/// </summary>
public sealed class CsvFormulaTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>, IAsyncLifetime
{
    private const string Formula = "=HYPERLINK(\"http://x\",\"y\")";
    private long _organization;

    public async Task InitializeAsync()
    {
        var seed = new Seeder(app.CreateEditorClient());
        _organization = await seed.OrganizationAsync("@SUM(1+1)", "other", null);
        await seed.EventAsync(new
        {
            type = "statement", title = Formula, summary = "\tcmd|' /C calc'!A0", date = "2021-10-06",
            location = new { name = "+Brussels", countryCode = "BE", latitude = -50.5, longitude = -4.25 },
            participants = new[] { new { organizationId = _organization, role = "initiator" } },
            quantities = new[] { new { kind = "staff_after", value = 10, unit = "persons" } },
            tags = new[] { "-1 diplomats" },
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<string> ExportAsync(string query) =>
        app.CreateClient().GetStringAsync($"/api/v1/events/export?organization={_organization}&{query}");

    private static IDictionary<string, object> OnlyRow(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        return reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().Single();
    }

    [Fact]
    public async Task CellsThatStartLikeAFormulaAreQuotedWithASingleQuoteByDefault()
    {
        var csv = await ExportAsync("format=csv");

        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", csv, StringComparison.Ordinal);
        var row = OnlyRow(csv);
        Assert.Equal("'" + Formula, row["title"]);
        Assert.Equal("'\tcmd|' /C calc'!A0", row["summary"]);
        Assert.Equal("'+Brussels", row["locationName"]);
        Assert.Equal("'@SUM(1+1)", row["initiators"]);
        Assert.Equal("'-1 diplomats", row["tags"]);
        // Numbers stay numbers, negative ones too; cells that do not start like a formula are unchanged.
        Assert.Equal("-50.5", row["latitude"]);
        Assert.Equal("-4.25", row["longitude"]);
        Assert.StartsWith("initiator:organization:", (string)row["participants"], StringComparison.Ordinal);
        Assert.Equal("staff_after=10 persons", row["quantities"]);
    }

    [Fact]
    public async Task TheRawOptionWritesCellsAsStored()
    {
        var csv = await ExportAsync("format=csv&csvFormulas=raw");

        Assert.DoesNotContain("'=", csv, StringComparison.Ordinal);
        var row = OnlyRow(csv);
        Assert.Equal(Formula, row["title"]);
        Assert.Equal("\tcmd|' /C calc'!A0", row["summary"]);
        Assert.Equal("+Brussels", row["locationName"]);
        Assert.Equal("@SUM(1+1)", row["initiators"]);
        Assert.Equal("-1 diplomats", row["tags"]);
    }

    [Theory]
    [InlineData("format=ndjson")]
    [InlineData("format=ndjson&csvFormulas=neutralize")]
    public async Task NdjsonIsUnchanged(string query)
    {
        var line = JsonDocument.Parse((await ExportAsync(query)).TrimEnd('\n')).RootElement;

        Assert.Equal(Formula, line.GetProperty("title").GetString());
        Assert.Equal("+Brussels", line.GetProperty("location").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnUnknownCsvFormulasValueIs400() =>
        await (await app.CreateClient().GetAsync("/api/v1/events/export?csvFormulas=escape")).AssertValidationErrorAsync("csvFormulas");
}
