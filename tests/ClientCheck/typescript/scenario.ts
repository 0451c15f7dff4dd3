// The October 2021 NATO–Russia exchange, driven through types generated from openapi/openapi.json.
// Every value read from the service is typed by the document alone: no escape hatches, no assertions.
import type { components, paths } from "./generated/schema.js";

type Schemas = components["schemas"];
type OrganizationRequest = Schemas["OrganizationRequest"];
type OrganizationResponse = Schemas["OrganizationResponse"];
type ActorResponse = Schemas["ActorResponse"];
type SourceResponse = Schemas["SourceResponse"];
type EventRequest = Schemas["EventRequest"];
type EventResponse = Schemas["EventResponse"];
type EventResponsePage = Schemas["EventResponsePage"];
type ChainResponse = Schemas["ChainResponse"];
type OrganizationHistory = Schemas["OrganizationHistory"];
type ValidationProblem = Schemas["HttpValidationProblemDetails"];
type PreconditionFailed = Schemas["PreconditionFailedProblem"];
type DraftRequest = Schemas["DraftRequest"];
type DraftResponse = Schemas["DraftResponse"];
type DraftCommitRequest = Schemas["DraftCommitRequest"];
type DraftCommitResponse = Schemas["DraftCommitResponse"];
type TimelineQuery = NonNullable<paths["/api/v1/timeline"]["get"]["parameters"]["query"]>;

const [baseUrl, apiKey] = [process.env.EVENTTRACKER_URL ?? "http://localhost:5000", process.env.EVENTTRACKER_KEY ?? ""];
const run = Date.now().toString(36);

function fail(message: string): never {
  throw new Error(message);
}

async function send<T>(method: string, path: string, body?: object, headers: Record<string, string> = {}): Promise<{ status: number; etag: string | null; body: T | null }> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { "Content-Type": "application/json", "X-Api-Key": apiKey, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: T | null = text.length > 0 ? JSON.parse(text) : null;
  return { status: response.status, etag: response.headers.get("ETag"), body: parsed };
}

async function created<T>(path: string, body: object): Promise<T> {
  const answer = await send<T>("POST", path, body);
  return answer.status === 201 && answer.body !== null ? answer.body : fail(`POST ${path} answered ${answer.status}`);
}

function query(parameters: TimelineQuery): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) search.append(name, String(item));
    }
  }
  return search.toString();
}

const natoRequest: OrganizationRequest = { name: `NATO ${run}`, kind: "alliance", aliases: ["North Atlantic Treaty Organization"] };
const nato = await created<OrganizationResponse>("/api/v1/organizations", natoRequest);
const russia = await created<OrganizationResponse>("/api/v1/organizations", { name: `Russian Federation ${run}`, kind: "state", countryCode: "RU" });
const mission = await created<OrganizationResponse>("/api/v1/organizations", {
  name: `Permanent Mission of Russia to NATO ${run}`, kind: "diplomatic_mission", countryCode: "RU", parentId: russia.id,
});
const zakharova = await created<ActorResponse>("/api/v1/actors", { name: `Maria Zakharova ${run}`, aliases: ["Мария Захарова"] });
const source = await created<SourceResponse>("/api/v1/sources", { title: `NATO expels eight Russian mission members ${run}`, publishedAt: "2021-10-06" });

const withdrawalRequest: EventRequest = {
  type: "accreditation_withdrawal",
  title: "NATO withdraws the accreditation of eight members of Russia's mission",
  date: "2021-10-06",
  status: "in_effect",
  participants: [{ organizationId: nato.id, role: "initiator" }, { organizationId: mission.id, role: "target" }],
  quantities: [{ kind: "accreditations_withdrawn", value: 8 }, { kind: "staff_before", value: 20 }, { kind: "staff_after", value: 10 }],
  citations: [{ sourceId: source.id, quote: "undeclared Russian intelligence officers", claim: "reports" }],
};
const withdrawal = await created<EventResponse>("/api/v1/events", withdrawalRequest);
const answer = await created<EventResponse>("/api/v1/events", {
  type: "retaliation_announced",
  title: "Moscow promises tit-for-tat measures",
  date: "2021-10",
  participants: [{ organizationId: russia.id, role: "initiator" }, { actorId: zakharova.id, role: "spokesperson" }],
  citations: [{ sourceId: source.id, quote: "will prepare tit-for-tat measures", speakerActorId: zakharova.id }],
  relations: [{ type: "responds_to", targetEventId: withdrawal.id }],
});
if (answer.status !== null) fail("an event without status must come back with status null");

