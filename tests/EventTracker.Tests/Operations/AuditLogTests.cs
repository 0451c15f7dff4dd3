using System.Net.Http.Json;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Operations;

public sealed class AuditLogTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public async Task EveryWriteLeavesAnAuditLineNamingTheKeyAndTheOutcome()
    {
        var editor = app.CreateEditorClient();
        var created = await editor.PostAsJsonAsync("/api/v1/organizations", new { name = "Audited", kind = "other" });
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();
        await editor.PostAsJsonAsync("/api/v1/organizations", new { kind = "other" });
        await editor.DeleteAsync($"/api/v1/organizations/{id}");
        await app.CreateClient().GetAsync("/api/v1/organizations");

        var audit = app.Logs.Lines.Where(line => line.Contains("EventTracker.Audit", StringComparison.Ordinal)).ToList();
        Assert.Contains(audit, line => line.Contains("POST /api/v1/organizations by test-editor answered 201", StringComparison.Ordinal));
        Assert.Contains(audit, line => line.Contains("POST /api/v1/organizations by test-editor answered 400", StringComparison.Ordinal));
        Assert.Contains(audit, line => line.Contains($"DELETE /api/v1/organizations/{id} by test-editor answered 204", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, line => line.Contains("GET ", StringComparison.Ordinal));
        Assert.All(audit, line => Assert.Contains("RequestId=", line, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(EventTrackerApp.EditorKey, StringComparison.Ordinal));
    }
}
