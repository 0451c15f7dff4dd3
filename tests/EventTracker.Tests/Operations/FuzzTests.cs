using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using EventTracker.Tests.Import;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Operations;

/// <summary>
/// Sends every operation of the OpenAPI document hundreds of malformed requests — wrong types, huge
/// numbers, deep nesting, invalid UTF-8, random bytes, path traversal, SQL and FTS syntax, control
/// characters — with an admin key, and checks that none is answered 5xx and that no data changed.
/// Deterministic: one fixed seed.
/// </summary>
public sealed class FuzzTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private const int RequestsPerOperation = 150;

    private static readonly string[] NastyStrings =
    [
        "", " ", "-1", "0", "1e400", "99999999999999999999999999", "-9223372036854775809", "NaN", "Infinity", "true", "null",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "\u0000", "\u0001\u0002\u001f", "\u202e\u200b",
        "' OR 1=1 --", "'; DROP TABLE events; --", "\" OR \"\"=\"", "1; DELETE FROM organizations",
        "\"", "NEAR(a b, 2)", "title:x", "* OR *", "^start", "{title summary}: x", "(((", "AND", "a\"b\"c",
        "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}", "%s%s%s%n", "\ud83d\ude00\ud83d\udca9", "ﬀﬁ", "Ⅻ",
        new string('a', 3000), "2021-02-30", "2021-13", "20211006", "0000", "9999-12-31", "-2021",
    ];

    // No %00 here: the test host, like Kestrel, refuses a NUL in the path before the app sees it.
    private static readonly string[] NastyIds =
    [
        "-1", "0", "9223372036854775807", "-9223372036854775808", "99999999999999999999", "1e3", "0x10", "abc", "%2e%2e%2f",
        "..%2F..%2Fetc%2Fpasswd", "1%20OR%201%3D1", "%F0%9F%92%A9", "%FF%FE", "1.5", "+5", " 7", "777777",
    ];

    [Fact]
    [Trait("Store", "sqlite")] // it counts rows with SQLite's total()
    public async Task NoMalformedRequestToAnyOperationGets5xxOrChangesData()
    {
        var client = app.CreateAdminClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var before = Fingerprint();
        var random = new Random(20211006);
        var failures = new List<string>();
        var sent = 0;

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = operation!["parameters"]?.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList() ?? [];
                var example = operation["requestBody"]?["content"]?["application/json"]?["example"];
                for (var i = 0; i < RequestsPerOperation; i++)
                {
                    using var request = BuildRequest(random, method, path, parameters, example, operation["requestBody"] is not null);
                    var description = $"{request.Method} {request.RequestUri}";
                    var response = await client.SendAsync(request);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{(int)response.StatusCode} for {description}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
            }
        }

        Assert.True(sent > 3000, $"only {sent} requests sent");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Equal(before, Fingerprint());
    }

    private static HttpRequestMessage BuildRequest(Random random, string method, string path, List<string> parameters, JsonNode? example, bool hasBody)
    {
        var url = path.Replace("{id}", Pick(random, NastyIds), StringComparison.Ordinal);
        var query = parameters.Where(name => name != "id" && random.Next(3) > 0)
            .Select(name => $"{name}={Uri.EscapeDataString(Pick(random, NastyStrings))}")
            .ToList();
        if (random.Next(5) == 0)
        {
            query.Add("q=%FF%FE%C0%AF"); // invalid UTF-8
        }

        if (random.Next(8) == 0)
        {
            query.Add(Pick(random, ["organization=1&organization=-5", "limit=0", "limit=99999999999", "cursor=%%%", "from=2021&to=1990", "type=&type="]));
        }

        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        if (hasBody)
        {
            request.Content = Body(random, example);
        }

        if (random.Next(6) == 0)
        {
            request.Headers.TryAddWithoutValidation(random.Next(2) == 0 ? "If-Match" : "If-None-Match", Pick(random, ["garbage", "*", "\"1-1\"", "W/\"x\"", "\"\""]));
        }

        return request;
    }

    private static ByteArrayContent Body(Random random, JsonNode? example)
    {
        var (bytes, mediaType) = random.Next(10) switch
        {
            0 => (RandomBytes(random), "application/json"),
            1 => ([0xFF, 0xFE, 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], "application/json"),
            2 => (Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "application/json"),
            3 => (Encoding.UTF8.GetBytes("{\"name\": 1e400, \"kind\": 99999999999999999999999999999, \"title\": [], \"date\": {}}"), "application/json"),
            4 => (Encoding.UTF8.GetBytes("{\"name\": \"a\", \"name\": \"b\", \"kind\": \"other\", \"extra\": true}"), "application/json"),
            5 => (Encoding.UTF8.GetBytes(Pick(random, ["", "null", "[]", "\"string\"", "42", "{", "{\"a\":}"])), "application/json"),
            6 => (RandomBytes(random), Pick(random, ["application/x-ndjson", "text/plain", "application/xml", "multipart/form-data"])),
            7 => (Encoding.UTF8.GetBytes(Pick(random, NastyStrings) + "\n{\"kind\":\"event\"}\n" + Pick(random, NastyStrings)), "application/x-ndjson"),
            _ => (Encoding.UTF8.GetBytes(Mutate(random, example)), random.Next(4) == 0 ? "application/x-ndjson" : "application/json"),
        };
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    /// <summary>The operation's example with one field replaced by a value of another JSON kind: never valid.</summary>
    private static string Mutate(Random random, JsonNode? example)
    {
        if (example is not JsonObject original)
        {
            return "{\"kind\": {\"$ne\": 1}, \"name\": [\"\\u0000\"]}";
        }

        var body = original.DeepClone().AsObject();
        var field = body.Select(pair => pair.Key).ElementAt(random.Next(body.Count));
        body[field] = body[field] switch
        {
            JsonObject or JsonArray => JsonValue.Create(random.Next(2) == 0 ? 1e300 : -7),
            _ => new JsonObject { ["$gt"] = Pick(random, NastyStrings), ["nested"] = new JsonArray(new JsonArray(new JsonArray())) },
        };
        return body.ToJsonString();
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 2048)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private string Fingerprint()
    {
        using var db = app.OpenDatabase();
        return db.ExecuteScalar<string>("""
            SELECT (SELECT COUNT(*) || '/' || TOTAL(version) FROM organizations) || ' ' ||
                   (SELECT COUNT(*) || '/' || TOTAL(version) FROM actors) || ' ' ||
                   (SELECT COUNT(*) || '/' || TOTAL(version) FROM sources) || ' ' ||
                   (SELECT COUNT(*) || '/' || TOTAL(version) FROM events) || ' ' ||
                   (SELECT COUNT(*) FROM event_participants) || ' ' || (SELECT COUNT(*) FROM revisions) || ' ' ||
                   (SELECT COUNT(*) FROM events WHERE deleted_at IS NOT NULL)
            """)!;
    }
}
