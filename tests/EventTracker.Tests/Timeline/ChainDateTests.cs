using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Timeline;

/// <summary>Responses and partial dates: a response is never listed before what it answers, and a lag is never negative.</summary>
public sealed class ChainDateTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private async Task<(Seeder Seed, long State)> StateAsync(string name)
    {
        var seed = new Seeder(app.CreateEditorClient());
        return (seed, await seed.OrganizationAsync(name));
    }

    private static object Event(string title, string date, long organizationId, params (string Type, long Target)[] relations) => new
    {
        type = "statement",
        title,
        date,
        participants = new[] { new { organizationId, role = "initiator" } },
        relations = relations.Select(r => new { type = r.Type, targetEventId = r.Target }).ToArray(),
    };

    private async Task<JsonElement> ChainAsync(long id)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/events/{id}/chain");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task AResponseDatedOnlyByMonthIsListedAfterTheDayItAnswersWithAnOpenLag()
    {
        var (seed, state) = await StateAsync("Chain Month State");
        var measure = await seed.EventAsync(Event("Measure of 5 March", "2024-03-05", state));
        var response = await seed.EventAsync(Event("Response some time in March", "2024-03", state, ("responds_to", measure)));

        var chain = await ChainAsync(response);

        Assert.Equal([measure, response], chain.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("event").GetProperty("id").GetInt64()));
        var edge = Assert.Single(chain.GetProperty("edges").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, edge.GetProperty("lagDays").ValueKind);
        Assert.Equal(0, edge.GetProperty("lagDaysMin").GetInt32());
        Assert.Equal(26, edge.GetProperty("lagDaysMax").GetInt32());
    }

    [Fact]
    public async Task AResponseToAResponseStaysAfterItEvenWhenAllShareTheFirstDay()
    {
        var (seed, state) = await StateAsync("Chain Year State");
        var measure = await seed.EventAsync(Event("Measure of 1 January", "2024-01-01", state));
        var first = await seed.EventAsync(Event("Answer in 2024", "2024", state, ("responds_to", measure)));
        var second = await seed.EventAsync(Event("Answer to the answer in January", "2024-01", state, ("responds_to", first)));

        var chain = await ChainAsync(measure);

        Assert.Equal([measure, first, second], chain.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("event").GetProperty("id").GetInt64()));
        Assert.All(chain.GetProperty("edges").EnumerateArray(), edge => Assert.True(edge.GetProperty("lagDaysMin").GetInt32() >= 0));
    }

    [Fact]
    public async Task ExactDatesGiveAnExactLag()
    {
        var (seed, state) = await StateAsync("Chain Day State");
        var measure = await seed.EventAsync(Event("Measure", "2021-10-06", state));
        var response = await seed.EventAsync(Event("Response", "2021-10-18", state, ("responds_to", measure)));

        var edge = Assert.Single((await ChainAsync(measure)).GetProperty("edges").EnumerateArray());

        Assert.Equal(12, edge.GetProperty("lagDays").GetInt32());
        Assert.Equal(12, edge.GetProperty("lagDaysMin").GetInt32());
        Assert.Equal(12, edge.GetProperty("lagDaysMax").GetInt32());
        Assert.Equal(response, edge.GetProperty("fromEventId").GetInt64());
    }

    [Fact]
    public async Task AResponseDatedCertainlyBeforeWhatItAnswersIsRefused()
    {
        var (seed, state) = await StateAsync("Chain Early State");
        var measure = await seed.EventAsync(Event("Measure of 5 March", "2024-03-05", state));

        var response = await app.CreateEditorClient().PostAsJsonAsync("/api/v1/events",
            Event("Response in February", "2024-02", state, ("responds_to", measure)));

        var messages = await response.AssertValidationErrorAsync("relations[0].targetEventId");
        Assert.Contains("cannot be dated before what it answers", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFollowUpMayBeDatedLooselyAroundWhatItFollows()
    {
        var (seed, state) = await StateAsync("Chain Follow State");
        var measure = await seed.EventAsync(Event("Measure of 5 March", "2024-03-05", state));

        var followUp = await seed.EventAsync(Event("Comment in March", "2024-03", state, ("follows_up", measure)));

        var edge = Assert.Single((await ChainAsync(followUp)).GetProperty("edges").EnumerateArray());
        Assert.Equal(-4, edge.GetProperty("lagDaysMin").GetInt32());
        Assert.Equal(26, edge.GetProperty("lagDaysMax").GetInt32());
    }
}
