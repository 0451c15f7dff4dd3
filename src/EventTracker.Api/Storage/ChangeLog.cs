using EventTracker.Api.History;
using EventTracker.Api.Records;

namespace EventTracker.Api.Storage;

/// <summary>One change a unit of work made to a record, for the change feed.</summary>
/// <param name="Kind">Which kind of record.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Action">What happened to it.</param>
/// <param name="Version">The record's version after the change.</param>
public sealed record RecordChange(RecordKind Kind, long Id, RevisionAction Action, long Version);

/// <summary>
/// What one unit of work changed, written by its provider with the commit, in commit order (the change feed,
/// docs/architecture.md, "Rules the code relies on"). Records whose answer to GET changes because another record changed (an event showing an
/// organization's name, an organization listing its children) are found by the provider when it writes the log;
/// <see cref="Touched"/> holds those it could not find afterwards (an organization's former parent).
/// </summary>
public sealed class ChangeLog
{
    public List<RecordChange> Changes { get; } = [];

    public HashSet<(RecordKind Kind, long Id)> Touched { get; } = [];

    /// <param name="kind">Which kind of record.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="action">What happened to it.</param>
    /// <param name="version">The record's version after the change.</param>
    public void Add(RecordKind kind, long id, RevisionAction action, long version) => Changes.Add(new RecordChange(kind, id, action, version));

    public void Touch(RecordKind kind, long id) => Touched.Add((kind, id));

    public bool IsEmpty => Changes.Count == 0 && Touched.Count == 0;

    /// <summary>The ids of <paramref name="kind"/> changed by one of <paramref name="actions"/> (all actions when none given).</summary>
    public IReadOnlyList<long> IdsOf(RecordKind kind, params RevisionAction[] actions) =>
        Changes.Where(change => change.Kind == kind && (actions.Length == 0 || actions.Contains(change.Action)))
            .Select(change => change.Id).Distinct().ToList();
}
