using EventTracker.Api.Organizations;

namespace EventTracker.Api.Drafts;

/// <summary>
/// An organization the drafter knows: stored (with its id) or from the built-in lexicon only. <c>SideKey</c> is what two
/// mentions share when they are the same side: the country code, else the top organization.
/// </summary>
public sealed record KnownOrganization(long? Id, string Name, OrganizationKind Kind, string? CountryCode, string SideKey, string[] GenericNames);

/// <summary>A stored person: the title and organization of the latest affiliation.</summary>
public sealed record KnownActor(long Id, string Name, string? Title, int? Organization, string Surname);

/// <summary>How a name refers to its record.</summary>
public enum NameForm
{
    Name,
    Demonym,
    Seat,
    /// <summary>"the Alliance": counts only after the organization itself was named.</summary>
    Generic,
}

/// <summary>What a sequence of tokens names.</summary>
public readonly record struct NameEntry(bool IsActor, int Index, NameForm Form, bool ExactCase);

/// <summary>
/// The names the drafter recognises: stored organizations and actors (names and aliases in any script) and the
/// built-in lexicon of states and international organizations, in a token trie so that finding every name in an
/// article is one pass over its tokens, whatever the number of names.
/// </summary>
public sealed class Gazetteer
{
    private sealed class Node
    {
        public Dictionary<string, Node>? Next;
        public NameEntry? Entry;
    }

    private readonly Node _root = new();

    public Gazetteer(IReadOnlyList<KnownOrganization> organizations, IReadOnlyList<KnownActor> actors)
    {
        Organizations = organizations;
        Actors = actors;
        StateByCountry = organizations.Select((o, i) => (o, i)).Where(p => p.o.Kind == OrganizationKind.State && p.o.CountryCode is not null)
            .GroupBy(p => p.o.CountryCode!).ToDictionary(g => g.Key, g => g.OrderBy(p => p.o.Id is null).First().i, StringComparer.Ordinal);
    }

    public IReadOnlyList<KnownOrganization> Organizations { get; }

    private Dictionary<long, int>? _storedIndex;
    private Dictionary<string, long[]>? _storedBySide;

    /// <summary>The gazetteer index of a stored organization.</summary>
    public int? IndexOfStored(long id)
    {
        _storedIndex ??= Organizations.Select((o, i) => (o, i)).Where(p => p.o.Id is not null).ToDictionary(p => p.o.Id!.Value, p => p.i);
        return _storedIndex.TryGetValue(id, out var index) ? index : null;
    }

    /// <summary>The stored organizations of a side (a state with its ministries and missions, an alliance with its offices).</summary>
    public IReadOnlyList<long> StoredOfSide(string side)
    {
        _storedBySide ??= Organizations.Where(o => o.Id is not null).GroupBy(o => o.SideKey)
            .ToDictionary(g => g.Key, g => g.Select(o => o.Id!.Value).ToArray(), StringComparer.Ordinal);
        return _storedBySide.TryGetValue(side, out var ids) ? ids : [];
    }

    public IReadOnlyList<KnownActor> Actors { get; }

    /// <summary>The state of each country code (the stored one when there is one).</summary>
    public IReadOnlyDictionary<string, int> StateByCountry { get; }

    private Dictionary<string, int>? _surnames;

    /// <summary>The stored actor with this surname (lower case), when only one has it.</summary>
    public int? ActorBySurname(string key)
    {
        _surnames ??= Actors.Select((a, i) => (Key: a.Surname.ToLowerInvariant(), i)).Where(p => p.Key.Length > 0)
            .GroupBy(p => p.Key).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        return _surnames.TryGetValue(key, out var index) ? index : null;
    }

    /// <summary>How many names the trie holds; with the records, the gazetteer's size.</summary>
    public int NameCount { get; private set; }

    /// <summary>Adds a name; an earlier entry for the same tokens wins (stored records are added before the lexicon).</summary>
    public void Add(string name, NameEntry entry)
    {
        var keys = Tokenizer.Keys(name);
        if (keys.Length == 0 || keys.Length > 12)
        {
            return;
        }

        var node = _root;
        foreach (var key in keys)
        {
            node.Next ??= new Dictionary<string, Node>(1, StringComparer.Ordinal);
            if (!node.Next.TryGetValue(key, out var next))
            {
                next = new Node();
                node.Next[key] = next;
            }

            node = next;
        }

        if (node.Entry is null)
        {
            // Short all-capital names ("US", "UK", "EU") are words too ("us"): they count only as written.
            var exact = name.Length <= 4 && name.All(c => !char.IsLetter(c) || char.IsUpper(c)) || keys.Length == 1 && name.Length <= 3;
            node.Entry = entry with { ExactCase = exact };
            NameCount++;
        }
    }

    /// <summary>The longest name that starts at token <paramref name="at"/>, with the number of tokens it spans.</summary>
    public (NameEntry Entry, int Length)? LongestAt(IReadOnlyList<Token> tokens, int at, int end)
    {
        var node = _root;
        (NameEntry, int)? best = null;
        for (var i = at; i < end && node.Next is not null && node.Next.TryGetValue(tokens[i].Key, out var next); i++)
        {
            node = next;
            if (node.Entry is { } entry && Cased(tokens, at, i, entry))
            {
                best = (entry, i - at + 1);
            }
        }

        return best;
    }

    private static bool Cased(IReadOnlyList<Token> tokens, int first, int last, NameEntry entry)
    {
        var head = tokens[first];
        if (entry.ExactCase)
        {
            for (var i = first; i <= last; i++)
            {
                if (tokens[i].IsWord && !tokens[i].AllUpper)
                {
                    return false;
                }
            }

            return true;
        }

        // Names are capitalised; "the Kremlin" starts with a lower-case article.
        return head.UpperInitial || !head.IsWord || head.Key is "the" && last > first && tokens[first + 1].UpperInitial;
    }
}