// The dyad timeline of October 2021, a typed page of typed events.
const dyad = await send<EventResponsePage>("GET", "/api/v1/timeline?" + query({ organization: [nato.id], counterpart: russia.id, from: "2021-10", to: "2021-10", overlap: true }));
const items = dyad.body?.items ?? fail("timeline answered no page");
const first = items[0] ?? fail("the timeline is empty");
if (first.id !== withdrawal.id || first.participants.length !== 2) fail(`unexpected first event ${first.id}`);
const cap = first.quantities.find((quantity) => quantity.kind === "staff_after")?.value ?? fail("no staff_after");
console.log(`timeline: ${items.length} events; mission capped at ${cap}; next page ${dyad.body?.nextCursor ?? "none"}`);

// The chain, with lags that may be open for a partial date.
const chain = await send<ChainResponse>("GET", `/api/v1/events/${answer.id}/chain`);
const edge = chain.body?.edges[0] ?? fail("the chain has no edge");
console.log(`chain: ${chain.body?.steps.length} steps; lag ${edge.lagDays ?? `${edge.lagDaysMin}–${edge.lagDaysMax}`} days`);

// History with a typed snapshot.
const history = await send<OrganizationHistory>("GET", `/api/v1/organizations/${mission.id}/history`);
const revision = history.body?.items[0] ?? fail("no history");
if (revision.action !== "created" || revision.snapshot.parentId !== russia.id) fail("the snapshot is not the mission");
console.log(`history: ${revision.action} by ${revision.changedBy ?? "?"}, parent ${revision.snapshot.parent?.name ?? "none"}`);

// 400: what is wrong, by JSON path.
const invalid = await send<ValidationProblem>("POST", "/api/v1/events", { ...withdrawalRequest, date: "06.10.2021" });
const dateErrors = invalid.body?.errors?.["date"] ?? fail(`expected errors.date, got ${invalid.status}`);
console.log(`400: date — ${dateErrors.join("; ")}`);

// 412: a stale If-Match, and the current ETag to retry with.
const read = await send<OrganizationResponse>("GET", `/api/v1/organizations/${mission.id}`);
const stale = await send<PreconditionFailed>("PUT", `/api/v1/organizations/${mission.id}`,
  { name: mission.name, kind: mission.kind, countryCode: mission.countryCode, parentId: mission.parentId }, { "If-Match": "\"0-0\"" });
const current = stale.status === 412 ? stale.body?.currentETag : fail(`expected 412, got ${stale.status}`);
if (current !== read.etag) fail("currentETag differs from the ETag read");
console.log(`412: current ETag ${current}`);

// 304: nothing changed since the ETag was read.
const unchanged = await send<OrganizationResponse>("GET", `/api/v1/organizations/${mission.id}`, undefined, { "If-None-Match": read.etag ?? "" });
if (unchanged.status !== 304) fail(`expected 304, got ${unchanged.status}`);
console.log("304: not modified");

// Drafts: an article drafted into records, then committed unchanged (the answer is itself a commit body).
const draftRequest: DraftRequest = {
  text: "Latvia expels Belarusian diplomat\n\nLatvia on Monday ordered a Belarusian diplomat to leave the country within three days, " +
    "Latvian Foreign Minister Edgars Rinkevics said. \"We will not tolerate this,\" Rinkevics told reporters.",
  publishedAt: "2021-06-07",
  url: `https://news.example/latvia-${run}`,
};
const drafted = await send<DraftResponse>("POST", "/api/v1/drafts", draftRequest);
const draft = drafted.status === 200 && drafted.body !== null ? drafted.body : fail(`POST /api/v1/drafts answered ${drafted.status}`);
const expulsion = draft.events.find((e) => e.type === "expulsion") ?? fail("no drafted expulsion");
const deadline = expulsion.quantities.find((q) => q.kind === "deadline_days")?.value ?? fail("no deadline");
const speaker = draft.actors.find((a) => a.ref === expulsion.quotes[0]?.speaker)?.name ?? fail("no speaker");
if (deadline !== 3 || speaker !== "Edgars Rinkevics") fail(`unexpected draft: ${deadline} days, ${speaker}`);
console.log(`draft: ${expulsion.title}, ${deadline} days, quote by ${speaker}, confidence ${expulsion.confidence}`);
const commitBody: DraftCommitRequest = draft;
const committed = await send<DraftCommitResponse>("POST", "/api/v1/drafts/commit", commitBody);
const written = committed.body?.events.find((e) => e.ref === expulsion.ref) ?? fail(`commit answered ${committed.status}`);
const storedExpulsion = await send<EventResponse>("GET", `/api/v1/events/${written.id}`);
if (!storedExpulsion.body?.citations.some((c) => c.speakerName === "Edgars Rinkevics")) fail("the commit lost the quote's speaker");
console.log(`commit: event ${written.id} created with the quote of ${speaker}`);
