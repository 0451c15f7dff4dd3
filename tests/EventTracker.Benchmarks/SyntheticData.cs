using System.Globalization;
using System.Text;
using System.Text.Json;
using EventTracker.Api.Values;

namespace EventTracker.Benchmarks;

/// <summary>
/// A deterministic synthetic data set in the import format: every ISO country as a state with a foreign
/// ministry and missions, a few alliances, spokespeople and ministers, sources, and N events from 1990
/// to 2026 whose participants follow a Zipf law, so that a few states take part in 100 000+ events.
/// </summary>
public static class SyntheticData
{
    private static readonly (string Type, int Weight)[] TypeMix =
    [
        ("statement", 30), ("accusation", 12), ("expulsion", 10), ("retaliation_announced", 9), ("sanction", 8),
        ("dialogue_offer", 6), ("meeting", 6), ("ambassador_recall", 5), ("accreditation_withdrawal", 5),
        ("staff_cap", 3), ("mission_closure", 3), ("relations_downgrade", 3),
    ];

    private static readonly string[] Words =
    [
        "ambassador", "consulate", "embassy", "diplomats", "espionage", "retaliation", "sanctions", "talks", "summit",
        "minister", "spokesperson", "mission", "accreditation", "expels", "recalls", "protest", "note", "visa", "staff",
    ];

    public sealed record Summary(int States, int Organizations, int Actors, int Sources, int Events);

    // eventIdPrefix goes before every event's external id: a second file with another prefix holds new events beside
    // the same organizations, actors and sources (which a second import finds unchanged).
    public static Summary Write(string path, int events, int seed = 20211006, string eventIdPrefix = "")
    {
        var random = new Random(seed);
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        void Line(object record) => file.WriteLine(JsonSerializer.Serialize(record));

        var countries = CountryCodesList();
        var organizations = 0;
        foreach (var alliance in new[] { "NATO", "European Union", "OSCE", "African Union", "ASEAN" })
        {
            Line(new { kind = "organization", externalId = $"org:{alliance}", name = alliance, organizationKind = "alliance" });
            organizations++;
        }

        foreach (var code in countries)
        {
            Line(new { kind = "organization", externalId = $"state:{code}", name = $"State {code}", organizationKind = "state", countryCode = code });
            Line(new { kind = "organization", externalId = $"mfa:{code}", name = $"Foreign Ministry {code}", organizationKind = "ministry", countryCode = code, parentExternalId = $"state:{code}" });
            for (var m = 0; m < 3; m++)
            {
                Line(new { kind = "organization", externalId = $"mission:{code}:{m}", name = $"Mission {code} {m}", organizationKind = "diplomatic_mission", countryCode = code, parentExternalId = $"mfa:{code}" });
            }

            Line(new { kind = "actor", externalId = $"spokes:{code}", name = $"Spokesperson {code}", affiliations = new[] { new { organizationExternalId = $"mfa:{code}", title = "spokesperson", from = "2010" } } });
            Line(new { kind = "actor", externalId = $"minister:{code}", name = $"Minister {code}", affiliations = new[] { new { organizationExternalId = $"mfa:{code}", title = "minister", from = "2012-05" } } });
            organizations += 5;
        }

        var sources = Math.Max(10, events / 20);
        for (var s = 0; s < sources; s++)
        {
            Line(new { kind = "source", externalId = $"src:{s}", title = $"Report {s} on {Pick(random, Words)}", url = $"https://news.example/{s}", publisher = "Example Wire", publishedAt = "2020-01-01", language = "en" });
        }

        var zipf = new Zipf(countries.Count, 1.1, random);
        var start = new DateOnly(1990, 1, 1).DayNumber;
        var span = new DateOnly(2026, 12, 31).DayNumber - start;
        var totalWeight = TypeMix.Sum(t => t.Weight);
        // A response may not be dated certainly before what it answers: such a pair is a follow-up instead.
        var firstDays = new int[events];
        object Relation(int target, DateOnly responseLast) => new
        {
            type = firstDays[target] > responseLast.DayNumber ? "follows_up" : "responds_to",
            targetEventExternalId = $"{eventIdPrefix}ev:{target}",
        };

        for (var e = 0; e < events; e++)
        {
            var initiator = countries[zipf.Next()];
            var target = countries[zipf.Next()];
            if (target == initiator)
            {
                target = countries[(countries.IndexOf(initiator) + 1) % countries.Count];
            }

            var day = DateOnly.FromDayNumber(start + random.Next(span + 1));
            var precision = random.Next(100);
            var date = precision < 80 ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : precision < 95 ? day.ToString("yyyy-MM", CultureInfo.InvariantCulture)
                : day.ToString("yyyy", CultureInfo.InvariantCulture);
            var (first, last) = precision < 80 ? (day, day)
                : precision < 95 ? (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1))
                : (new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31));
            firstDays[e] = first.DayNumber;

