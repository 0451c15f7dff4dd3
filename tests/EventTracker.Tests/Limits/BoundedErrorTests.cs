using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventTracker.Tests.Events;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Limits;

/// <summary>
/// Error answers are bounded: a list over its maximum size is one error, not one per item,
/// and no answer lists more than 100 messages; <c>omittedErrors</c> counts the rest.
/// </summary>
public sealed class BoundedErrorTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private const int Huge = 20_000;

    private readonly HttpClient _editor = app.CreateEditorClient();

    private static JsonArray Repeat(int count, Func<int, JsonNode?> item) => new(Enumerable.Range(0, count).Select(item).ToArray());

    private async Task<(JsonElement Problem, long Bytes)> PostAsync(string path, JsonObject body)
    {
        var response = await _editor.PostAsync(path, JsonContent.Create(body));
        var bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        return (problem, bytes);
    }

    private static int Messages(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Sum(path => path.Value.GetArrayLength());

    [Fact]
    public async Task AnEventWithTwentyThousandBadParticipantsIsOneErrorNotOnePerParticipant()
    {
        // Each participant breaks two item rules (both ids, no role): before, 40 000 messages twice over (8 MB).
        var body = EventTestData.Valid(1, 1);
        body["participants"] = Repeat(Huge, i => new JsonObject { ["organizationId"] = 1, ["actorId"] = 1 });

        var (problem, bytes) = await PostAsync("/api/v1/events", body);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["participants"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal("20000 items: at most 100 participants.", errors.GetProperty("participants").EnumerateArray().Single().GetString());
        Assert.Equal(1, problem.GetProperty("invalidParams").GetArrayLength());
        Assert.Equal(0, problem.GetProperty("omittedErrors").GetInt32());
        Assert.True(bytes < 4096, $"{bytes} bytes");
    }

    [Theory]
    [InlineData("quantities")]
    [InlineData("citations")]
    [InlineData("relations")]
    [InlineData("tags")]
    public async Task EveryListOfAnEventOverItsMaximumIsOneError(string list)
    {
        var body = EventTestData.Valid(1, 1);
        body[list] = Repeat(Huge, _ => list == "tags" ? "" : new JsonObject());

        var (problem, _) = await PostAsync("/api/v1/events", body);

        var max = list == "tags" ? 50 : 100;
        Assert.Equal([$"{Huge} items: at most {max} {list}."], problem.GetProperty("errors").GetProperty(list).EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(1, Messages(problem));
    }

    [Fact]
    public async Task ExternalIdsBeyondOnePerDataSetAreOneError()
    {
        var body = EventTestData.Valid(1, 1);
        var ids = new JsonObject();
        for (var i = 0; i < Huge; i++)
        {
            ids[$"set{i}"] = "";
        }

        body["externalIds"] = ids;

        var (problem, _) = await PostAsync("/api/v1/events", body);

        Assert.Equal(1, Messages(problem));
        Assert.StartsWith($"{Huge} items: at most 5 externalIds", problem.GetProperty("errors").GetProperty("externalIds")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AliasesAndAffiliationsOverTheirMaximumAreOneErrorEach()
    {
        var organization = new JsonObject { ["name"] = "NATO", ["kind"] = "alliance", ["aliases"] = Repeat(Huge, _ => "") };
        var (problem, _) = await PostAsync("/api/v1/organizations", organization);
        Assert.Equal([$"{Huge} items: at most 100 aliases."], problem.GetProperty("errors").GetProperty("aliases").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(1, Messages(problem));

        var actor = new JsonObject
        {
            ["name"] = "Maria Zakharova",
            ["aliases"] = Repeat(Huge, _ => ""),
            ["affiliations"] = Repeat(Huge, _ => new JsonObject { ["from"] = "not a date" }),
        };
        (problem, _) = await PostAsync("/api/v1/actors", actor);
        Assert.Equal(["aliases", "affiliations"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().Reverse());
        Assert.Equal(2, Messages(problem));
    }

    [Fact]
    public async Task AnAnswerListsAtMostOneHundredErrorsAndCountsTheRest()
    {
        // Within every maximum, but 400 messages: 100 participants with both ids and no role, 100 empty quantities.
        var body = EventTestData.Valid(1, 1);
        body["participants"] = Repeat(100, i => new JsonObject { ["organizationId"] = i + 1, ["actorId"] = i + 1 });
        body["quantities"] = Repeat(100, _ => new JsonObject());

        var (problem, bytes) = await PostAsync("/api/v1/events", body);

        Assert.Equal(100, Messages(problem));
        Assert.Equal(100, problem.GetProperty("invalidParams").GetArrayLength());
        Assert.Equal(300, problem.GetProperty("omittedErrors").GetInt32());
        Assert.Contains("300 more", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The first errors found are the ones listed, in both members alike.
        Assert.Equal("participants[0].organizationId", problem.GetProperty("invalidParams")[0].GetProperty("name").GetString());
        var listed = problem.GetProperty("errors").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateArray().Select(message => (path.Name, message.GetString())));
        var invalidParams = problem.GetProperty("invalidParams").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("reason").GetString()));
        Assert.Equal(listed, invalidParams);
        Assert.True(bytes < 32 * 1024, $"{bytes} bytes");
    }

    [Fact]
    public async Task AFewErrorsAreAllListedWithNoneOmitted()
    {
        var body = EventTestData.Valid(1, 1);
        body["title"] = "";

        var (problem, _) = await PostAsync("/api/v1/events", body);

        Assert.Equal(0, problem.GetProperty("omittedErrors").GetInt32());
        Assert.DoesNotContain("more are not", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
