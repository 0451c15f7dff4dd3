namespace EventTracker.Api.Storage;

/// <summary>
/// The stored documents a unit of work writes: for each event it wrote, its answer to GET after its last change in
/// this unit of work (its revision's snapshot, the same bytes), stored with the commit, in id order, together with
/// the documents of the events that show a record it changed (docs/architecture.md, "Stored documents").
/// </summary>
public sealed class EventDocumentWrites
{
    private readonly SortedDictionary<long, string> _documents = [];

    /// <summary>The documents to store, by event id, in id order.</summary>
    public IReadOnlyDictionary<long, string> ToStore => _documents;

    /// <summary>Event <paramref name="eventId"/> answers GET with <paramref name="json"/> after this write.</summary>
    public void Store(long eventId, string json) => _documents[eventId] = json;

    /// <summary>Event <paramref name="eventId"/> was deleted: nothing is stored for it (reads skip deleted events).</summary>
    public void Drop(long eventId) => _documents.Remove(eventId);
}