            var participants = new List<object>
            {
                new { organizationExternalId = random.Next(3) == 0 ? $"mfa:{initiator}" : $"state:{initiator}", role = "initiator" },
                new { organizationExternalId = random.Next(4) == 0 ? $"mission:{target}:{random.Next(3)}" : $"state:{target}", role = "target" },
            };
            if (random.Next(2) == 0)
            {
                participants.Add(new { actorExternalId = $"spokes:{initiator}", role = "spokesperson" });
            }

            if (random.Next(4) == 0)
            {
                participants.Add(new { organizationExternalId = $"org:{(random.Next(2) == 0 ? "NATO" : "European Union")}", role = "commentator" });
            }

            var roll = random.Next(totalWeight);
            var type = TypeMix.First(t => (roll -= t.Weight) < 0).Type;
            Line(new
            {
                kind = "event",
                externalId = $"{eventIdPrefix}ev:{e}",
                type,
                title = $"{initiator} {Pick(random, Words)} {target} {Pick(random, Words)} {e}",
                summary = random.Next(3) == 0 ? $"Synthetic event {e}: {Pick(random, Words)} {Pick(random, Words)} {Pick(random, Words)}." : null,
                date,
                status = random.Next(4) == 0 ? "announced" : "completed",
                participants,
                quantities = type is "expulsion" ? new[] { new { kind = "diplomats_expelled", value = 1 + random.Next(30) } } : null,
                citations = random.Next(10) < 3 ? new[] { new { sourceExternalId = $"src:{random.Next(sources)}", quote = $"{Pick(random, Words)} {Pick(random, Words)}" } } : null,
                relations = e > 10 && random.Next(10) == 0 ? new[] { Relation(e - 1 - random.Next(Math.Min(e - 1, 1000)), last) } : null,
                tags = random.Next(5) == 0 ? new[] { "synthetic" } : null,
            });
        }

        return new Summary(countries.Count, organizations, countries.Count * 2, sources, events);
    }

    private static List<string> CountryCodesList()
    {
        var codes = new List<string>();
        for (var a = 'A'; a <= 'Z'; a++)
        {
            for (var b = 'A'; b <= 'Z'; b++)
            {
                var code = $"{a}{b}";
                if (CountryCodes.IsAssigned(code))
                {
                    codes.Add(code);
                }
            }
        }

        return codes;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    /// <summary>Ranks 0..n-1 drawn with probability proportional to 1/(rank+1)^s.</summary>
    private sealed class Zipf
    {
        private readonly double[] _cumulative;
        private readonly Random _random;

        public Zipf(int n, double s, Random random)
        {
            _random = random;
            _cumulative = new double[n];
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += 1.0 / Math.Pow(i + 1, s);
                _cumulative[i] = sum;
            }

            for (var i = 0; i < n; i++)
            {
                _cumulative[i] /= sum;
            }
        }

        public int Next()
        {
            var index = Array.BinarySearch(_cumulative, _random.NextDouble());
            return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
        }
    }
}
