// The October 2021 NATO–Russia exchange, driven through the C# client Kiota generates from openapi/openapi.json.
// Everything read comes from typed models; nullable warnings are errors, so every optional value is handled.
using EventTracker.Client;
using EventTracker.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using TimelineStatus = EventTracker.Client.Api.V1.Timeline.GetStatusQueryParameterType;

var baseUrl = Environment.GetEnvironmentVariable("EVENTTRACKER_URL") ?? "http://localhost:5000";
var apiKey = Environment.GetEnvironmentVariable("EVENTTRACKER_KEY") ?? "";
var run = DateTime.UtcNow.Ticks.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

// Kiota's own ApiKeyAuthenticationProvider sends keys over https only; the check runs on plain http on loopback.
var client = new EventTrackerClient(new HttpClientRequestAdapter(new ApiKeyHeader(apiKey)) { BaseUrl = baseUrl });
var v1 = client.Api.V1;

static T Required<T>(T? value, string what) where T : class => value ?? throw new InvalidOperationException($"{what} is missing");
static long Id(long? id, string what) => id ?? throw new InvalidOperationException($"{what} has no id");

var nato = Required(await v1.Organizations.PostAsync(new OrganizationRequest
{
    Name = $"NATO {run}", Kind = OrganizationKind.Alliance, Aliases = ["North Atlantic Treaty Organization"],
}), "NATO");
var russia = Required(await v1.Organizations.PostAsync(new OrganizationRequest
{
    Name = $"Russian Federation {run}", Kind = OrganizationKind.State, CountryCode = "RU",
}), "Russia");
var mission = Required(await v1.Organizations.PostAsync(new OrganizationRequest
{
    Name = $"Permanent Mission of Russia to NATO {run}", Kind = OrganizationKind.Diplomatic_mission, CountryCode = "RU", ParentId = russia.Id,
}), "the mission");
var zakharova = Required(await v1.Actors.PostAsync(new ActorRequest { Name = $"Maria Zakharova {run}", Aliases = ["Мария Захарова"] }), "Zakharova");
var source = Required(await v1.Sources.PostAsync(new SourceRequest { Title = $"NATO expels eight Russian mission members {run}", PublishedAt = "2021-10-06" }), "the source");

var withdrawal = Required(await v1.Events.PostAsync(new EventRequest
{
    Type = "accreditation_withdrawal",
    Title = "NATO withdraws the accreditation of eight members of Russia's mission",
    Date = "2021-10-06",
    Status = EventStatus.In_effect,
    Participants = [new() { OrganizationId = nato.Id, Role = ParticipantRole.Initiator }, new() { OrganizationId = mission.Id, Role = ParticipantRole.Target }],
    Quantities =
    [
        new() { Kind = QuantityKind.Accreditations_withdrawn, Value = 8 },
        new() { Kind = QuantityKind.Staff_before, Value = 20 },
        new() { Kind = QuantityKind.Staff_after, Value = 10 },
    ],
    Citations = [new() { SourceId = source.Id, Quote = "undeclared Russian intelligence officers", Claim = CitationClaim.Reports }],
}), "the withdrawal");
var answer = Required(await v1.Events.PostAsync(new EventRequest
{
    Type = "retaliation_announced",
    Title = "Moscow promises tit-for-tat measures",
    Date = "2021-10",
    Participants = [new() { OrganizationId = russia.Id, Role = ParticipantRole.Initiator }, new() { ActorId = zakharova.Id, Role = ParticipantRole.Spokesperson }],
    Citations = [new() { SourceId = source.Id, Quote = "will prepare tit-for-tat measures", SpeakerActorId = zakharova.Id }],
    Relations = [new() { Type = RelationType.Responds_to, TargetEventId = withdrawal.Id }],
}), "the answer");
Check(answer.Status is null, "an event without status comes back with status null");

// The dyad timeline of October 2021.
var page = Required(await v1.Timeline.GetAsync(request =>
{
    request.QueryParameters.Organization = [nato.Id];
    request.QueryParameters.Counterpart = russia.Id;
    request.QueryParameters.From = "2021-10";
    request.QueryParameters.To = "2021-10";
    request.QueryParameters.Overlap = true;
    request.QueryParameters.Status = [TimelineStatus.In_effect, TimelineStatus.Completed];
}), "the timeline");
var items = Required(page.Items, "the items");
var first = items.Single();
var cap = Required(first.Quantities, "quantities").Single(q => q.Kind == QuantityKind.Staff_after).Value;
Check(Id(first.Id, "the first event") == Id(withdrawal.Id, "the withdrawal"), "the status filter keeps the withdrawal and drops the unstated answer");
Console.WriteLine($"timeline: {items.Count} event, mission capped at {cap}, next page {page.NextCursor ?? "none"}");

// The chain, whose lag may be open for a partial date.
var chain = Required(await v1.Events[Id(answer.Id, "the answer")].Chain.GetAsync(), "the chain");
var edge = Required(chain.Edges, "edges").Single();
Console.WriteLine($"chain: {Required(chain.Steps, "steps").Count} steps, lag {edge.LagDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"{edge.LagDaysMin}–{edge.LagDaysMax}"} days");

// History, with the snapshot typed as an organization.
var history = Required(await v1.Organizations[Id(mission.Id, "the mission")].History.GetAsync(), "history");
var revision = Required(history.Items, "revisions").Single();
var snapshot = Required(revision.Snapshot, "the snapshot");
Check(revision.Action == RevisionAction.Created && snapshot.ParentId == russia.Id, "the snapshot is the mission as created");
Console.WriteLine($"history: {revision.Action} by {revision.ChangedBy}, parent {snapshot.Parent?.Name}");

