using System.Text.Json;

namespace EventTracker.Tests.Drafts;

/// <summary>One field's counts over a corpus: what the drafter got right, what it answered, what was expected.</summary>
public sealed class FieldScore
{
    public int Correct { get; set; }
    public int Answered { get; set; }
    public int Expected { get; set; }
    public double Precision => Answered == 0 ? 1 : (double)Correct / Answered;
    public double Recall => Expected == 0 ? 1 : (double)Correct / Expected;
}

/// <summary>
/// Drafted events matched to a case's expected ones (type, then sides, then date), and per field precision and
/// recall. An expected event marked optional counts neither way: found, it is no false positive; missed, no miss.
/// </summary>
public sealed class CorpusScoring
{
    public static readonly string[] Fields = ["type", "both sides", "quantities", "dates", "quote speakers", "existing"];

    public Dictionary<string, FieldScore> Scores { get; } = Fields.ToDictionary(f => f, _ => new FieldScore());
    public List<string> Misses { get; } = [];

    public void Add(string name, JsonElement expected, JsonElement draft)
    {
        var wanted = expected.GetProperty("events").EnumerateArray().ToList();
        var drafted = draft.Events().ToList();
        var pairs = Pair(wanted, drafted, draft);
        var type = Scores["type"];
        type.Expected += wanted.Count(w => !Optional(w));
        type.Answered += drafted.Count(d => !pairs.Any(p => p.Drafted.Equals(d) && Optional(p.Wanted)));
        foreach (var w in wanted.Where(w => !Optional(w) && !pairs.Any(p => p.Wanted.Equals(w))))
        {
            Misses.Add($"{name}: missed {w.GetProperty("type").GetString()} {Text(w, "initiator")}->{Text(w, "target")}");
        }

        foreach (var d in drafted.Where(d => !pairs.Any(p => p.Drafted.Equals(d))))
        {
            Misses.Add($"{name}: extra {d.GetProperty("type").GetString()} {draft.Side(d, "initiator")}->{draft.Side(d, "target")} \"{d.GetProperty("title").GetString()}\"");
        }

        foreach (var (w, d) in pairs)
        {
            if (Optional(w))
            {
                continue;
            }

            type.Correct++;
            var sides = Scores["both sides"];
            sides.Expected++;
            sides.Answered++;
            var sidesRight = draft.Side(d, "initiator") == Text(w, "initiator") && (Text(w, "target") is not { } target || draft.Side(d, "target") == target);
            sides.Correct += sidesRight ? 1 : 0;
            if (!sidesRight)
            {
                Misses.Add($"{name}: sides of {w.GetProperty("type").GetString()}: {draft.Side(d, "initiator")}->{draft.Side(d, "target")} for {Text(w, "initiator")}->{Text(w, "target")}");
            }

            var quantities = Scores["quantities"];
            var wantedQuantities = w.TryGetProperty("quantities", out var q) ? q.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()) : [];
            var draftedQuantities = d.Quantities();
            quantities.Expected += wantedQuantities.Count;
            quantities.Answered += draftedQuantities.Count;
            quantities.Correct += wantedQuantities.Count(p => draftedQuantities.TryGetValue(p.Key, out var v) && v == p.Value);
            foreach (var p in wantedQuantities.Where(p => !draftedQuantities.TryGetValue(p.Key, out var v) || v != p.Value))
            {
                Misses.Add($"{name}: {p.Key} {p.Value} drafted as {(draftedQuantities.TryGetValue(p.Key, out var v) ? v : "none")}");
            }

            foreach (var p in draftedQuantities.Where(p => !wantedQuantities.ContainsKey(p.Key)))
            {
                Misses.Add($"{name}: extra quantity {p.Key} {p.Value}");
            }

            if (Text(w, "date") is { } date)
            {
                var dates = Scores["dates"];
                dates.Expected++;
                dates.Answered++;
                var right = d.GetProperty("date").GetString() == date;
                dates.Correct += right ? 1 : 0;
                if (!right)
                {
                    Misses.Add($"{name}: date of {w.GetProperty("type").GetString()} {d.GetProperty("date").GetString()} for {date}");
                }
            }

            var existing = Scores["existing"];
            var wantedExisting = w.TryGetProperty("existing", out var e) && e.GetBoolean();
            var draftedExisting = d.ExistingId() is not null;
            existing.Expected += wantedExisting ? 1 : 0;
            existing.Answered += draftedExisting ? 1 : 0;
            existing.Correct += wantedExisting && draftedExisting ? 1 : 0;
            if (wantedExisting != draftedExisting)
            {
                Misses.Add($"{name}: existing of {w.GetProperty("type").GetString()} {draftedExisting} for {wantedExisting}");
            }
        }

