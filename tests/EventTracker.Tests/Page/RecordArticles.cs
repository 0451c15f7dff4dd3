namespace EventTracker.Tests.Page;

/// <summary>Articles written for the record view's tests (none is a real report), each about its own parties and dates.</summary>
internal static class RecordArticles
{
    /// <summary>October 2021, the exchange the demo data holds: every event in it is stored already.</summary>
    public const string NatoRussiaOctober2021 =
        """
        NATO strips eight Russian envoys of accreditation; Moscow promises an answer

        BRUSSELS — NATO on Wednesday withdrew the accreditation of eight members of Russia's mission to the alliance, saying they were undeclared Russian intelligence officers. NATO also cut the maximum size of the Russian mission from 20 to 10.

        On Thursday, Russian Foreign Ministry spokeswoman Maria Zakharova said Moscow would prepare tit-for-tat measures. "We will proceed from this in working on retaliatory measures," she said.
        """;

    public const string NatoRussiaOctober2021Url = "https://news.example/2021/10/07/nato-strips-russian-envoys";

    /// <summary>Latvia and Russia, March 2023: new events for the whole recording flow.</summary>
    public const string LatviaRussia2023 =
        """
        Latvia expels two Russian diplomats; Moscow vows a response

        RIGA — Latvia on Tuesday expelled two Russian diplomats, giving them five days to leave the country. The Latvian foreign ministry said the diplomats' activities were incompatible with their diplomatic status.

        Russia will respond in kind, Kremlin spokesman Dmitry Peskov said on Wednesday. "This unfriendly step will not go unanswered," Peskov told reporters.

        The European Union accused Moscow of trying to intimidate its member states.
        """;

    public const string LatviaRussia2023Url = "https://news.example/2023/03/15/latvia-expels-russian-diplomats";

    /// <summary>Lithuania and Belarus, May 2022: for the 400 and the key tests.</summary>
    public const string LithuaniaBelarus2022 =
        """
        Lithuania expels Belarusian diplomat

        VILNIUS — Lithuania on Monday expelled a Belarusian diplomat and declared him persona non grata, the Lithuanian foreign ministry said.
        """;

    /// <summary>Finland and Russia, September 2020: recorded with the keyboard only.</summary>
    public const string FinlandRussia2020 =
        """
        Finland expels three Russian diplomats

        HELSINKI — Finland on Thursday expelled three Russian diplomats and gave them a week to leave. Moscow said it would retaliate.
        """;

    /// <summary>Slovakia and Russia, April 2022, reported from Brussels: a new state among names no event uses.</summary>
    public const string SlovakiaRussia2022 =
        """
        Slovakia expels three Russian diplomats

        Speaking in Brussels on Wednesday, the Slovak foreign minister said Slovakia had expelled three Russian diplomats on Tuesday.
        """;

    /// <summary>Czechia and Russia, April 2021, as a whole page: menus, a teaser and a caption around the story.</summary>
    public const string CzechiaRussia2021Page =
        """
        <!doctype html>
        <html><head><title>Czechia expels 18 Russian diplomats | World News</title>
        <meta property="og:title" content="Czechia expels 18 Russian diplomats">
        <meta property="article:published_time" content="2021-04-18T10:00:00Z"></head>
        <body>
        <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe to our newsletter</a></nav>
        <article>
        <h1>Czechia expels 18 Russian diplomats</h1>
        <figure><img src="/embassy.jpg"><figcaption>The embassy building in Prague, pictured in 2019.</figcaption></figure>
        <p>PRAGUE — Czechia on Saturday expelled 18 Russian diplomats, giving them 48 hours to leave the country.</p>
        <p>Moscow said it would take retaliatory measures.</p>
        </article>
        <aside><h2>Most read</h2><a href="/other">Storm closes airport for a day</a></aside>
        </body></html>
        """;
}