// 400: what is wrong, by JSON path.
try
{
    await v1.Events.PostAsync(new EventRequest { Type = "expulsion", Title = "Broken", Date = "06.10.2021" });
    throw new InvalidOperationException("expected 400");
}
catch (HttpValidationProblemDetails invalid)
{
    var date = Required(invalid.InvalidParams, "invalidParams").Single(p => p.Name == "date");
    Console.WriteLine($"400: {invalid.Message}: date — {date.Reason}");
}

// 412: a stale If-Match, answered with the current ETag.
var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
var read = Required(await v1.Organizations[Id(mission.Id, "the mission")].GetAsync(request => request.Options.Add(headers)), "the mission");
var etag = headers.ResponseHeaders["ETag"].Single();
try
{
    await v1.Organizations[Id(read.Id, "the mission")].PutAsync(
        new OrganizationRequest { Name = read.Name, Kind = read.Kind, CountryCode = read.CountryCode, ParentId = read.ParentId },
        request => request.Headers.Add("If-Match", "\"0-0\""));
    throw new InvalidOperationException("expected 412");
}
catch (PreconditionFailedProblem stale)
{
    Check(stale.CurrentETag == etag, "currentETag is the ETag just read");
    Console.WriteLine($"412: {stale.Message}; current ETag {stale.CurrentETag}");
}

// 304: nothing changed since that ETag. Kiota answers a 304 with no model; the status is read from the response.
var native = new NativeResponseHandler();
var unchanged = await v1.Organizations[Id(read.Id, "the mission")].GetAsync(request =>
{
    request.Headers.Add("If-None-Match", etag);
    request.Options.Add(new ResponseHandlerOption { ResponseHandler = native });
});
Check(native.Value is HttpResponseMessage { StatusCode: System.Net.HttpStatusCode.NotModified } && unchanged is null, "If-None-Match answers 304");
Console.WriteLine("304: not modified");

// Drafts: an article drafted into records, then committed exactly as the draft answered it.
const string article = "Estonia expels Russian diplomat\n\nEstonia on Tuesday ordered a Russian diplomat to leave the country within five days, " +
                       "Estonian Foreign Minister Urmas Reinsalu said. \"This is an unacceptable activity,\" Reinsalu told reporters.";
var draft = Required(await v1.Drafts.PostAsync(new DraftRequest { Text = article, PublishedAt = "2022-01-11", Url = $"https://news.example/estonia-{run}" }), "the draft");
var expulsion = Required(draft.Events, "the drafted events").Single(e => e.Type == "expulsion");
var days = Required(expulsion.Quantities, "quantities").Single(q => q.Kind == QuantityKind.Deadline_days).Value;
var quote = Required(expulsion.Quotes, "quotes").Single();
var speaker = Required(draft.Actors, "actors").Single(a => a.Ref == quote.Speaker);
Check(days == 5 && speaker.Name == "Urmas Reinsalu", "the draft has the deadline and the quote's speaker");
Console.WriteLine($"draft: {expulsion.Title}, {days} days, quote by {speaker.Name} ({speaker.Title}), confidence {expulsion.Confidence}");

var committed = Required(await v1.Drafts.Commit.PostAsync(new DraftCommitRequest
{
    Text = draft.Text,
    Source = new DraftSourceRequest
    {
        ExistingId = draft.Source?.ExistingId, Url = draft.Source?.Url, Title = draft.Source?.Title, Publisher = draft.Source?.Publisher,
        PublishedAt = draft.Source?.PublishedAt, Language = draft.Source?.Language,
    },
    Organizations = Required(draft.Organizations, "organizations").Select(o => new DraftOrganizationRequest
    {
        Ref = o.Ref, ExistingId = o.ExistingId, Name = o.Name, Kind = o.Kind, CountryCode = o.CountryCode,
    }).ToList(),
    Actors = Required(draft.Actors, "actors").Select(a => new DraftActorRequest
    {
        Ref = a.Ref, ExistingId = a.ExistingId, Name = a.Name, Title = a.Title, Organization = a.Organization,
    }).ToList(),
    Events = Required(draft.Events, "events").Select(e => new DraftEventRequest
    {
        Ref = e.Ref, Type = e.Type, Title = e.Title, Date = e.Date, EndDate = e.EndDate, Status = e.Status,
        Participants = e.Participants?.Select(p => new DraftParticipantRequest { Organization = p.Organization, Actor = p.Actor, Role = p.Role }).ToList(),
        Quantities = e.Quantities?.Select(q => new DraftQuantityRequest { Kind = q.Kind, Value = q.Value, Unit = q.Unit }).ToList(),
        Quotes = e.Quotes?.Select(q => new DraftQuoteRequest { Text = q.Text, Speaker = q.Speaker }).ToList(),
        Relations = e.Relations?.Select(r => new DraftRelationRequest { Type = r.Type, Ref = r.Ref, ExistingId = r.ExistingId }).ToList(),
        Existing = e.Existing is { } stored ? new DraftExistingRequest { Id = stored.Id, Title = stored.Title } : null,
    }).ToList(),
}), "the commit");
var written = Required(committed.Events, "the written events").Single(e => e.Ref == expulsion.Ref);
var stored = Required(await v1.Events[Id(written.Id, "the written event")].GetAsync(), "the stored expulsion");
Check(Required(stored.Citations, "citations").Any(c => c.SpeakerName == "Urmas Reinsalu"), "the commit stored the quote with its speaker");
Console.WriteLine($"commit: event {written.Id} created, cited by source {committed.Source?.Id} with the quote of {speaker.Name}");

static void Check(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException("Failed: " + what);
    }
}

internal sealed class ApiKeyHeader(string key) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        request.Headers.Add("X-Api-Key", key);
        return Task.CompletedTask;
    }
}
