using System.Text.Json.Nodes;

namespace EventTracker.Tests.Events;

/// <summary>A valid event body to start from; each test breaks one thing in it.</summary>
public static class EventTestData
{
    public static JsonObject Valid(long organizationId, long sourceId) => new()
    {
        ["type"] = "accreditation_withdrawal",
        ["title"] = "NATO withdraws the accreditation of eight members of Russia's mission",
        ["summary"] = "NATO withdrew the accreditation of eight members of the Russian Mission to NATO.",
        ["date"] = "2021-10-06",
        ["endDate"] = "2021-10-31",
        ["status"] = "in_effect",
        ["location"] = new JsonObject { ["name"] = "Brussels", ["countryCode"] = "BE", ["latitude"] = 50.8798, ["longitude"] = 4.4258 },
        ["participants"] = new JsonArray(new JsonObject { ["organizationId"] = organizationId, ["role"] = "initiator" }),
        ["quantities"] = new JsonArray(new JsonObject { ["kind"] = "accreditations_withdrawn", ["value"] = 8, ["unit"] = "persons" }),
        ["citations"] = new JsonArray(new JsonObject { ["sourceId"] = sourceId, ["quote"] = "eight members", ["claim"] = "reports" }),
        ["tags"] = new JsonArray("nato-russia"),
        ["externalIds"] = new JsonObject { ["wikidata"] = "Q108789537" },
    };
}
