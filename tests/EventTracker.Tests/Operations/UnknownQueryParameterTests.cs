using System.Net;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Operations;

public sealed class UnknownQueryParameterTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public async Task AMisspelledTimelineFilterIsA400NamingItAndTheClosestKnownName()
    {
        var messages = await (await app.CreateClient().GetAsync("/api/v1/timeline?organisation=1")).AssertValidationErrorAsync("organisation");

        Assert.Contains("Did you mean 'organization'?", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChangeFeedRefusesCursorAndListsWhatItTakes()
    {
        var messages = await (await app.CreateClient().GetAsync("/api/v1/changes?cursor=abc")).AssertValidationErrorAsync("cursor");

        Assert.Contains("after, kind, limit, wait", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/timeline/histogram?organization=1&intervall=year", "intervall")]
    [InlineData("/api/v1/events/export?format=csv&form=2021", "form")]
    [InlineData("/api/v1/organizations?query=nato", "query")]
    [InlineData("/api/v1/event-types?lang=en", "lang")]
    [InlineData("/api/v1/dyads/ledger?a=1&b=2&fromDate=2021", "fromDate")]
    [InlineData("/api/v1/events/1?expand=all", "expand")]
    public async Task EveryEndpointRefusesAParameterItDoesNotTake(string url, string parameter)
    {
        await (await app.CreateClient().GetAsync(url)).AssertValidationErrorAsync(parameter);
    }

    [Fact]
    public async Task AWriteWithAnUnknownQueryParameterWritesNothing()
    {
        var editor = app.CreateEditorClient();
        var response = await editor.PostAsync("/api/v1/organizations?dryRun=true",
            new StringContent("""{"name":"Query Param State","kind":"state","countryCode":"FI"}""", System.Text.Encoding.UTF8, "application/json"));
        await response.AssertValidationErrorAsync("dryRun");

        var list = await (await editor.GetAsync("/api/v1/organizations?q=Query%20Param%20State")).ReadJsonAsync();
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task KnownParametersInAnotherCaseAndEveryDocumentedTimelineParameterAreAccepted()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/timeline?Limit=5&ORDER=desc")).StatusCode);

        var document = await (await client.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var parameters = document.GetProperty("paths").GetProperty("/api/v1/timeline").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();
        Assert.Contains("organization", parameters);
        foreach (var name in parameters)
        {
            var response = await client.GetAsync($"/api/v1/timeline?{name}=");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var errors = (await response.ReadJsonAsync()).GetProperty("errors");
                Assert.False(errors.EnumerateObject().Any(e => e.Value.EnumerateArray().Any(m => m.GetString()!.StartsWith("Unknown query parameter", StringComparison.Ordinal))),
                    $"documented parameter {name} was refused as unknown: {errors}");
            }
        }
    }
}
