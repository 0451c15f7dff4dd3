using System.Net;
using System.Text;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Import;

/// <summary>
/// Lines whose JSON is legal but unusual (escaped names, duplicate fields, numbers as strings, names in another case, a byte
/// order mark, CRLF endings): the import answers each exactly as the resource's POST answers the same body.
/// </summary>
public sealed class UnusualLineTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private const string Good = "\"type\":\"accreditation_withdrawal\",\"date\":\"2021-10-06\",\"status\":\"completed\"";

    [Fact]
    public async Task UnusualEventBodiesPassOrFailInTheImportAsInTheApi()
    {
        var org = await new Seeder(app.CreateEditorClient()).OrganizationAsync("Unusual state", "other", null);
        string[] bodies =
        [
            $$"""{"ti\u0074le":"Escaped name",{{Good}}}""",
            $$"""{"title":"Escaped \u00e9 value \ud83d\ude00",{{Good}}}""",
            $$"""{"title":"Twice","title":"Twice again",{{Good}}}""",
            $$"""{"title":"Twice through an escape","ti\u0074le":"x",{{Good}}}""",
            $$"""{"title":"Tags twice","tags":["a"],"tags":["b"],{{Good}}}""",
            $$"""{"title":"Ids twice","externalIds":{"gdelt":"1","gdelt":"2"},{{Good}}}""",
            $$"""{"title":"Participant field twice","participants":[{"organizationId":{{org}},"role":"target","role":"initiator"}],{{Good}}}""",
            $$"""{"title":"Number as string","quantities":[{"kind":"staff_cap","value":"8"}],{{Good}}}""",
            $$"""{"title":"Latitude as string","location":{"latitude":"50.1","longitude":4.3},{{Good}}}""",
            $$"""{"title":"Id as string","participants":[{"organizationId":"{{org}}","role":"target"}],{{Good}}}""",
            $$"""{"title":"Whole number as decimal","quantities":[{"kind":"staff_cap","value":8.0}],{{Good}}}""",
            $$"""{"title":"Exponent","quantities":[{"kind":"staff_cap","value":1e2}],"location":{"latitude":5e1,"longitude":-4.5E0},{{Good}}}""",
            $$"""{"title":"Huge number","quantities":[{"kind":"staff_cap","value":99999999999999999999}],{{Good}}}""",
            $$"""{"title":"Huge coordinate","location":{"latitude":1e400,"longitude":1},{{Good}}}""",
            $$"""{"Title":"Name in another case",{{Good}}}""",
            $$"""{"title":"Enum in another case","participants":[{"organizationId":{{org}},"role":"Target"}],{{Good}}}""",
            $$"""{"title":"Enum as number","participants":[{"organizationId":{{org}},"role":1}],{{Good}}}""",
            $$"""{"title":"Null parts","summary":null,"location":null,"participants":null,"tags":null,"externalIds":null,{{Good}}}""",
            $$"""{"title":"Null item","tags":[null],{{Good}}}""",
            $$"""{"title":"Empty object parts","location":{},"participants":[{}],{{Good}}}""",
            """{"title":"Deep unknown","x":{"a":{"b":{"c":[[[[1]]]]}}},""" + Good + "}",
            $$"""{"title":"Object for text","summary":{"text":"x"},{{Good}}}""",
            $$"""{"title":"Trailing comma",{{Good}},}""",
            $$"""{"title":"Comment" /* here */,{{Good}}}""",
        ];

        var client = app.CreateEditorClient();
        var p = Unique("unusual");
        var lines = new List<string>();
        var expected = new List<string>();
        foreach (var body in bodies)
        {
            var response = await client.PostAsync("/api/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = await response.ReadJsonAsync();
            // Where the API says "body", the import says "line"; the message is otherwise the same.
            expected.Add(response.StatusCode == HttpStatusCode.Created
                ? "(created)"
                : Show(answer.GetProperty("errors")).Replace("The body is not well-formed JSON.", "The line is not well-formed JSON.", StringComparison.Ordinal));
            // Written around the body's own bytes, so that its spelling reaches the import as it reached the API.
            lines.Add($$"""{"kind":"event","externalId":"{{p}}:{{lines.Count}}",""" + body[1..]);
        }

        var failures = Failures(await app.ImportAsync(lines));
        for (var i = 0; i < bodies.Length; i++)
        {
            Assert.True(expected[i] == failures.GetValueOrDefault(i + 1, "(created)"), $"{bodies[i]}\n  API:    {expected[i]}\n  import: {failures.GetValueOrDefault(i + 1, "(created)")}");
        }
    }

    [Fact]
    public async Task LinesEndingInCarriageReturnsImportLikeLinesEndingInNewlines()
    {
        var p = Unique("crlf");
        var body = string.Join("\r\n",
            Line(new { kind = "organization", externalId = $"{p}:org", name = "CRLF state", organizationKind = "other" }),
            Line(new { kind = "event", externalId = $"{p}:ev", type = "statement", title = "CRLF", date = "2021", participants = new[] { new { organizationExternalId = $"{p}:org", role = "initiator" } } }),
            """{"kind":"event","externalId":"bad","title":1}""") + "\r\n";
        var response = await app.CreateClientWithKey(EventTrackerApp.AdminKey).PostAsync("/api/v1/import", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var report = await response.ReadJsonAsync();
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal("title: The value has the wrong JSON type or is not one of the allowed values.", Failures(report)[3]);
    }

    [Fact]
    public async Task ALineAfterAByteOrderMarkIsNotWellFormedJsonAsBefore()
    {
        var p = Unique("bom");
        var report = await app.ImportAsync(
        [
            "\uFEFF" + Line(new { kind = "organization", externalId = $"{p}:first", name = "After a mark", organizationKind = "other" }),
            Line(new { kind = "organization", externalId = $"{p}:second", name = "Second", organizationKind = "other" }),
        ]);
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal("$: The line is not well-formed JSON.", Failures(report)[1]);
    }

    [Fact]
    public async Task ALineNamingAFieldTwiceThatCannotBeReadIsNotWellFormedJsonAndTheOthersAreKept()
    {
        var p = Unique("twice");
        var report = await app.ImportAsync(
        [
            $$"""{"kind":"event","externalId":"{{p}}:bad","title":"Twice","title":1,{{Good}}}""",
            $$"""{"kind":"event","externalId":"{{p}}:good","title":"Once",{{Good}}}""",
        ]);
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal("$: The line is not well-formed JSON.", Failures(report)[1]);
    }

    [Fact]
    public async Task ALineNestedTooDeeplyIsNotWellFormedJson()
    {
        var report = await app.ImportAsync([$$"""{"kind":"event","externalId":"{{Unique("deep")}}","x":{{new string('[', 40)}}{{new string(']', 40)}}}"""]);
        Assert.Equal("$: The line is not well-formed JSON.", Failures(report)[1]);
    }

    private static Dictionary<int, string> Failures(JsonElement report) =>
        report.GetProperty("failures").EnumerateArray().ToDictionary(f => f.GetProperty("line").GetInt32(), f => Show(f.GetProperty("errors")));

    private static string Show(JsonElement errors) =>
        string.Join("; ", errors.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => $"{e.Name}: {string.Join(" | ", e.Value.EnumerateArray().Select(m => m.GetString()))}"));
}
