using System.Text.Json;
using EventTracker.Api.Events;
using EventTracker.Api.EventTypes;
using EventTracker.Tests.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventTracker.Tests.Import;

/// <summary>
/// The import's plain test of an event (<see cref="EventRequestCheck"/>) skips the validator for lines it passes, so it
/// must pass exactly what the validator passes: over every event body of the error corpus, both answer alike.
/// </summary>
public sealed class EventRequestCheckTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public async Task PlainCheckPassesExactlyTheEventsTheValidatorPasses()
    {
        var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var validator = app.Services.GetRequiredService<IValidator<EventRequest>>();
        var types = app.Services.GetRequiredService<EventTypeCatalog>();
        var ids = new Dictionary<string, string>
        {
            ["{org}"] = "1", ["{deleted}"] = "2", ["{actor}"] = "3", ["{source}"] = "4", ["{event}"] = "5", ["{missing}"] = "6",
            ["{url}"] = "https://example.org/check",
        };

        var (passed, refused) = (0, 0);
        foreach (var body in ImportMatchesApiErrorsTests.Fill(ImportErrorCorpus.Events, ids))
        {
            EventRequest? request;
            try
            {
                request = JsonSerializer.Deserialize<EventRequest>(body, json);
            }
            catch (JsonException)
            {
                continue; // refused before any rule is asked
            }

            var valid = (await validator.ValidateAsync(request!)).IsValid;
            Assert.True(valid == await EventRequestCheck.CertainlyValidAsync(request!, types), $"validator says {valid}: {body[..Math.Min(200, body.Length)]}");
            (passed, refused) = valid ? (passed + 1, refused) : (passed, refused + 1);
        }

        Assert.True(passed >= 2 && refused >= 20, $"{passed} passed, {refused} refused: the corpus no longer tests both answers");
    }
}
