using System.Text.Json;
using EventTracker.Api.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Drafts;

/// <summary>
/// <c>dotnet run --project src/EventTracker.Api -- draft FILE...</c>: drafts each article as POST /api/v1/drafts would,
/// against the configured database, and writes the draft beside it as FILE.draft.json. A .html or .htm file is a page,
/// a .json file a request body (text or html, url, title, publishedAt, language; other fields are ignored), any
/// other file plain text. Exits 0 when every file was drafted, 1 when some could not be, 2 without files.
/// </summary>
public static class DraftCommand
{
    public static async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            await Console.Error.WriteLineAsync("usage: EventTracker.Api draft FILE... [--ConnectionStrings:EventTracker=...]");
            return 2;
        }

        app.Services.GetRequiredService<IStoreSchema>().Migrate();
        var drafter = app.Services.GetRequiredService<Drafter>();
        var json = new JsonSerializerOptions(app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions) { WriteIndented = true };
        var failed = 0;
        foreach (var path in paths)
        {
            if (await RequestAsync(path) is not { } request)
            {
                failed++;
                continue;
            }

            var draft = await drafter.DraftAsync(request, null, CancellationToken.None);
            var target = path + ".draft.json";
            await File.WriteAllTextAsync(target, JsonSerializer.Serialize(draft, json));
            Console.WriteLine($"{path}: {draft.Events.Count} events, {draft.Events.Count(e => e.Existing is not null)} stored already -> {target}");
        }

        return failed == 0 ? 0 : 1;
    }

    private static async Task<DraftRequest?> RequestAsync(string path)
    {
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"No such file: {path}");
            return null;
        }

        var content = await File.ReadAllTextAsync(path);
        var request = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" or ".htm" => new DraftRequest { Html = content },
            ".json" => FromJson(content),
            _ => new DraftRequest { Text = content },
        };
        var errors = new DraftRequestValidator().Validate(request ?? new DraftRequest());
        if (request is null || !errors.IsValid)
        {
            await Console.Error.WriteLineAsync($"{path}: {(request is null ? "not a JSON object" : string.Join("; ", errors.Errors.Select(e => e.ErrorMessage)))}");
            return null;
        }

        return request;
    }

    private static DraftRequest? FromJson(string content)
    {
        try
        {
            var root = JsonDocument.Parse(content).RootElement;
            string? Field(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return new DraftRequest
            {
                Text = Field("text"), Html = Field("html"), Url = Field("url"), Title = Field("title"),
                PublishedAt = Field("publishedAt"), Language = Field("language"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
