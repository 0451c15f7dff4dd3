using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SmartReader;

namespace EventTracker.Api.Drafts;

/// <summary>The article's plain text (what every span refers to) and what the page's metadata says.</summary>
public sealed record Article(string Text, string? Title, string? Publisher, string? PublishedAt);

public static class ArticleText
{
    private static readonly string[] Furniture = ["figcaption", "figure", "nav", "aside", "footer", "header", "form", "script", "style", "noscript", "iframe", "button"];
    private static readonly string[] Blocks = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt"];

    public static Article FromText(string text)
    {
        var normalized = Normalize(text);
        return new Article(normalized, Headline(normalized), null, null);
    }

    /// <summary>The first line when it reads as a headline (short, no closing full stop), else the first sentence's start.</summary>
    private static string? Headline(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = (end < 0 ? text : text[..end]).Trim();
        if (first.Length == 0)
        {
            return null;
        }

        if (first.Length <= 200 && !first.EndsWith('.'))
        {
            return first;
        }

        var stop = first.IndexOf(". ", StringComparison.Ordinal);
        var sentence = stop > 0 ? first[..stop] : first;
        return sentence.Length <= 200 ? sentence : sentence[..197].TrimEnd() + "...";
    }

    /// <summary>The main text of a page by Readability's rules (SmartReader), captions and asides dropped, a paragraph per block.</summary>
    public static Article FromHtml(string html, string? url)
    {
        var address = url is not null && Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed.ToString() : "https://article.invalid/";
        var reader = new Reader(address, html);
        Article? fromReader = null;
        try
        {
            var article = reader.GetArticle();
            if (article.IsReadable && !string.IsNullOrWhiteSpace(article.Content))
            {
                fromReader = new Article(Paragraphs(article.Content), Clean(article.Title), Clean(article.SiteName),
                    article.PublicationDate is { } date ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A page Readability cannot read is drafted from its paragraphs below.
        }

        var metadata = Metadata(html);
        if (fromReader is null)
        {
            return new Article(Paragraphs(html), metadata.Title, metadata.Publisher, metadata.PublishedAt);
        }

        return fromReader with
        {
            Title = metadata.Title ?? fromReader.Title,
            Publisher = metadata.Publisher ?? fromReader.Publisher,
            PublishedAt = metadata.PublishedAt ?? fromReader.PublishedAt,
        };
    }

    private static string Paragraphs(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll(string.Join(',', Furniture)).ToList())
        {
            element.Remove();
        }

        var paragraphs = new List<string>();
        foreach (var block in document.QuerySelectorAll(string.Join(',', Blocks)))
        {
            // Only the innermost blocks: a list item inside a blockquote is taken once.
            if (block.QuerySelector(string.Join(',', Blocks)) is not null)
            {
                continue;
            }

            var text = Normalize(block.TextContent);
            if (text.Length > 0)
            {
                paragraphs.Add(text);
            }
        }

        return paragraphs.Count > 0 ? string.Join("\n\n", paragraphs) : Normalize(document.Body?.TextContent ?? "");
    }

    private static (string? Title, string? Publisher, string? PublishedAt) Metadata(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        string? Meta(params string[] names) => names
            .Select(name => document.QuerySelector($"meta[property='{name}'],meta[name='{name}'],meta[itemprop='{name}']")?.GetAttribute("content"))
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

        var title = Meta("og:title", "twitter:title") ?? document.QuerySelector("h1")?.TextContent ?? document.Title;
        var published = Meta("article:published_time", "datePublished", "date", "dc.date", "pubdate", "og:published_time")
                        ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        return (Clean(title), Clean(Meta("og:site_name", "application-name")), published is null ? null : DatePart(published));
    }

    private static string? DatePart(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length >= 10 && Values.PartialDate.IsValid(trimmed[..10]) ? trimmed[..10]
            : DateTimeOffset.TryParse(trimmed, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                : null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : Normalize(text).Replace('\n', ' ');

    /// <summary>Line breaks kept as paragraph breaks, other runs of white space made one space, control characters dropped.</summary>
    public static string Normalize(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        var pendingSpace = false;
        var pendingBreaks = 0;
        foreach (var raw in text)
        {
            var c = raw == '\u00A0' ? ' ' : raw;
            if (c == '\n')
            {
                pendingBreaks++;
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = true;
                continue;
            }

            if (builder.Length > 0 && pendingBreaks > 0)
            {
                builder.Append(pendingBreaks > 1 ? "\n\n" : "\n");
            }
            else if (builder.Length > 0 && pendingSpace)
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            pendingBreaks = 0;
            builder.Append(c);
        }

        return builder.ToString();
    }
}
