using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Timeline;

public sealed class ExportTests(TimelineDataSet data) : IClassFixture<TimelineDataSet>
{
    private async Task<List<JsonElement>> TimelineAsync(string query) =>
        (await (await data.CreateClient().GetAsync("/api/v1/timeline?limit=500&" + query)).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().ToList();

    [Theory]
    [InlineData("")]
    [InlineData("order=desc")]
    [InlineData("organization={nato}&counterpart={russia}")]
    [InlineData("from=2021-10&to=2021-10&overlap=true")]
    public async Task CsvParsedBackEqualsTheTimeline(string template)
    {
        var query = template.Replace("{nato}", data.Nato.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{russia}", data.Russia.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var response = await data.CreateClient().GetAsync("/api/v1/events/export?format=csv&" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);

        using var reader = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        var timeline = await TimelineAsync(query);

        Assert.Equal(timeline.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, item) = (rows[i], timeline[i]);
            Assert.Equal(item.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture), row["id"]);
            Assert.Equal(item.GetProperty("type").GetString(), row["type"]);
            Assert.Equal(item.GetProperty("title").GetString(), row["title"]);
            Assert.Equal(item.GetProperty("date").GetString(), row["date"]);
            Assert.Equal(item.GetProperty("datePrecision").GetString(), row["datePrecision"]);
            Assert.Equal(item.GetProperty("status").GetString(), row["status"]);
            var participants = item.GetProperty("participants").EnumerateArray()
                .Select(p => $"{p.GetProperty("role").GetString()}:{p.GetProperty("kind").GetString()}:" +
                             $"{(p.GetProperty("organizationId").ValueKind == JsonValueKind.Number ? p.GetProperty("organizationId") : p.GetProperty("actorId")).GetInt64()}:" +
                             p.GetProperty("name").GetString());
            Assert.Equal(string.Join(" | ", participants), row["participants"]);
            var quotes = item.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("quote").GetString());
            Assert.Equal(string.Join(" | ", quotes), row["quotes"]);
            var relations = item.GetProperty("relations").EnumerateArray()
                .Select(r => $"{r.GetProperty("type").GetString()}:{r.GetProperty("targetEventId").GetInt64()}");
            Assert.Equal(string.Join(" | ", relations), row["relations"]);
        }
    }

    [Fact]
    public async Task CsvHasAHeaderRowAndQuotesFieldsPerRfc4180()
    {
        var seed = new Seeder(data.CreateEditorClient());
        var org = await seed.OrganizationAsync("Quoting, \"Inc.\"", "other", null);
        await seed.EventAsync(new
        {
            type = "statement", title = "A title, with \"quotes\"", summary = "Line one\nline two, with \"quotes\"", date = "1990-01-01", status = "completed",
            participants = new[] { new { organizationId = org, role = "initiator" } },
        });
        var text = await data.CreateClient().GetStringAsync($"/api/v1/events/export?organization={org}");
        Assert.StartsWith("id,type,title,summary,date,datePrecision,endDate,status,", text, StringComparison.Ordinal);
        Assert.Contains("\"Line one\nline two, with \"\"quotes\"\"\"", text, StringComparison.Ordinal);
        Assert.Contains("\r\n", text, StringComparison.Ordinal);

        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var row = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().Single();
        Assert.Equal("A title, with \"quotes\"", row["title"]);
        Assert.Equal("Line one\nline two, with \"quotes\"", row["summary"]);
        Assert.Equal("Quoting, \"Inc.\"", row["initiators"]);
    }

    [Fact]
    public async Task NdjsonHasOneWholeEventPerLineInTimelineOrder()
    {
        var response = await data.CreateClient().GetAsync($"/api/v1/events/export?format=ndjson&organization={data.Russia}");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".ndjson", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var timeline = await TimelineAsync($"organization={data.Russia}");
        Assert.Equal(timeline.Select(t => t.GetRawText()), lines.Select(line => JsonDocument.Parse(line).RootElement.GetRawText()));
    }

    [Fact]
    public async Task ExportHasNoPageLimit()
    {
        var seed = new Seeder(data.CreateEditorClient());
        var org = await seed.OrganizationAsync("Bulk org", "other", null);
        for (var i = 0; i < 12; i++)
        {
            await seed.SimpleEventAsync($"Bulk {i}", $"1995-01-{i + 1:00}", org);
        }

        var lines = (await data.CreateClient().GetStringAsync($"/api/v1/events/export?format=ndjson&organization={org}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Length);
    }

    [Fact]
    public async Task EmptyExportIsJustTheHeader()
    {
        var text = await data.CreateClient().GetStringAsync($"/api/v1/events/export?organization={data.Russia}&tag=nothing");
        Assert.Single(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("format=xlsx", "format")]
    [InlineData("order=sideways", "order")]
    [InlineData("from=2021-02-30", "from")]
    public async Task InvalidExportRequestIs400(string query, string path) =>
        await (await data.CreateClient().GetAsync("/api/v1/events/export?" + query)).AssertValidationErrorAsync(path);
}
