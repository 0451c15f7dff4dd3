using System.Text.Json;

namespace EventTracker.Benchmarks;

/// <summary>A 3 KB wire-style article for the drafts row: states the synthetic data holds, a measure, a response, quotes.</summary>
public static class DraftArticle
{
    public const string Text = """
        MOSCOW, Oct 8 (Reuters) - Russia will respond to NATO's decision to withdraw the accreditation of eight members of its mission to the alliance, Kremlin spokesman Dmitry Peskov said on Friday.

        NATO on Wednesday withdrew the accreditation of eight diplomats of the Russian mission, saying they were undeclared Russian intelligence officers, and cut the maximum size of the mission from 20 people to 10 before the end of October.

        "Undoubtedly, some response measures will be formulated in a way that would comply with our interests the most, and they will be implemented," Peskov told reporters. He added that "there is no cooperation, essentially" between Russia and NATO.

        On Thursday, Foreign Ministry spokeswoman Maria Zakharova said Moscow would prepare retaliatory measures. "We will proceed from this in working on retaliatory measures, which will follow," she told a weekly briefing, calling the accusations against the Russian staff groundless.

        NATO Secretary General Jens Stoltenberg said the decision was based on intelligence and was not linked to any particular event. He said NATO remained open to dialogue with Russia, including a meeting of the NATO-Russia Council, which has not met since 2019.

        Separately, Poland said on Thursday it would expel three Belarusian diplomats within seven days, accusing Minsk of organising the movement of migrants towards the border. Belarus said it would answer in kind.

        The United States and Britain said they supported the alliance's decision. A State Department spokesman, Ned Price, told reporters in Washington that "Russia's conduct leaves NATO no choice." The Foreign Office in London said Britain stood with its allies.

        Relations between Moscow and the West have deteriorated sharply in recent years. In 2018, after the poisoning of a former Russian spy in Britain, NATO expelled seven Russian staff and cut the mission's maximum size from 30 to 20, while the United States expelled 60 Russian diplomats and closed the Russian consulate in Seattle.

        Russian Foreign Minister Sergei Lavrov said on Friday that Moscow was weighing its options and that "the door to dialogue is not closed", but added that Russia would not accept what he called ultimatums. Diplomats in Brussels said a decision on Russia's answer could come within weeks.

        Analysts said the move would further reduce the few remaining channels of communication between Russia and the alliance, already strained since 2014, when NATO suspended practical cooperation with Moscow after its annexation of Crimea. Germany and France called for calm.

        A senior Western diplomat in Brussels, speaking on condition of anonymity, said the eight staff had been given until the end of the month to leave Belgium and that the alliance did not expect a swift reply from Moscow.
        """;

    /// <summary>A wrk script that posts the article as a draft request.</summary>
    public static async Task<string> ScriptAsync(string apiKey)
    {
        var body = JsonSerializer.Serialize(new { text = Text, publishedAt = "2021-10-08", url = "https://news.example/world/nato-russia" });
        var lua = Path.Combine(Path.GetTempPath(), $"eventtracker-draft-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(lua, $$"""
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["X-Api-Key"] = "{{apiKey}}"
            wrk.body = [==[{{body}}]==]
            """);
        return lua;
    }
}
