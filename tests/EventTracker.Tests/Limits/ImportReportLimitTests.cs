using System.Net;
using System.Text;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;
using static EventTracker.Tests.Infrastructure.ImportLines;

namespace EventTracker.Tests.Limits;

/// <summary>
/// An import report stays under 1 MB whatever the file: the first 100 failed lines are listed,
/// each with its first 10 messages and long texts cut short, while every count stays exact.
/// </summary>
public sealed class ImportReportLimitTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    private const int OneMegabyte = 1024 * 1024;

    private async Task<(JsonElement Report, int Bytes)> ImportAsync(IEnumerable<string> lines)
    {
        var response = await app.CreateAdminClient().PostAsync("/api/v1/import", new NdjsonContent(lines));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 2000)));
        return (JsonDocument.Parse(bytes).RootElement.Clone(), bytes.Length);
    }

    private static void AssertCounts(JsonElement report, int created, int failed, int listed)
    {
        Assert.Equal(created, report.GetProperty("created").GetInt32());
        Assert.Equal(failed, report.GetProperty("failed").GetInt32());
        Assert.Equal(listed, report.GetProperty("failures").GetArrayLength());
        Assert.Equal(failed - listed, report.GetProperty("failuresOmitted").GetInt32());
    }

    /// <summary>An event line of about 800 KB: 20 000 participants, by id or by external id.</summary>
    private static string HugeEvent(string externalId, bool byExternalId)
    {
        var participant = byExternalId ? """{"organizationExternalId":"o","role":"target"}""" : """{"organizationId":1,"role":"target"}""";
        return $$"""{"kind":"event","externalId":"{{externalId}}","type":"statement","title":"Huge","date":"2021","participants":[""" +
            string.Join(",", Enumerable.Repeat(participant, 20_000)) + "]}";
    }

    [Fact]
    public async Task TwentyLinesOfTwentyThousandParticipantsAnswerASmallReportWithExactCounts()
    {
        // Before: 73.5 MB of report for this 20 MB file, 40 000 messages per line.
        var p = Unique("huge");
        IEnumerable<string> Lines()
        {
            yield return Line(new { kind = "organization", externalId = $"{p}:org", name = "Huge org", organizationKind = "other" });
            for (var i = 0; i < 20; i++)
            {
                yield return HugeEvent($"{p}:ev{i}", byExternalId: i % 2 == 1);
            }

            yield return Line(new { kind = "organization", externalId = $"{p}:org2", name = "Huge org two", organizationKind = "other" });
        }

        var (report, bytes) = await ImportAsync(Lines());

        Assert.True(bytes < OneMegabyte, $"{bytes} bytes");
        AssertCounts(report, created: 2, failed: 20, listed: 20);
        foreach (var failure in report.GetProperty("failures").EnumerateArray())
        {
            var errors = failure.GetProperty("errors");
            Assert.Equal(["participants"], errors.EnumerateObject().Select(error => error.Name));
            Assert.Equal("20000 items: at most 100 participants.", errors.GetProperty("participants")[0].GetString());
            Assert.Equal(0, failure.GetProperty("errorsOmitted").GetInt32());
        }
    }

    [Fact]
    public async Task TheFirstHundredFailedLinesAreListedWithTheirFirstTenMessages()
    {
        // Each line: 16 participants with both ids, one message each.
        var p = Unique("many");
        var participants = Enumerable.Range(1, 16).Select(i => new { organizationId = i, actorId = i, role = "target" }).ToArray();
        var lines = Enumerable.Range(0, 300)
            .Select(i => Line(new { kind = "event", externalId = $"{p}:ev{i}", type = "statement", title = "Bad", date = "2021", participants }))
            .Append(Line(new { kind = "organization", externalId = $"{p}:org", name = "Many org", organizationKind = "other" }));

        var (report, bytes) = await ImportAsync(lines);

        AssertCounts(report, created: 1, failed: 300, listed: 100);
        var failures = report.GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 100), failures.Select(f => f.GetProperty("line").GetInt32()));
        foreach (var failure in failures)
        {
            Assert.Equal(10, failure.GetProperty("errors").EnumerateObject().Sum(error => error.Value.GetArrayLength()));
            Assert.Equal(6, failure.GetProperty("errorsOmitted").GetInt32());
        }

        Assert.True(bytes < OneMegabyte, $"{bytes} bytes");
    }

    [Fact]
    public async Task LongTextsInFailuresAreCutShortAndTheReportStaysUnderOneMegabyte()
    {
        // A 300 KB external id, a 300 KB kind, then 100 lines whose ten messages each quote a 10 000-character date of
        // control characters (six bytes each once escaped): before, about 60 MB of report.
        var p = Unique("long");
        var date = new string('\u0001', 10_000);
        var affiliations = Enumerable.Range(0, 10).Select(_ => new { organizationId = 1, from = date }).ToArray();
        var lines = new[]
            {
                Line(new { kind = "actor", externalId = new string('x', 300_000), name = "Long" }),
                Line(new { kind = new string('k', 300_000), externalId = "k" }),
            }
            .Concat(Enumerable.Range(0, 100).Select(i => Line(new { kind = "actor", externalId = $"{p}:{i}", name = "Long", affiliations })));

        var (report, bytes) = await ImportAsync(lines);

        Assert.True(bytes < OneMegabyte, $"{bytes} bytes");
        Assert.Equal(102, report.GetProperty("failed").GetInt32());
        var failures = report.GetProperty("failures").EnumerateArray().ToList();
        Assert.InRange(failures.Count, 3, 99); // as many as fit, in order
        Assert.Equal(Enumerable.Range(1, failures.Count), failures.Select(f => f.GetProperty("line").GetInt32()));
        Assert.Equal(102 - failures.Count, report.GetProperty("failuresOmitted").GetInt32());

        var externalId = failures[0].GetProperty("externalId").GetString()!;
        Assert.True(externalId.Length <= 200 && externalId.EndsWith('…'), externalId);
        var kind = failures[1].GetProperty("kind").GetString()!;
        Assert.True(kind.Length <= 50 && kind.EndsWith('…'), kind);
        var messages = failures[2].GetProperty("errors").EnumerateObject().SelectMany(error => error.Value.EnumerateArray()).ToList();
        Assert.Equal(10, messages.Count);
        Assert.All(messages, message => Assert.True(message.GetString()!.Length <= 500));
    }
}
