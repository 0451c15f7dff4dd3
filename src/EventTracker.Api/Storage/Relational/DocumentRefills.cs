using System.Threading.Channels;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Names a write changed, whose events' stored documents it made stale (<see cref="DocumentForgets"/>) or its triggers
/// deleted: the <see cref="ForgottenDocumentRefiller"/> renders them again after the write, a few hundred per short
/// write of its own, so that no writer waits behind a re-render. Until then such events are rendered from their tables
/// when read (the same answer, only slower).
/// </summary>
public sealed class DocumentRefills
{
    private readonly Channel<ChangedNames> _requests = Channel.CreateUnbounded<ChangedNames>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The records whose names changed; the events that show any of them lost their documents.</summary>
    public sealed record ChangedNames(IReadOnlyList<long> Organizations, IReadOnlyList<long> Actors, IReadOnlyList<long> Sources, IReadOnlyList<long> Events);

    public void Request(ChangedNames names) => _requests.Writer.TryWrite(names);

    /// <summary>Waits for a request and returns it merged with every other one waiting.</summary>
    public async Task<ChangedNames> TakeAsync(CancellationToken cancellationToken)
    {
        var names = await _requests.Reader.ReadAsync(cancellationToken);
        while (_requests.Reader.TryRead(out var more))
        {
            names = new ChangedNames(
                [.. names.Organizations.Union(more.Organizations)], [.. names.Actors.Union(more.Actors)],
                [.. names.Sources.Union(more.Sources)], [.. names.Events.Union(more.Events)]);
        }

        return names;
    }
}
