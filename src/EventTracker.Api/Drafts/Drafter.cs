using EventTracker.Api.Events;
using EventTracker.Api.Values;

namespace EventTracker.Api.Drafts;

/// <summary>
/// The first pass over an article: who is named, which events the sentences report, with their sides, numbers,
/// dates, status and quotes; the mentions of one event merged; responses linked to what they answer; events
/// already stored answered as existing.
/// </summary>
public sealed class Drafter(GazetteerCache gazetteers, IDraftStore store)
{
    private const int ResponseWindowDays = 120;
    private const int SameEventDays = 3;
    private const int RecentDays = 31;

    public async Task<DraftResponse> DraftAsync(DraftRequest request, HttpContext? http, CancellationToken cancellationToken)
    {
        var article = request.Html is { } html ? ArticleText.FromHtml(html, request.Url) : ArticleText.FromText(request.Text ?? "");
        var publishedAt = request.PublishedAt ?? article.PublishedAt;
        var gazetteer = await gazetteers.GetAsync(http, cancellationToken);
        var analysis = Analyse(gazetteer, article.Text, Dates.Day(publishedAt), publishedAt);

        long? sourceId = null;
        if (!string.IsNullOrEmpty(request.Url) && Sources.UrlNormalizer.TryNormalize(request.Url, out var normalized))
        {
            sourceId = await store.SourceIdAsync(normalized, cancellationToken);
        }

        await MatchStoredAsync(gazetteer, analysis, sourceId, cancellationToken);
        var source = new DraftSourceResponse(sourceId, request.Url, request.Title ?? article.Title, article.Publisher, publishedAt, request.Language ?? "en");
        return DraftAnswer.Build(gazetteer, analysis, source);
    }

    /// <summary>Everything the rules find in the text, before the store is asked.</summary>
    public static Analysis Analyse(Gazetteer gazetteer, string text, DateOnly? published, string? publishedAt)
    {
        var tokens = Tokenizer.Tokenize(text);
        var sentences = Sentences.Split(text, tokens);
        var datelines = Datelines.Find(text);
        var finder = new MentionFinder(gazetteer, text, tokens, sentences, datelines);
        finder.Find();
        var quotes = Quotes.Find(text, tokens, sentences, finder.Mentions);
        var rules = new EventRules(text, tokens, sentences, finder, published, datelines);
        var raw = rules.Find(quotes);
        var events = EventMerging.Merge(raw, finder, quotes, text, sentences);
        foreach (var e in events)
        {
            if (e.Date is null && publishedAt is not null)
            {
                e.Reasons.Add("date: the publication date (the text gives none for it)");
            }
        }

        EventMerging.LinkResponses(events, finder);
        return new Analysis(text, tokens, sentences, finder, quotes, events, publishedAt);
    }

    private async Task MatchStoredAsync(Gazetteer gazetteer, Analysis analysis, long? sourceId, CancellationToken cancellationToken)
    {
        string SideOf((int Organization, TextSpan Span) side) => analysis.Mentions.Organizations[side.Organization].SideKey;
        var dates = analysis.Events.Select(e => EventDate(e, analysis.PublishedAt)).Where(d => d is not null).Select(d => PartialDate.Parse(d!)).ToList();
        if (dates.Count == 0)
        {
            return;
        }

        // A stored event is the drafted one only with the same initiator's side and type (or the interchangeable one), near its
        // date (any of the last month when the text gives none); a response answers a measure that its target's side took.
        var initiatorIds = analysis.Events.Where(e => e.Initiator is not null).Select(e => SideOf(e.Initiator!.Value)).Distinct()
            .SelectMany(gazetteer.StoredOfSide).Distinct().Take(2000).ToList();
        var answeredIds = analysis.Events.Where(e => e.Target is not null && (e.Type == "retaliation_announced" || e.ResponseCue) && e.RespondsTo is null)
            .Select(e => SideOf(e.Target!.Value)).Distinct().SelectMany(gazetteer.StoredOfSide).Distinct().Take(2000).ToList();
        if (initiatorIds.Count == 0 && answeredIds.Count == 0 && sourceId is null)
        {
            return;
        }

        var types = analysis.Events.Select(e => e.Type).Concat(analysis.Events.Any(e => e.Type is "expulsion" or "accreditation_withdrawal")
            ? ["expulsion", "accreditation_withdrawal"] : []).Distinct().ToList();
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var undated = analysis.Events.Any(e => e.Date is null);
        var nearFrom = dates.Min(d => d.First).AddDays(undated ? -RecentDays : -SameEventDays);
        var query = new DraftCandidateQuery(initiatorIds, types, nearFrom.ToString("yyyy-MM-dd", culture),
            dates.Max(d => d.Last).AddDays(SameEventDays).ToString("yyyy-MM-dd", culture),
            answeredIds, Triggers.Measures, dates.Min(d => d.First).AddDays(-ResponseWindowDays).ToString("yyyy-MM-dd", culture), sourceId);
        var candidates = await store.CandidatesAsync(query, cancellationToken);
        StoredMatching.Match(gazetteer, analysis, candidates);
    }

    public static string? EventDate(RawEvent e, string? publishedAt) =>
        e.Date?.Value ?? (publishedAt is { Length: >= 4 } ? (publishedAt.Length >= 10 ? publishedAt[..10] : publishedAt) : null);
}

/// <summary>What the rules found in one article.</summary>
public sealed record Analysis(string Text, List<Token> Tokens, List<Sentence> Sentences, MentionFinder Mentions, List<QuoteHit> Quotes,
    List<RawEvent> Events, string? PublishedAt);
