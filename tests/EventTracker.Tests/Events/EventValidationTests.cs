using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Events;

/// <summary>One test per validation rule of an event; each breaks one field of a valid body.</summary>
public sealed class EventValidationTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>, IAsyncLifetime
{
    private readonly HttpClient _editor = app.CreateEditorClient();
    private long _organization;
    private long _actor;
    private long _source;

    public async Task InitializeAsync()
    {
        var seed = new Seeder(_editor);
        _organization = await seed.OrganizationAsync("NATO " + Guid.NewGuid().ToString("N")[..6], "alliance", null);
        _actor = await seed.ActorAsync("Jens Stoltenberg");
        _source = await seed.SourceAsync("A report");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task RejectsAsync(string path, Action<JsonObject> breakIt)
    {
        var body = EventTestData.Valid(_organization, _source);
        breakIt(body);
        var response = await _editor.PostAsync("/api/v1/events", JsonContent.Create(body));
        await response.AssertValidationErrorAsync(path);
    }

    [Fact]
    public async Task ValidBodyIsAccepted()
    {
        var response = await _editor.PostAsync("/api/v1/events", JsonContent.Create(EventTestData.Valid(_organization, _source)));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    [Fact] public Task MissingTypeIsRejected() => RejectsAsync("type", b => b.Remove("type"));
    [Fact] public Task UnknownTypeIsRejected() => RejectsAsync("type", b => b["type"] = "declaration_of_war");
    [Fact] public Task MissingTitleIsRejected() => RejectsAsync("title", b => b["title"] = "");
    [Fact] public Task TitleOver300CharactersIsRejected() => RejectsAsync("title", b => b["title"] = new string('t', 301));
    [Fact] public Task SummaryOver10000CharactersIsRejected() => RejectsAsync("summary", b => b["summary"] = new string('s', 10_001));
    [Fact] public Task MissingDateIsRejected() => RejectsAsync("date", b => b.Remove("date"));
    [Fact] public Task MalformedDateIsRejected() => RejectsAsync("date", b => b["date"] = "06.10.2021");
    [Fact] public Task ImpossibleDateIsRejected() => RejectsAsync("date", b => b["date"] = "2021-02-29");
    [Fact] public Task MalformedEndDateIsRejected() => RejectsAsync("endDate", b => b["endDate"] = "end of October");
    [Fact] public Task EndDateBeforeDateIsRejected() => RejectsAsync("endDate", b => b["endDate"] = "2021-10-05");
    [Fact] public Task UnknownStatusIsRejected() => RejectsAsync("status", b => b["status"] = "rumoured");
    [Fact] public Task LocationCountryOutsideIsoIsRejected() => RejectsAsync("location.countryCode", b => b["location"]!["countryCode"] = "XX");
    [Fact] public Task LatitudeOutOfRangeIsRejected() => RejectsAsync("location.latitude", b => b["location"]!["latitude"] = 91.0);
    [Fact] public Task LongitudeOutOfRangeIsRejected() => RejectsAsync("location.longitude", b => b["location"]!["longitude"] = -180.5);
    [Fact] public Task LatitudeWithoutLongitudeIsRejected() => RejectsAsync("location.longitude", b => b["location"]!.AsObject().Remove("longitude"));

    [Fact]
    public Task ParticipantWithBothOrganizationAndActorIsRejected() =>
        RejectsAsync("participants[1].organizationId", b => b["participants"]!.AsArray().Add(new JsonObject { ["organizationId"] = _organization, ["actorId"] = _actor, ["role"] = "target" }));

    [Fact]
    public Task ParticipantWithNeitherOrganizationNorActorIsRejected() =>
        RejectsAsync("participants[1].organizationId", b => b["participants"]!.AsArray().Add(new JsonObject { ["role"] = "target" }));

    [Fact]
    public Task ParticipantReferringToAMissingOrganizationIsRejectedByPath() =>
        RejectsAsync("participants[1].organizationId", b => b["participants"]!.AsArray().Add(new JsonObject { ["organizationId"] = 999_999, ["role"] = "target" }));

    [Fact]
    public Task ParticipantReferringToAMissingActorIsRejectedByPath() =>
        RejectsAsync("participants[1].actorId", b => b["participants"]!.AsArray().Add(new JsonObject { ["actorId"] = 999_999, ["role"] = "spokesperson" }));

    [Fact]
    public Task ParticipantWithoutRoleIsRejected() =>
        RejectsAsync("participants[1].role", b => b["participants"]!.AsArray().Add(new JsonObject { ["actorId"] = _actor }));

    [Fact]
    public Task ParticipantWithUnknownRoleIsRejected() =>
        RejectsAsync("participants[1].role", b => b["participants"]!.AsArray().Add(new JsonObject { ["actorId"] = _actor, ["role"] = "villain" }));

    [Fact]
    public Task RepeatedParticipantIsRejected() =>
        RejectsAsync("participants[1]", b => b["participants"]!.AsArray().Add(new JsonObject { ["organizationId"] = _organization, ["role"] = "initiator" }));

    [Fact]
    public Task NullParticipantIsRejected() => RejectsAsync("participants[1]", b => b["participants"]!.AsArray().Add(null));

    [Fact]
    public Task QuantityWithUnknownKindIsRejected() =>
        RejectsAsync("quantities[0].kind", b => b["quantities"]![0]!["kind"] = "tanks");

    [Fact]
    public Task QuantityWithoutKindIsRejected() =>
        RejectsAsync("quantities[0].kind", b => b["quantities"]![0]!.AsObject().Remove("kind"));

    [Fact]
    public Task NegativeQuantityIsRejected() => RejectsAsync("quantities[0].value", b => b["quantities"]![0]!["value"] = -1);

    [Fact]
    public Task QuantityWithoutValueIsRejected() => RejectsAsync("quantities[0].value", b => b["quantities"]![0]!.AsObject().Remove("value"));

    [Fact]
    public Task FractionalQuantityIsRejected() => RejectsAsync("quantities[0].value", b => b["quantities"]![0]!["value"] = 2.5);

    [Fact]
    public Task CitationOfAMissingSourceIsRejectedByPath() => RejectsAsync("citations[0].sourceId", b => b["citations"]![0]!["sourceId"] = 999_999);

    [Fact]
    public Task CitationWithoutSourceIsRejected() => RejectsAsync("citations[0].sourceId", b => b["citations"]![0]!.AsObject().Remove("sourceId"));

    [Fact]
    public Task QuoteOver2000CharactersIsRejected() => RejectsAsync("citations[0].quote", b => b["citations"]![0]!["quote"] = new string('q', 2001));

    [Fact]
    public Task CitationSpeakerThatIsMissingIsRejectedByPath() => RejectsAsync("citations[0].speakerActorId", b => b["citations"]![0]!["speakerActorId"] = 999_999);

    [Fact]
    public Task CitationWithUnknownClaimIsRejected() => RejectsAsync("citations[0].claim", b => b["citations"]![0]!["claim"] = "hints");

    [Fact]
    public Task RelationToAMissingEventIsRejectedByPath() =>
        RejectsAsync("relations[0].targetEventId", b => b["relations"] = new JsonArray(new JsonObject { ["type"] = "responds_to", ["targetEventId"] = 999_999 }));

    [Fact]
    public Task RelationWithoutTypeIsRejected() =>
        RejectsAsync("relations[0].type", b => b["relations"] = new JsonArray(new JsonObject { ["targetEventId"] = 1 }));

    [Fact]
    public Task RelationWithUnknownTypeIsRejected() =>
        RejectsAsync("relations[0].type", b => b["relations"] = new JsonArray(new JsonObject { ["type"] = "causes", ["targetEventId"] = 1 }));

    [Fact]
    public Task EmptyTagIsRejected() => RejectsAsync("tags[1]", b => b["tags"]!.AsArray().Add(""));

    [Fact]
    public Task TagOver64CharactersIsRejected() => RejectsAsync("tags[1]", b => b["tags"]!.AsArray().Add(new string('t', 65)));

    [Fact]
    public Task RepeatedTagIsRejected() => RejectsAsync("tags", b => b["tags"]!.AsArray().Add("nato-russia"));

    [Fact]
    public Task ExternalIdFromAnUnknownDataSetIsRejected() => RejectsAsync("externalIds.cia", b => b["externalIds"]!["cia"] = "123");

    [Fact]
    public Task EmptyExternalIdIsRejected() => RejectsAsync("externalIds.gdelt", b => b["externalIds"]!["gdelt"] = "");

    [Fact]
    public Task UnknownFieldIsRejected() => RejectsAsync("severity", b => b["severity"] = "high");

    [Fact]
    public Task UnknownNestedFieldIsRejected() => RejectsAsync("participants[0].weight", b => b["participants"]![0]!["weight"] = 1);

    [Fact]
    public Task WrongJsonTypeIsRejected() => RejectsAsync("participants[0].organizationId", b => b["participants"]![0]!["organizationId"] = "one");

    [Fact]
    public async Task RelationToItselfIsRejectedOnUpdate()
    {
        var id = await new Seeder(_editor).EventAsync(EventTestData.Valid(_organization, _source));
        var body = EventTestData.Valid(_organization, _source);
        body["relations"] = new JsonArray(new JsonObject { ["type"] = "duplicates", ["targetEventId"] = id });
        var response = await _editor.PutAsync($"/api/v1/events/{id}", JsonContent.Create(body));
        await response.AssertValidationErrorAsync("relations[0].targetEventId");
    }
}
