using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using EventTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Import;

/// <summary>
/// The import reads most lines straight into their requests and the others as node trees, whose path words the errors. Every line
/// here, imported once as usual and once with <c>Import:TypedLines</c> off (every line a tree, as before), must get the same answer:
/// the same counts, and the same failed lines with the same paths and messages. The lines are the error corpus and lines that name
/// records by external id in unusual ways.
/// </summary>
public sealed class TypedLinesMatchTreeLinesTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private const string G = "\"type\":\"statement\",\"date\":\"2021-10-07\",\"status\":\"completed\"";

    private static readonly string[] ReferenceLines =
    [
        // {p}: records both runs share; {r}: this run's own external ids.
        $$"""{"kind":"event","externalId":"{r}:role-first",{{G}},"title":"Role first","participants":[{"role":"initiator","organizationExternalId":"{p}:a"}]}""",
        $$"""{"kind":"event","externalId":"{r}:reversed",{{G}},"title":"Reversed","relations":[{"targetEventExternalId":"{p}:e","type":"follows_up"}],"citations":[{"speakerActorExternalId":"{p}:x","quote":"q","sourceExternalId":"{p}:s"}],"participants":[{"actorExternalId":"{p}:x","role":"spokesperson"},{"organizationExternalId":"{p}:b","role":"target"}]}""",
        $$"""{"kind":"event","externalId":"{r}:twice",{{G}},"title":"Same organization twice","participants":[{"organizationExternalId":"{p}:a","role":"initiator"},{"organizationExternalId":"{p}:a","role":"target"}]}""",
        $$"""{"kind":"event","externalId":"{r}:twice-same-role",{{G}},"title":"Same role twice","participants":[{"organizationExternalId":"{p}:a","role":"target"},{"organizationId":{a},"role":"target"}]}""",
        $$"""{"kind":"event","externalId":"{r}:null-id",{{G}},"title":"Null id","participants":[{"organizationId":null,"organizationExternalId":"{p}:a","role":"target"},{"organizationExternalId":"{p}:b","organizationId":null,"role":"initiator"}]}""",
        $$"""{"kind":"event","externalId":"{r}:both",{{G}},"title":"Both","participants":[{"organizationId":{a},"organizationExternalId":"{p}:a","role":"target"}]}""",
        $$"""{"kind":"event","externalId":"{r}:null-external",{{G}},"title":"Null external id","participants":[{"organizationExternalId":null,"role":"target"}]}""",
        $$"""{"kind":"event","externalId":"{r}:number-external",{{G}},"title":"Number external id","participants":[{"organizationExternalId":5,"role":"target"}]}""",
        $$"""{"kind":"event","externalId":"{r}:unknown",{{G}},"title":"Unknown","participants":[{"actorExternalId":"{p}:nobody","role":"target"},{"organizationExternalId":"{p}:d","role":"target"}],"citations":[{"sourceExternalId":"{p}:nothing"}],"relations":[{"type":"follows_up","targetEventExternalId":"{p}:never"}]}""",
        $$"""{"kind":"event","externalId":"{r}:unknown-and-bad-type",{{G}},"title":1,"participants":[{"organizationExternalId":"{p}:nowhere","role":"target"}]}""",
        $$"""{"kind":"event","externalId":"{r}:unknown-and-invalid",{{G}},"title":"","participants":[{"organizationExternalId":"{p}:nowhere","role":"target"}]}""",
        $$"""{"kind":"event","externalId":"{r}:unknown-field-in-part",{{G}},"title":"Unknown field","participants":[{"organizationExternalId":"{p}:a","role":"target","colour":"red"}]}""",
        $$"""{"kind":"event","externalId":"{r}:external-in-wrong-place",{{G}},"title":"Wrong place","organizationExternalId":"{p}:a"}""",
        $$"""{"kind":"event","externalId":"{r}:many",{{G}},"title":"Many","participants":{participants101}""" + "}",
        $$"""{"kind":"event","externalId":"{r}:answer",{{G}},"title":"Answers an earlier line","relations":[{"type":"responds_to","targetEventExternalId":"{r}:role-first"}]}""",
        """{"type":"statement","date":"2021-10-07","status":"completed","title":"Kind last","participants":[{"organizationExternalId":"{p}:a","role":"target"}],"externalId":"{r}:kind-last","kind":"event"}""",
        $$"""{"kind":"event",{{G}},"title":"No external id"}""",
        $$"""{"kind":"event","externalId":"",{{G}},"title":"Empty external id"}""",
        $$"""{"kind":"event","externalId":"{r}:tab\there",{{G}},"title":"Tab in external id"}""",
        $$"""{"kind":"events","externalId":"{r}:bad-kind",{{G}},"title":"Bad kind"}""",
        $$"""{"kind":"event","externalId":"{r}:two-kinds",{{G}},"title":"Two kinds","kind":"source"}""",
        $$"""{"kind":7,"externalId":"{r}:number-kind",{{G}},"title":"Number kind"}""",
        $$"""{"Kind":"event","externalId":"{r}:kind-case",{{G}},"title":"Kind in another case"}""",
        $$"""{"kind":"event","externalId":"{r}:title-case",{{G}},"Title":"Title in another case","Participants":[{"organizationExternalId":"{p}:a","role":"target"}]}""",
        $$"""{"kind":"event","externalId":"{r}:title-case-ok",{{G}},"TITLE":"Title in capitals"}""",
        $$"""{"kind":"event","externalId":"{r}:escaped",{{G}},"ti\u0074le":"Escaped","participants":[{"organization\u0045xternalId":"{p}:a","role":"target"}]}""",
        $$"""{"kind":"event","externalId":"{r}:role-first",{{G}},"title":"Role first, changed","participants":[{"role":"target","organizationExternalId":"{p}:a"}]}""",
        """{"kind":"event",""",
        """["kind","event"]""",
        """null""",
        $$"""{"kind":"organization","externalId":"{r}:ministry","name":"Ministry","organizationKind":"ministry","countryCode":"BE","parentExternalId":"{p}:a"}""",
        $$"""{"kind":"organization","externalId":"{r}:orphan","name":"Orphan","organizationKind":"ministry","countryCode":"BE","parentExternalId":"{p}:nowhere"}""",
        $$"""{"kind":"organization","externalId":"{r}:no-own-kind","name":"No own kind"}""",
        $$"""{"kind":"organization","externalId":"{r}:parent-both","name":"Both","organizationKind":"other","parentId":{a},"parentExternalId":"{p}:a"}""",
        $$"""{"kind":"actor","externalId":"{r}:envoy","name":"Envoy","affiliations":[{"title":"envoy","organizationExternalId":"{p}:a"},{"organizationExternalId":"{p}:nowhere"}]}""",
        $$"""{"kind":"actor","externalId":"{r}:speaker","name":"Speaker","affiliations":[{"organizationExternalId":"{p}:b","from":"2020"}]}""",
        $$"""{"kind":"source","externalId":"{r}:source","title":"Source","url":"https://example.org/{r}"}""",
    ];

    [Fact]
    public async Task TypedLinesGetTheAnswersOfLinesReadAsTrees()
    {
        var p = Unique("shared");
        var ids = await SharedRecordsAsync(p);
        var corpus = new List<string>(ReferenceLines);
        foreach (var (kind, bodies) in new[]
                 {
                     ("organization", ImportErrorCorpus.Organizations), ("actor", ImportErrorCorpus.Actors),
                     ("source", ImportErrorCorpus.Sources), ("event", ImportErrorCorpus.Events),
                 })
        {
            corpus.AddRange(ImportMatchesApiErrorsTests.Fill(bodies, ids).Select((body, i) => AsLine(kind, $"{{r}}:{kind}:{i}", body)));
        }

        corpus = ImportMatchesApiErrorsTests.Fill([.. corpus], ids).Select(line => line.Replace("{p}", p, StringComparison.Ordinal)).ToList();

        // Disposed with the fixture, which owns the factories it derives.
        var trees = app.WithWebHostBuilder(builder => builder.UseSetting("Import:TypedLines", "false"));
        var typedRun = Unique("typed");
        var treeRun = Unique("trees"); // as long as the typed run's: messages quote positions in external ids
        var typed = await ImportAsync(app.CreateClientWithKey(EventTrackerApp.AdminKey), corpus, typedRun);
        var tree = await ImportAsync(trees.CreateClient(), corpus, treeRun);

        Assert.True(typed.GetProperty("failed").GetInt32() > 40, typed.ToString());
        Assert.True(typed.GetProperty("created").GetInt32() > 10, typed.ToString());
        Assert.Equal(tree.ToString().Replace(treeRun, "{r}", StringComparison.Ordinal), typed.ToString().Replace(typedRun, "{r}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReferencesInAnyOrderOrNamedTwiceLandInTheirIdFields()
    {
        var p = Unique("landing");
        var ids = await SharedRecordsAsync(p);
        var report = await app.ImportAsync(
        [
            $$"""{"kind":"event","externalId":"{{p}}:ev",{{G}},"title":"Landing {{p}}","relations":[{"targetEventExternalId":"{{p}}:e","type":"follows_up"}],"citations":[{"speakerActorExternalId":"{{p}}:x","quote":"q","sourceExternalId":"{{p}}:s"}],"participants":[{"role":"spokesperson","actorExternalId":"{{p}}:x"},{"organizationExternalId":"{{p}}:nowhere","organizationExternalId":"{{p}}:b","role":"target"},{"organizationId":null,"organizationExternalId":"{{p}}:b","role":"initiator"}]}""",
        ]);
        Assert.Equal(1, report.GetProperty("created").GetInt32());

        using var db = app.OpenDatabase();
        var id = db.ExecuteScalar<long>("SELECT id FROM events WHERE external_id = @Id", new { Id = $"{p}:ev" });
        var stored = await (await app.CreateClient().GetAsync($"/api/v1/events/{id}")).ReadJsonAsync();
        static string Named(JsonElement participant, string field) =>
            participant.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number ? $"{field} {value} {participant.GetProperty("role").GetString()}" : "";
        Assert.Equal(
            [$"actorId {ids["{actor}"]} spokesperson", $"organizationId {ids["{b}"]} initiator", $"organizationId {ids["{b}"]} target"],
            stored.GetProperty("participants").EnumerateArray().Select(participant => Named(participant, "organizationId") + Named(participant, "actorId")).Order(StringComparer.Ordinal));
        var citation = stored.GetProperty("citations")[0];
        Assert.Equal((ids["{source}"], ids["{actor}"]), (citation.GetProperty("sourceId").ToString(), citation.GetProperty("speakerActorId").ToString()));
        Assert.Equal(ids["{event}"], stored.GetProperty("relations")[0].GetProperty("targetEventId").ToString());
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, List<string> corpus, string run)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import")
        {
            Content = new NdjsonContent(corpus.Select(line => line.Replace("{r}", run, StringComparison.Ordinal))),
        };
        request.Headers.Add("X-Api-Key", EventTrackerApp.AdminKey);
        var response = await client.SendAsync(request);
        var report = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, report.ToString());
        return report;
    }

    /// <summary>Records the lines name: by external id ({p}:a, b, x, s, e; {p}:d deleted) and by id, as the error corpus's placeholders.</summary>
    private async Task<Dictionary<string, string>> SharedRecordsAsync(string p)
    {
        var report = await app.ImportAsync(
        [
            $$"""{"kind":"organization","externalId":"{{p}}:a","name":"A","organizationKind":"state","countryCode":"BE"}""",
            $$"""{"kind":"organization","externalId":"{{p}}:b","name":"B","organizationKind":"other"}""",
            $$"""{"kind":"organization","externalId":"{{p}}:d","name":"D","organizationKind":"other"}""",
            $$"""{"kind":"actor","externalId":"{{p}}:x","name":"X"}""",
            $$"""{"kind":"source","externalId":"{{p}}:s","title":"S","url":"https://example.org/{{p}}"}""",
            $$"""{"kind":"event","externalId":"{{p}}:e",{{G.Replace("2021-10-07", "2021-10-06", StringComparison.Ordinal)}},"title":"E","participants":[{"organizationExternalId":"{{p}}:a","role":"initiator"}]}""",
        ]);
        Assert.Equal(6, report.GetProperty("created").GetInt32());

        using var db = app.OpenDatabase();
        long Id(string table, string externalId) =>
            db.ExecuteScalar<long>($"SELECT id FROM {table} WHERE external_id = @Id", new { Id = $"{p}:{externalId}" });
        var client = app.CreateEditorClient();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/organizations/{Id("organizations", "d")}")).StatusCode);
        var deleted = (await (await client.PostAsJsonAsync("/api/v1/organizations", new { name = "Gone", kind = "other" })).ReadJsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/organizations/{deleted}")).StatusCode);
        return new Dictionary<string, string>
        {
            ["{org}"] = Id("organizations", "a").ToString(), ["{a}"] = Id("organizations", "a").ToString(), ["{b}"] = Id("organizations", "b").ToString(),
            ["{deleted}"] = deleted.ToString(), ["{actor}"] = Id("actors", "x").ToString(), ["{source}"] = Id("sources", "s").ToString(),
            ["{event}"] = Id("events", "e").ToString(), ["{missing}"] = "987654321", ["{url}"] = $"https://example.org/{p}",
        };
    }

    /// <summary>The import line for an API body: the record kind and external id first, an organization's own kind renamed.</summary>
    private static string AsLine(string kind, string externalId, string body)
    {
        var line = new JsonObject { ["kind"] = kind, ["externalId"] = externalId };
        foreach (var (name, value) in ((JsonObject)JsonNode.Parse(body)!).ToList())
        {
            line[kind == "organization" && name == "kind" ? "organizationKind" : name] = value?.DeepClone();
        }

        return line.ToJsonString();
    }
}
