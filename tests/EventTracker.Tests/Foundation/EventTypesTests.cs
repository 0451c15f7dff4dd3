using System.Net;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Foundation;

public sealed class EventTypesTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public async Task EventTypesServeTheWholeTaxonomyInDesignOrder()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/event-types");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("code").GetString()).ToList();
        Assert.Equal(
        [
            "expulsion", "accreditation_withdrawal", "staff_cap", "ambassador_recall", "mission_closure",
            "relations_downgrade", "retaliation_announced", "sanction", "accusation", "statement",
            "dialogue_offer", "meeting",
        ], codes);
    }

    [Theory]
    [InlineData("expulsion", "174", "SANCTION", "expel")]
    [InlineData("accreditation_withdrawal", "161", "SANCTION", "expel")]
    [InlineData("staff_cap", "161", "SANCTION", "withdraw")]
    [InlineData("retaliation_announced", "1313", "THREATEN", "relations")]
    [InlineData("sanction", "163", "COERCE", "restrict")]
    [InlineData("accusation", "112", "ACCUSE", "disapprove")]
    [InlineData("dialogue_offer", "036", "AGREE", null)]
    [InlineData("meeting", "040", "CONSULT", null)]
    [InlineData("statement", "010", null, null)]
    public async Task EachTypeCarriesItsCameoAndPloverMapping(string code, string cameo, string? ploverType, string? ploverMode)
    {
        var items = (await (await app.CreateClient().GetAsync("/api/v1/event-types")).ReadJsonAsync()).GetProperty("items");
        var item = items.EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
        Assert.Equal(cameo, item.GetProperty("cameo").GetProperty("code").GetString());
        Assert.Equal(ploverType, item.GetProperty("plover").GetProperty("eventType").GetString());
        Assert.Equal(ploverMode, item.GetProperty("plover").GetProperty("mode").GetString());
        Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("description").GetString()));
    }
}