        ScoreQuotes(name, expected, draft);
    }

    private void ScoreQuotes(string name, JsonElement expected, JsonElement draft)
    {
        var speakers = Scores["quote speakers"];
        var drafted = draft.Events().SelectMany(e => e.GetProperty("quotes").EnumerateArray())
            .Select(q => (Text: Normalize(q.GetProperty("text").GetString()!), Speaker: draft.ActorName(q.GetProperty("speaker").GetString()))).ToList();
        speakers.Answered += drafted.Count(q => q.Speaker is not null);
        foreach (var quote in expected.TryGetProperty("quotes", out var quotes) ? quotes.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            speakers.Expected++;
            var start = Normalize(quote.GetProperty("startsWith").GetString()!);
            var speaker = quote.GetProperty("speaker").GetString();
            var found = drafted.Where(q => q.Text.StartsWith(start, StringComparison.Ordinal) || start.StartsWith(q.Text, StringComparison.Ordinal)).ToList();
            if (found.Any(q => q.Speaker == speaker))
            {
                speakers.Correct++;
            }
            else
            {
                Misses.Add($"{name}: quote \"{start[..Math.Min(30, start.Length)]}\" by {speaker} drafted as {(found.Count == 0 ? "no quote" : found[0].Speaker ?? "no speaker")}");
            }
        }
    }

    private static List<(JsonElement Wanted, JsonElement Drafted)> Pair(List<JsonElement> wanted, List<JsonElement> drafted, JsonElement draft)
    {
        var candidates = new List<(JsonElement W, JsonElement D, int Score, bool Optional)>();
        foreach (var w in wanted)
        {
            foreach (var d in drafted)
            {
                if (d.GetProperty("type").GetString() != w.GetProperty("type").GetString())
                {
                    continue;
                }

                var score = 10 + (draft.Side(d, "initiator") == Text(w, "initiator") ? 4 : 0) + (draft.Side(d, "target") == Text(w, "target") ? 2 : 0) +
                            (d.GetProperty("date").GetString() == Text(w, "date") ? 1 : 0) + (d.ExistingId() is not null == (w.TryGetProperty("existing", out var e) && e.GetBoolean()) ? 1 : 0);
                candidates.Add((w, d, score, Optional(w)));
            }
        }

        var pairs = new List<(JsonElement, JsonElement)>();
        var usedWanted = new List<JsonElement>();
        var usedDrafted = new List<JsonElement>();
        // Required events are matched before optional ones, the best fits first.
        foreach (var (w, d, _, _) in candidates.OrderBy(c => c.Optional).ThenByDescending(c => c.Score))
        {
            if (!usedWanted.Any(u => u.Equals(w)) && !usedDrafted.Any(u => u.Equals(d)))
            {
                usedWanted.Add(w);
                usedDrafted.Add(d);
                pairs.Add((w, d));
            }
        }

        return pairs;
    }

    private static bool Optional(JsonElement w) => w.TryGetProperty("optional", out var o) && o.GetBoolean();

    private static string? Text(JsonElement w, string field) => w.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Normalize(string text) =>
        string.Join(' ', text.Replace('\u2019', '\'').Replace('\u2018', '\'').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    public string Table(string title, int cases)
    {
        var lines = new List<string> { $"{title} ({cases} articles)", "", "| field | precision | recall | right / answered / expected |", "|---|---|---|---|" };
        lines.AddRange(Fields.Select(f => $"| {f} | {Scores[f].Precision:P0} | {Scores[f].Recall:P0} | {Scores[f].Correct} / {Scores[f].Answered} / {Scores[f].Expected} |"));
        return string.Join('\n', lines);
    }
}
