using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EventTracker.Tests.Infrastructure;

/// <summary>Creates records through the API (never behind its back) and returns their ids.</summary>
public sealed class Seeder(HttpClient editor)
{
    public async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await editor.PostAsJsonAsync(path, body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path} answered {(int)response.StatusCode}: {json}");
        return json;
    }

    public async Task<long> OrganizationAsync(string name, string kind = "state", string? countryCode = "RU", long? parentId = null, string[]? aliases = null) =>
        (await PostAsync("/api/v1/organizations", new { name, kind, countryCode, parentId, aliases })).GetProperty("id").GetInt64();

    public async Task<long> ActorAsync(string name, string[]? aliases = null) =>
        (await PostAsync("/api/v1/actors", new { name, aliases })).GetProperty("id").GetInt64();

    public async Task<long> SourceAsync(string title, string? url = null) =>
        (await PostAsync("/api/v1/sources", new { title, url })).GetProperty("id").GetInt64();

    public async Task<long> EventAsync(object body) => (await PostAsync("/api/v1/events", body)).GetProperty("id").GetInt64();

    public Task<long> SimpleEventAsync(string title, string date, long organizationId, string type = "statement") =>
        EventAsync(new
        {
            type,
            title,
            date,
            status = "completed",
            participants = new[] { new { organizationId, role = "initiator" } },
        });
}
