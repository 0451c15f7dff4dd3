using System.Reflection;
using EventTracker.Api.Actors;
using EventTracker.Api.Caching;
using EventTracker.Api.Organizations;
using EventTracker.Api.Values;

namespace EventTracker.Api.Drafts;

/// <summary>
/// The gazetteer of the data as it is: built from every stored organization and actor plus the built-in lexicon
/// the first time a draft needs it at a data version, then shared by every draft until the data changes.
/// </summary>
public sealed partial class GazetteerCache(IOrganizationStore organizations, IActorStore actors, DataVersion dataVersion, ILogger<GazetteerCache> logger) : IDisposable
{
    private const int PageSize = 500;
    private readonly SemaphoreSlim _building = new(1, 1);
    private (long Version, Gazetteer Gazetteer)? _current;

    public void Dispose() => _building.Dispose();

    /// <summary>Bytes allocated while the current gazetteer was built: an upper bound of what it holds.</summary>
    public long LastBuildBytes { get; private set; }

    public async Task<Gazetteer> GetAsync(HttpContext? http, CancellationToken cancellationToken)
    {
        var version = (http is null ? null : DataVersion.ReadBy(http)) ?? await dataVersion.ReadAsync(cancellationToken);
        if (_current is { } known && known.Version == version)
        {
            return known.Gazetteer;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } built && built.Version == version)
            {
                return built.Gazetteer;
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            var gazetteer = await BuildAsync(cancellationToken);
            LastBuildBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            _current = (version, gazetteer);
            Built(logger, version, gazetteer.Organizations.Count, gazetteer.Actors.Count, gazetteer.NameCount, LastBuildBytes);
            return gazetteer;
        }
        finally
        {
            _building.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Drafts gazetteer built at data version {Version}: {Organizations} organizations, {Actors} actors, {Names} names, {Bytes} bytes allocated")]
    private static partial void Built(ILogger logger, long version, int organizations, int actors, int names, long bytes);

    private async Task<Gazetteer> BuildAsync(CancellationToken cancellationToken)
    {
        var storedOrganizations = await AllAsync((after, take) => organizations.ListAsync(null, after, take, cancellationToken), o => o.Id);
        var storedActors = await AllAsync((after, take) => actors.ListAsync(null, after, take, cancellationToken), a => a.Id);
        return Build(storedOrganizations, storedActors);
    }

    /// <summary>The gazetteer of the given records plus the lexicon (also used without a store, e.g. by benchmarks of the rules).</summary>
    public static Gazetteer Build(IReadOnlyList<OrganizationResponse> storedOrganizations, IReadOnlyList<ActorResponse> storedActors)
    {
        var byId = storedOrganizations.ToDictionary(o => o.Id);
        var known = new List<KnownOrganization>(storedOrganizations.Count + Lexicon.States.Count + Lexicon.Organizations.Count);
        var indexById = new Dictionary<long, int>();
        foreach (var o in storedOrganizations)
        {
            indexById[o.Id] = known.Count;
            known.Add(new KnownOrganization(o.Id, o.Name, o.Kind, o.CountryCode, SideKey(o, byId), []));
        }

        var lexiconOrganizations = new List<(int Index, Lexicon.OrganizationEntry Entry)>();
        foreach (var entry in Lexicon.Organizations)
        {
            var names = entry.Names.Append(entry.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var stored = storedOrganizations.FirstOrDefault(o => names.Contains(o.Name) || o.Aliases.Any(names.Contains));
            if (stored is not null)
            {
                var at = indexById[stored.Id];
                known[at] = known[at] with { GenericNames = entry.GenericNames };
                lexiconOrganizations.Add((at, entry));
            }
            else
            {
                lexiconOrganizations.Add((known.Count, entry));
                known.Add(new KnownOrganization(null, entry.Name, entry.Kind, null, "lexicon:" + entry.Name, entry.GenericNames));
            }
        }

        var storedStates = storedOrganizations.Where(o => o.Kind == OrganizationKind.State && o.CountryCode is not null)
            .GroupBy(o => o.CountryCode!).ToDictionary(g => g.Key, g => indexById[g.Min(o => o.Id)], StringComparer.Ordinal);
        var stateIndex = new List<(int Index, Lexicon.StateEntry Entry)>();
        foreach (var state in Lexicon.States)
        {
            if (!storedStates.TryGetValue(state.Code, out var at))
            {
                at = known.Count;
                known.Add(new KnownOrganization(null, state.Name, OrganizationKind.State, state.Code, state.Code, []));
            }

            stateIndex.Add((at, state));
        }

        var knownActors = storedActors.Select(a =>
        {
            var latest = a.Affiliations.OrderBy(f => f.To is null).ThenBy(f => f.From, StringComparer.Ordinal).LastOrDefault();
            int? organization = latest is not null && indexById.TryGetValue(latest.Organization.Id, out var at) ? at : null;
            return new KnownActor(a.Id, a.Name, latest?.Title, organization, Surname(a.Name));
        }).ToList();

        var gazetteer = new Gazetteer(known, knownActors);
        // Stored names first: where the lexicon has the same words, the stored record is meant.
        for (var i = 0; i < knownActors.Count; i++)
        {
            gazetteer.Add(storedActors[i].Name, new NameEntry(true, i, NameForm.Name, false));
            foreach (var alias in storedActors[i].Aliases)
            {
                gazetteer.Add(alias, new NameEntry(true, i, NameForm.Name, false));
            }
        }

        foreach (var o in storedOrganizations)
        {
            gazetteer.Add(o.Name, new NameEntry(false, indexById[o.Id], NameForm.Name, false));
            foreach (var alias in o.Aliases)
            {
                gazetteer.Add(alias, new NameEntry(false, indexById[o.Id], NameForm.Name, false));
            }
        }

        foreach (var (at, entry) in lexiconOrganizations)
        {
            foreach (var name in entry.Names.Prepend(entry.Name))
            {
                gazetteer.Add(name, new NameEntry(false, at, NameForm.Name, false));
            }

            foreach (var generic in entry.GenericNames)
            {
                gazetteer.Add(generic, new NameEntry(false, at, NameForm.Generic, false));
            }
        }

        foreach (var (at, state) in stateIndex)
        {
            foreach (var name in state.Names)
            {
                gazetteer.Add(name, new NameEntry(false, at, NameForm.Name, false));
            }

            foreach (var demonym in state.Demonyms)
            {
                gazetteer.Add(demonym, new NameEntry(false, at, NameForm.Demonym, false));
            }

            foreach (var seat in state.Seats)
            {
                gazetteer.Add(seat, new NameEntry(false, at, NameForm.Seat, false));
            }
        }

        return gazetteer;
    }

    public static string Surname(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return "";
        }

        // "al-Jubeir" is "Jubeir" on second mention.
        var last = words[^1];
        var dash = last.IndexOf('-', StringComparison.Ordinal);
        return dash is > 0 and <= 3 && char.IsLower(last[0]) ? last[(dash + 1)..] : last;
    }

    private static string SideKey(OrganizationResponse o, Dictionary<long, OrganizationResponse> byId)
    {
        if (o.CountryCode is { } code)
        {
            return code;
        }

        var top = o;
        for (var depth = 0; top.ParentId is { } parent && byId.TryGetValue(parent, out var up) && depth < 16; depth++)
        {
            if (up.CountryCode is { } parentCode)
            {
                return parentCode;
            }

            top = up;
        }

        return "org:" + top.Id;
    }

    private static async Task<List<T>> AllAsync<T>(Func<long, int, Task<IReadOnlyList<T>>> page, Func<T, long> idOf)
    {
        var all = new List<T>();
        var after = 0L;
        while (true)
        {
            var items = await page(after, PageSize);
            all.AddRange(items);
            if (items.Count < PageSize)
            {
                return all;
            }

            after = idOf(items[^1]);
        }
    }
}

/// <summary>The built-in lexicon: states by ISO code (states.tsv) and international organizations (organizations.tsv).</summary>
public static class Lexicon
{
    public sealed record StateEntry(string Code, string Name, string[] Names, string[] Demonyms, string[] Seats);

    public sealed record OrganizationEntry(string Name, OrganizationKind Kind, string[] Names, string[] GenericNames);

    public static IReadOnlyList<StateEntry> States { get; } = Rows("states.tsv")
        .Select(f => new StateEntry(f[0], f[1], Split(f, 2), Split(f, 3), Split(f, 4))).ToList();

    public static IReadOnlyList<OrganizationEntry> Organizations { get; } = Rows("organizations.tsv")
        .Select(f => new OrganizationEntry(f[0], EnumText.Parse<OrganizationKind>(f[1]), Split(f, 2), Split(f, 3))).ToList();

    private static string[] Split(string[] fields, int at) =>
        fields.Length > at ? fields[at].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    private static List<string[]> Rows(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Drafts." + file)
                           ?? throw new InvalidOperationException($"The lexicon file {file} is not embedded.");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                rows.Add(line.Split('\t'));
            }
        }

        return rows;
    }
}
