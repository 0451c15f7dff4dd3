using EventTracker.Api.Events;
using EventTracker.Api.Storage;

namespace EventTracker.Api.Import;

/// <summary>
/// Event dates as one import sees them, for the check that a response is not dated before what it answers: the
/// dates of events the import wrote (new ones may still wait for their batch's bulk insert, so the store cannot
/// know them yet), and those the store was asked once. Forgotten when a batch is rolled back.
/// </summary>
internal sealed class ImportedEventDates(IEventStore store)
{
    private readonly Dictionary<long, string> _dates = [];

    public async Task<IReadOnlyDictionary<long, string>> DatesAsync(IUnitOfWork work, IReadOnlyCollection<long> ids)
    {
        var unknown = ids.Where(id => !_dates.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            foreach (var (id, date) in await store.DatesAsync(work, unknown))
            {
                _dates[id] = date;
            }
        }

        return ids.Where(_dates.ContainsKey).ToDictionary(id => id, id => _dates[id]);
    }

    public void Written(long id, EventRequest request) => _dates[id] = request.Date!;

    public void Clear() => _dates.Clear();
}
