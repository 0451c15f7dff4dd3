using System.Net;
using System.Text.Json;

namespace EventTracker.Tests.Infrastructure;

/// <summary>Building NDJSON import lines and posting them, for the import tests.</summary>
public static class ImportLines
{
    /// <summary>An external-id prefix no other test uses.</summary>
    public static string Unique(string prefix) => $"{prefix}:{Guid.NewGuid():N}";

    public static string Line(object record) => JsonSerializer.Serialize(record);

    /// <summary>Posts the lines to /api/v1/import and returns the report, which must be a 200.</summary>
    public static async Task<JsonElement> ImportAsync(this EventTrackerApp app, IEnumerable<string> lines, string key = EventTrackerApp.AdminKey)
    {
        var response = await app.CreateClientWithKey(key).PostAsync("/api/v1/import", new NdjsonContent(lines));
        var report = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, report.ToString());
        return report;
    }
}
