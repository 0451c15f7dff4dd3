using EventTracker.Api.Events;
using EventTracker.Api.Values;

namespace EventTracker.Api.Chains;

/// <summary>
/// Dates in a chain: the order of its events and the lag of each relation, honest about partial dates.
/// A response never comes before what it answers: an event with a <c>responds_to</c> relation takes the
/// place of the latest event it answers when its own date could be earlier (a response dated 2024-03
/// to an event of 2024-03-05 is listed after it).
/// </summary>
public static class ChainOrder
{
    /// <summary>The events in chain order: by the first day each can denote, responses after what they answer, then by id.</summary>
    public static IReadOnlyList<EventResponse> Sort(IReadOnlyList<EventResponse> events)
    {
        var byId = events.ToDictionary(e => e.Id);
        var place = new Dictionary<long, (DateOnly Start, int Depth)>();

        (DateOnly Start, int Depth) PlaceOf(long id, int guard)
        {
            if (place.TryGetValue(id, out var known))
            {
                return known;
            }

            var own = (Start: PartialDate.Parse(byId[id].Date).First, Depth: 0);
            if (guard < byId.Count)
            {
                foreach (var relation in byId[id].Relations.Where(r => r.Type == RelationType.RespondsTo && byId.ContainsKey(r.TargetEventId)))
                {
                    var answered = PlaceOf(relation.TargetEventId, guard + 1);
                    if (answered.Start > own.Start || (answered.Start == own.Start && answered.Depth >= own.Depth))
                    {
                        own = (Max(own.Start, answered.Start), answered.Depth + 1);
                    }
                }
            }

            place[id] = own;
            return own;
        }

        return events.OrderBy(e => PlaceOf(e.Id, 0).Start).ThenBy(e => PlaceOf(e.Id, 0).Depth).ThenBy(e => e.Id).ToList();
    }

    /// <summary>
    /// The days from <paramref name="target"/>'s date to <paramref name="source"/>'s: exact when both are days,
    /// else the range the partial dates allow. A response cannot precede what it answers, so its lag is never below 0.
    /// </summary>
    public static (int? Exact, int Min, int Max) Lag(PartialDate source, PartialDate target, RelationType type)
    {
        var min = source.First.DayNumber - target.Last.DayNumber;
        var max = source.Last.DayNumber - target.First.DayNumber;
        if (type == RelationType.RespondsTo)
        {
            (min, max) = (Math.Max(0, min), Math.Max(0, max));
        }

        return (min == max ? min : null, min, max);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
