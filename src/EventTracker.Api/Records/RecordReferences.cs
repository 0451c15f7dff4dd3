using EventTracker.Api.Storage;

namespace EventTracker.Api.Records;

public enum RecordKind
{
    Organization,
    Actor,
    Source,
    Event,
}

/// <summary>A request field that names another record, by its JSON path.</summary>
public readonly record struct RecordReference(string JsonPath, RecordKind Kind, long Id);

/// <summary>A request that refers to other records; they must be live when it is written.</summary>
public interface IReferencingRequest
{
    IEnumerable<RecordReference> References();
}

/// <summary>Answers which records are live (not deleted), as a unit of work sees them.</summary>
public interface IRecordExistence
{
    Task<IReadOnlySet<(RecordKind Kind, long Id)>> LiveAsync(IUnitOfWork work, IReadOnlyCollection<(RecordKind Kind, long Id)> records);
}

public static class RecordReferences
{
    public static IReadOnlyList<RecordReference> Of<TRequest>(TRequest request) =>
        request is IReferencingRequest referencing ? referencing.References().ToList() : [];

    /// <summary>The references among <paramref name="references"/> whose record is not live, as 400 errors keyed by JSON path.</summary>
    public static Dictionary<string, string[]> Errors(IEnumerable<RecordReference> references, Func<RecordKind, long, bool> isLive) =>
        references.Where(reference => !isLive(reference.Kind, reference.Id))
            .GroupBy(reference => reference.JsonPath)
            .ToDictionary(group => group.Key, group => group.Select(Missing).Distinct().ToArray());

    /// <summary>Checks every reference of <paramref name="request"/> inside the write that stores it: no check-then-write gap.</summary>
    public static async Task<Dictionary<string, string[]>> CheckAsync<TRequest>(IRecordExistence existence, IUnitOfWork work, TRequest request)
    {
        var references = Of(request);
        if (references.Count == 0)
        {
            return [];
        }

        var live = await existence.LiveAsync(work, references.Select(r => (r.Kind, r.Id)).Distinct().ToList());
        return Errors(references, (kind, id) => live.Contains((kind, id)));
    }

    private static string Missing(RecordReference reference) =>
        $"No {reference.Kind.ToString().ToLowerInvariant()} has id {reference.Id}, or it was deleted.";
}
