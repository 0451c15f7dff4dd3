namespace EventTracker.Api.EventTypes;

/// <summary>Reads the taxonomy, which only migrations change.</summary>
public interface IEventTypeStore
{
    /// <summary>Every event type, in the taxonomy's order.</summary>
    Task<IReadOnlyList<EventTypeResponse>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The event taxonomy's codes, read once: only migrations change the taxonomy, and they run before the
/// service starts.
/// </summary>
public sealed class EventTypeCatalog(IEventTypeStore store)
{
    private readonly Lazy<Task<string[]>> _codes = new(async () =>
        (await store.ListAsync(CancellationToken.None)).Select(type => type.Code).ToArray());

    public async Task<bool> IsKnownAsync(string code) => Array.IndexOf(await _codes.Value, code) >= 0;

    /// <summary>Every code, in the taxonomy's order.</summary>
    public async Task<IReadOnlyList<string>> CodesAsync() => await _codes.Value;
}
