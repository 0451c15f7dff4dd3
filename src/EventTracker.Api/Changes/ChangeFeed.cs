using System.Diagnostics;
using System.Globalization;
using EventTracker.Api.Actors;
using EventTracker.Api.Events;
using EventTracker.Api.History;
using EventTracker.Api.Observability;
using EventTracker.Api.Organizations;
using EventTracker.Api.Records;
using EventTracker.Api.Sources;

namespace EventTracker.Api.Changes;

/// <summary>
/// Reads pages of the change feed. The highest visible position is read first and the page only up to it: every
/// position up to it is visible (the stores write positions in commit order), so nothing below the cursor handed
/// out can appear later. Records are read after their changes, so a record may already show a later change; that
/// change follows as its own item, and a follower that applies items in order ends where GET is.
/// </summary>
public sealed class ChangeFeed(
    IChangeFeedStore store, IOrganizationStore organizations, IActorStore actors, ISourceStore sources, IEventStore events,
    EventTrackerMetrics metrics)
{
    public async Task<long> LatestPositionAsync(CancellationToken cancellationToken)
    {
        var latest = await store.LatestPositionAsync(cancellationToken);
        metrics.ChangeFeedPosition(latest);
        return latest;
    }

    public async Task<(IReadOnlyList<Change> Items, long Next)> ReadAsync(
        long after, IReadOnlyCollection<RecordKind>? kinds, int limit, CancellationToken cancellationToken)
    {
        var latest = await LatestPositionAsync(cancellationToken);
        if (latest <= after)
        {
            return ([], after);
        }

        var rows = await store.ReadAsync(after, latest, kinds, limit, cancellationToken);
        var next = rows.Count == limit ? rows[^1].Position : latest;
        if (rows.Count == 0)
        {
            return ([], next);
        }

        var organizationRecords = await LoadAsync(rows, RecordKind.Organization, organizations.FindManyAsync, cancellationToken);
        var actorRecords = await LoadAsync(rows, RecordKind.Actor, actors.FindManyAsync, cancellationToken);
        var sourceRecords = await LoadAsync(rows, RecordKind.Source, sources.FindManyAsync, cancellationToken);
        var eventRecords = await LoadAsync(rows, RecordKind.Event, events.FindManyAsync, cancellationToken);
        var items = rows.Select(row =>
        {
            var at = DateTimeOffset.Parse(row.At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return (Change)(row.Kind switch
            {
                RecordKind.Organization => new OrganizationChange(row.RecordId, row.Action, row.Version, at, organizationRecords.GetValueOrDefault(row.RecordId)),
                RecordKind.Actor => new ActorChange(row.RecordId, row.Action, row.Version, at, actorRecords.GetValueOrDefault(row.RecordId)),
                RecordKind.Source => new SourceChange(row.RecordId, row.Action, row.Version, at, sourceRecords.GetValueOrDefault(row.RecordId)),
                RecordKind.Event => new EventChange(row.RecordId, row.Action, row.Version, at, eventRecords.GetValueOrDefault(row.RecordId)),
                _ => throw new UnreachableException($"No change item for {row.Kind}."),
            });
        }).ToList();
        return (items, next);
    }

    private static async Task<IReadOnlyDictionary<long, T>> LoadAsync<T>(
        IReadOnlyList<ChangeRow> rows, RecordKind kind, Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<T>>> findMany,
        CancellationToken cancellationToken) where T : Records.IVersionedRecord
    {
        var ids = rows.Where(row => row.Kind == kind && row.Action != RevisionAction.Deleted).Select(row => row.RecordId).Distinct().ToList();
        return ids.Count == 0 ? new Dictionary<long, T>() : (await findMany(ids, cancellationToken)).ToDictionary(record => record.Id);
    }
}
