using System.Diagnostics;
using System.Text.RegularExpressions;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Foundation;

/// <summary>
/// The README's shell examples, from "Using the API" to "Configuration", run by bash with curl against
/// a real server on a fresh demo database (on the suite's store). Each curl's status is logged by a
/// wrapper and compared with what the README says: 2xx, or the status its line's comment names
/// ("# 409 while…", "# HTTP/1.1 304…").
/// </summary>
public sealed partial class ReadmeExamplesTests : IAsyncLifetime
{
    private const string ReadmeHost = "http://localhost:5000";
    private const string ReadmeKey = "dev-editor-key-change-me";

    private readonly TestDatabase? _database = TestStore.IsPostgres ? TestDatabase.Create() : null;
    private RealServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = _database is null ? new RealServer(RealServer.TempDatabasePath()) : RealServer.OnPostgres(_database.ConnectionString);
        _server.Settings["Seed__Demo"] = "true";
        _server.Settings["Auth__ApiKeys__1__Name"] = "readme";
        _server.Settings["Auth__ApiKeys__1__Key"] = ReadmeKey;
        _server.Settings["Auth__ApiKeys__1__Role"] = "admin";
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database?.Dispose();
    }

    [ShellFact]
    public async Task EveryCommandOfTheReadmesApiTourAnswersWhatTheReadmeSays()
    {
        var commands = ReadmeCommands();
        Assert.True(commands.Count >= 30, $"Only {commands.Count} curl commands found in the README's tour.");

        var folder = Directory.CreateTempSubdirectory("eventtracker-readme-").FullName;
        var log = Path.Combine(folder, "statuses.log");
        Directory.CreateSymbolicLink(Path.Combine(folder, "db"), Path.Combine(RepositoryRoot.Path, "db"));
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        var wrapper = Path.Combine(bin, "curl");
        await File.WriteAllTextAsync(wrapper, $$"""
            #!/usr/bin/env bash
            err=$(mktemp)
            {{ShellFactAttribute.Curl}} "$@" -w '%{stderr}ETSTATUS %{http_code}\n' 2>"$err"
            rc=$?
            grep '^ETSTATUS ' "$err" | cut -d' ' -f2 >> "{{log}}"
            grep -v '^ETSTATUS ' "$err" >&2
            rm -f "$err"
            exit $rc
            """.Replace("\r", ""));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var script = string.Join('\n', ReadmeShellBlocks()).Replace(ReadmeHost, _server.BaseAddress.ToString().TrimEnd('/'));
        await File.WriteAllTextAsync(Path.Combine(folder, "tour.sh"), script + "\necho README-TOUR-DONE\n");

        var info = new ProcessStartInfo("bash", "tour.sh") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Contains("README-TOUR-DONE", await output);

        var statuses = File.Exists(log) ? (await File.ReadAllLinesAsync(log)).Select(int.Parse).ToList() : [];
        Assert.True(statuses.Count == commands.Count,
            $"{commands.Count} curl commands in the README, {statuses.Count} ran. bash said:\n{await errors}\nServer:\n{_server.Output}");
        var wrong = commands.Zip(statuses)
            .Where(pair => pair.First.Expected is { } expected ? pair.Second != expected : pair.Second is < 200 or > 299)
            .Select(pair => $"{pair.Second} (README expects {pair.First.Expected?.ToString() ?? "2xx"}): {pair.First.Line}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join('\n', wrong) + "\nbash said:\n" + await errors);
    }

    private sealed record ReadmeCommand(string Line, int? Expected);

    /// <summary>The fenced bash blocks of the API tour (Using the API up to Configuration), without the lines that need a build.</summary>
    private static IEnumerable<string> ReadmeShellBlocks()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).Replace("\r", "");
        var start = readme.IndexOf("\n## Using the API", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## Configuration", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start, "The README has no 'Using the API' section before 'Configuration'.");
        foreach (Match block in ShellBlock().Matches(readme[start..end]))
        {
            yield return string.Join('\n', block.Groups[1].Value.Split('\n').Where(line => !line.TrimStart().StartsWith("dotnet ", StringComparison.Ordinal)));
        }
    }

    private static List<ReadmeCommand> ReadmeCommands() =>
        ReadmeShellBlocks()
            .SelectMany(block => block.Replace("\\\n", " ").Split('\n'))
            .Where(line => CurlCall().IsMatch(line))
            .Select(line => new ReadmeCommand(line, CommentStatus().Match(line) is { Success: true } status ? int.Parse(status.Groups[1].Value) : null))
            .ToList();

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"(^|\$\(|\|\s*)curl\s")]
    private static partial Regex CurlCall();

    [GeneratedRegex(@"#\s*(?:HTTP/1\.1\s+)?([1-5]\d\d)\b")]
    private static partial Regex CommentStatus();
}

/// <summary>A test that runs shell scripts with bash and curl: skipped, saying why, where either is missing.</summary>
public sealed class ShellFactAttribute : FactAttribute
{
    public static string Curl { get; } = new[] { "/usr/bin/curl", "/bin/curl", "/usr/local/bin/curl" }.FirstOrDefault(File.Exists) ?? "";

    public ShellFactAttribute()
    {
        if (Curl.Length == 0 || !OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Skip = "Runs the README's shell examples: needs bash and curl (Debian: apt-get install curl).";
        }
    }
}
