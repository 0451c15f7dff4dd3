using EventTracker.Api.Actors;
using EventTracker.Api.Auth;
using EventTracker.Api.Errors;
using EventTracker.Api.Events;
using EventTracker.Api.History;
using EventTracker.Api.Import;
using EventTracker.Api.Organizations;
using EventTracker.Api.Records;
using EventTracker.Api.Sources;
using EventTracker.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventTracker.Api.Drafts;

/// <summary>
/// Writes a reviewed draft in one unit of work through the resources' own stores: new organizations, actors and
/// the source, new events, and the article as a citation (with its quotes) of events already stored; a revision
/// for each record under the key's name, and the change feed's items with the commit. Any refusal writes nothing.
/// </summary>
public sealed class DraftCommitter(
    IStorage storage, IRecordExistence existence, RevisionWriter revisions,
    IOrganizationStore organizations, IActorStore actors, ISourceStore sources, IEventStore events)
{
    public async Task<Results<Ok<DraftCommitResponse>, ProblemHttpResult>> CommitAsync(DraftCommitRequest draft, string? keyName, CancellationToken cancellationToken)
    {
        await using var work = await storage.BeginWriteAsync(cancellationToken);
        if (await MissingAsync(work, draft) is { Count: > 0 } missing)
        {
            return ValidationProblems.For(missing);
        }

        var (source, sourceCreated) = await SourceAsync(work, draft.Source!, keyName);

        var organizationIds = new Dictionary<string, long>(StringComparer.Ordinal);
        var organizationResults = new List<DraftCommittedRecord>();
        foreach (var o in draft.Organizations ?? [])
        {
            var (id, created) = o.ExistingId is { } known ? (known, false) : (await CreateAsync(work, organizations, RecordKind.Organization, DraftRecords.Organization(o), keyName), true);
            organizationIds[o.Ref!] = id;
            organizationResults.Add(new DraftCommittedRecord(o.Ref, id, created));
        }

        var actorIds = new Dictionary<string, long>(StringComparer.Ordinal);
        var actorResults = new List<DraftCommittedRecord>();
        foreach (var a in draft.Actors ?? [])
        {
            var (id, created) = a.ExistingId is { } known
                ? (known, false)
                : (await CreateAsync(work, actors, RecordKind.Actor, DraftRecords.Actor(a, r => organizationIds.TryGetValue(r, out var o) ? o : null), keyName), true);
            actorIds[a.Ref!] = id;
            actorResults.Add(new DraftCommittedRecord(a.Ref, id, created));
        }

        long? ActorOf(string r) => actorIds.TryGetValue(r, out var id) ? id : null;
        long? OrganizationOf(string r) => organizationIds.TryGetValue(r, out var id) ? id : null;

        var eventIds = new Dictionary<string, long>(StringComparer.Ordinal);
        var all = draft.Events ?? [];
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Existing?.Id is { } existing)
            {
                eventIds[all[i].Ref!] = existing;
            }
        }

        var eventResults = new DraftCommittedRecord?[all.Count];
        if (Order(all) is not { } order)
        {
            return ValidationProblems.For("events", "The events' relations form a cycle; a drafted event cannot answer itself through others.");
        }

        foreach (var i in order)
        {
            var e = all[i];
            if (e.Existing?.Id is { } existing)
            {
                await CiteAsync(work, existing, DraftRecords.Citations(e, source, ActorOf), keyName);
                eventResults[i] = new DraftCommittedRecord(e.Ref, existing, false);
                continue;
            }

            var request = DraftRecords.NewEvent(e, source, OrganizationOf, ActorOf, r => eventIds.TryGetValue(r, out var id) ? id : null);
            if (await EventsApi.RelationCheck(events.DatesAsync)(work, null, request) is { } refused)
            {
                return Prefixed(refused, i);
            }

            var id = await CreateAsync(work, events, RecordKind.Event, request, keyName);
            eventIds[e.Ref!] = id;
            eventResults[i] = new DraftCommittedRecord(e.Ref, id, true);
        }

        await work.CommitAsync(cancellationToken);
        return TypedResults.Ok(new DraftCommitResponse(new DraftCommittedRecord(null, source, sourceCreated), organizationResults, actorResults,
            eventResults.Select(r => r!).ToList()));
    }

    /// <summary>Stored records the draft names that are not live: 400 keyed by the draft's JSON paths.</summary>
    private async Task<Dictionary<string, string[]>> MissingAsync(IUnitOfWork work, DraftCommitRequest draft)
    {
        var references = new List<RecordReference>();
        if (draft.Source!.ExistingId is { } source)
        {
            references.Add(new RecordReference("source.existingId", RecordKind.Source, source));
        }

        references.AddRange((draft.Organizations ?? []).Select((o, i) => (o, i)).Where(p => p.o.ExistingId is not null)
            .Select(p => new RecordReference($"organizations[{p.i}].existingId", RecordKind.Organization, p.o.ExistingId!.Value)));
        references.AddRange((draft.Actors ?? []).Select((a, i) => (a, i)).Where(p => p.a.ExistingId is not null)
            .Select(p => new RecordReference($"actors[{p.i}].existingId", RecordKind.Actor, p.a.ExistingId!.Value)));
        var all = draft.Events ?? [];
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Existing?.Id is { } existing)
            {
                references.Add(new RecordReference($"events[{i}].existing.id", RecordKind.Event, existing));
            }

            var relations = all[i].Relations ?? [];
            for (var j = 0; j < relations.Count; j++)
            {
                if (relations[j].ExistingId is { } target)
                {
                    references.Add(new RecordReference($"events[{i}].relations[{j}].existingId", RecordKind.Event, target));
                }
            }
        }

        if (references.Count == 0)
        {
            return [];
        }

        var live = await existence.LiveAsync(work, references.Select(r => (r.Kind, r.Id)).Distinct().ToList());
        return RecordReferences.Errors(references, (kind, id) => live.Contains((kind, id)));
    }

    private async Task<(long Id, bool Created)> SourceAsync(IUnitOfWork work, DraftSourceRequest source, string? keyName)
    {
        if (source.ExistingId is { } existing)
        {
            return (existing, false);
        }

        var request = DraftRecords.Source(source);
        if (request.Url is { } url && UrlNormalizer.TryNormalize(url, out var normalized) && await sources.FindDuplicateAsync(work, null, normalized) is { } stored)
        {
            return (stored, false);
        }

        return (await CreateAsync(work, sources, RecordKind.Source, request, keyName), true);
    }

    private async Task<long> CreateAsync<TRequest, TResponse>(IUnitOfWork work, IRecordStore<TRequest, TResponse> store, RecordKind kind, TRequest request, string? keyName)
        where TResponse : class, IVersionedRecord
    {
        var id = await store.InsertAsync(work, request, null);
        var created = (await store.FindAsync(work, id))!;
        await revisions.WriteAsync(work, kind, id, created.Version, RevisionAction.Created, created, keyName);
        return id;
    }

    /// <summary>Adds the article's citations that the stored event does not have yet; nothing else of it changes.</summary>
    private async Task CiteAsync(IUnitOfWork work, long id, List<CitationRequest> citations, string? keyName)
    {
        var current = (await events.FindAsync(work, id))!;
        var request = ImportCanonical.ToRequest(current);
        var have = request.Citations!.Select(c => (c.SourceId, c.Quote ?? "")).ToHashSet();
        var added = citations.Where(c => have.Add((c.SourceId, c.Quote ?? ""))).ToList();
        // A bare citation of the source adds nothing when the source is cited already.
        added.RemoveAll(c => c.Quote is null && request.Citations!.Any(k => k.SourceId == c.SourceId));
        if (added.Count == 0)
        {
            return;
        }

        await events.UpdateAsync(work, id, request with { Citations = [.. request.Citations!, .. added] });
        var updated = (await events.FindAsync(work, id))!;
        await revisions.WriteAsync(work, RecordKind.Event, id, updated.Version, RevisionAction.Updated, updated, keyName);
    }

    /// <summary>The events in an order where each comes after the drafted events it links to; null on a cycle.</summary>
    private static List<int>? Order(IReadOnlyList<DraftEventRequest> all)
    {
        var index = all.Select((e, i) => (e.Ref!, i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
        var state = new int[all.Count];
        var order = new List<int>(all.Count);
        bool Visit(int i)
        {
            if (state[i] == 2)
            {
                return true;
            }

            if (state[i] == 1)
            {
                return false;
            }

            state[i] = 1;
            foreach (var r in all[i].Relations ?? [])
            {
                if (r.Ref is { } target && index.TryGetValue(target, out var j) && all[i].Existing is null && !Visit(j))
                {
                    return false;
                }
            }

            state[i] = 2;
            order.Add(i);
            return true;
        }

        for (var i = 0; i < all.Count; i++)
        {
            if (!Visit(i))
            {
                return null;
            }
        }

        return order;
    }

    private static ProblemHttpResult Prefixed(ProblemHttpResult refused, int index) =>
        ValidationProblems.WithPaths(refused, path => DraftRecords.EventPath(index, path));
}
