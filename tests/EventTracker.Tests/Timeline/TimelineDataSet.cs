using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Timeline;

/// <summary>
/// A small world for timeline tests, created once per test class through the API:
/// NATO; Russia → its foreign ministry → its mission to NATO (no country code of its own);
/// the United States; and seven events from 2018 to 2021 with partial dates, relations and a source.
/// </summary>
public sealed class TimelineDataSet : EventTrackerApp, IAsyncLifetime
{
    public long Nato { get; private set; }
    public long Russia { get; private set; }
    public long Ministry { get; private set; }
    public long Mission { get; private set; }
    public long UnitedStates { get; private set; }
    public long Zakharova { get; private set; }
    public long Report { get; private set; }

    /// <summary>2018-03-27 NATO caps the mission (staff_cap, completed, tag salisbury).</summary>
    public long Salisbury { get; private set; }
    /// <summary>2020-05-05 the US expels Russian diplomats (expulsion, completed).</summary>
    public long UsExpulsion { get; private set; }
    /// <summary>2021 (year precision) US statement, located in the US.</summary>
    public long UsStatement { get; private set; }
    /// <summary>2021-10 (month precision) Russian statement, follows up <see cref="Retaliation"/>.</summary>
    public long MonthStatement { get; private set; }
    /// <summary>2021-10-06 NATO withdraws accreditations (in_effect, located in BE, cites the report).</summary>
    public long Withdrawal { get; private set; }
    /// <summary>2021-10-07 the ministry announces retaliation (Zakharova speaks), responds to <see cref="Withdrawal"/>.</summary>
    public long Retaliation { get; private set; }
    /// <summary>2021-10-18 Russia suspends its mission (mission_closure, announced), responds to <see cref="Withdrawal"/>.</summary>
    public long Suspension { get; private set; }

    public async Task InitializeAsync()
    {
        var seed = new Seeder(CreateEditorClient());
        Nato = await seed.OrganizationAsync("NATO", "alliance", null);
        Russia = await seed.OrganizationAsync("Russian Federation", "state", "RU");
        Ministry = await seed.OrganizationAsync("Ministry of Foreign Affairs of Russia", "ministry", "RU", Russia);
        Mission = await seed.OrganizationAsync("Permanent Mission of Russia to NATO", "diplomatic_mission", null, Ministry);
        UnitedStates = await seed.OrganizationAsync("United States", "state", "US");
        Zakharova = await seed.ActorAsync("Maria Zakharova", ["Мария Захарова"]);
        Report = await seed.SourceAsync("NATO expels eight Russian officials", "https://example.org/report");

        Salisbury = await Event(seed, "staff_cap", "NATO lowers the Russian mission's size from 30 to 20", "2018-03-27", "completed",
            [(Nato, null, "initiator"), (Mission, null, "target")], tags: ["salisbury"]);
        UsExpulsion = await Event(seed, "expulsion", "United States expels Russian diplomats", "2020-05-05", "completed",
            [(UnitedStates, null, "initiator"), (Russia, null, "target")]);
        UsStatement = await Event(seed, "statement", "Washington comments on the year's expulsions", "2021", "completed",
            [(UnitedStates, null, "commentator")], country: "US");
        Withdrawal = await Event(seed, "accreditation_withdrawal", "NATO withdraws the accreditation of eight mission members", "2021-10-06", "in_effect",
            [(Nato, null, "initiator"), (Mission, null, "target")], country: "BE", quote: "undeclared Russian intelligence officers");
        Retaliation = await Event(seed, "retaliation_announced", "Moscow will prepare tit-for-tat measures", "2021-10-07", "announced",
            [(Ministry, null, "initiator"), (null, Zakharova, "spokesperson")], relations: [("responds_to", Withdrawal)]);
        MonthStatement = await Event(seed, "statement", "Kremlin says there is essentially no cooperation", "2021-10", "completed",
            [(Russia, null, "initiator")], relations: [("follows_up", Retaliation)]);
        Suspension = await Event(seed, "mission_closure", "Russia suspends its permanent mission to NATO", "2021-10-18", "announced",
            [(Russia, null, "initiator"), (Nato, null, "target")], relations: [("responds_to", Withdrawal)]);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private Task<long> Event(
        Seeder seed, string type, string title, string date, string status, (long? Org, long? Actor, string Role)[] participants,
        string? country = null, string? quote = null, (string Type, long Target)[]? relations = null, string[]? tags = null) =>
        seed.EventAsync(new
        {
            type,
            title,
            date,
            status,
            location = country is null ? null : new { name = (string?)null, countryCode = country },
            participants = participants.Select(p => new { organizationId = p.Org, actorId = p.Actor, role = p.Role }).ToArray(),
            citations = quote is null ? null : new[] { new { sourceId = Report, quote } },
            relations = relations?.Select(r => new { type = r.Type, targetEventId = r.Target }).ToArray(),
            tags,
        });
}
