using System.Net.Http.Json;
using System.Text.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Drafts;

/// <summary>Drafts and commits through the HTTP pipeline, and reads what the tests look at.</summary>
public static class DraftClient
{
    public static readonly string NatoRussiaArticle = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Drafts", "nato-russia-2021-10.txt"));

    public static async Task<JsonElement> DraftAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/drafts", body);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> CommitAsync(this HttpClient client, JsonElement draft)
    {
        var response = await client.PostAsync("/api/v1/drafts/commit", new StringContent(draft.GetRawText(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static IEnumerable<JsonElement> Events(this JsonElement draft) => draft.GetProperty("events").EnumerateArray();

    public static JsonElement OnlyEvent(this JsonElement draft, string type) => Assert.Single(draft.Events(), e => e.GetProperty("type").GetString() == type);

    /// <summary>The side a participant of a drafted event stands for: its country code, else its name.</summary>
    public static string? Side(this JsonElement draft, JsonElement e, string role)
    {
        var participant = e.GetProperty("participants").EnumerateArray()
            .FirstOrDefault(p => p.GetProperty("role").GetString() == role && p.GetProperty("organization").ValueKind == JsonValueKind.String);
        if (participant.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        var organization = draft.GetProperty("organizations").EnumerateArray().First(o => o.GetProperty("ref").GetString() == participant.GetProperty("organization").GetString());
        return organization.GetProperty("countryCode").GetString() ?? organization.GetProperty("name").GetString();
    }

    public static Dictionary<string, long> Quantities(this JsonElement e) =>
        e.GetProperty("quantities").EnumerateArray().ToDictionary(q => q.GetProperty("kind").GetString()!, q => q.GetProperty("value").GetInt64());

    public static string? ActorName(this JsonElement draft, string? actorRef) =>
        actorRef is null ? null : draft.GetProperty("actors").EnumerateArray().First(a => a.GetProperty("ref").GetString() == actorRef).GetProperty("name").GetString();

    public static long? ExistingId(this JsonElement e) =>
        e.GetProperty("existing").ValueKind == JsonValueKind.Object ? e.GetProperty("existing").GetProperty("id").GetInt64() : null;
}
