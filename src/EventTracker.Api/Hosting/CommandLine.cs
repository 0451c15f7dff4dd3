namespace EventTracker.Api.Hosting;

/// <summary>
/// The service's command line: an optional verb with its file (<c>import FILE</c>, <c>backup FILE</c>;
/// <c>draft FILE...</c> takes several; <c>migrate-store --to CONNECTION</c> takes its target as configuration),
/// then configuration (<c>--Key=value</c>). The verb and files are taken off before configuration reads
/// the rest, which would otherwise take an absolute path such as /tmp/x for a "/key".
/// </summary>
public sealed record CommandLine(string? Verb, IReadOnlyList<string> Files, string[] ConfigurationArgs)
{
    private static readonly string[] Verbs = ["import", "backup", "migrate-store", "draft"];

    /// <summary>The verb's file, for the verbs that take one.</summary>
    public string? File => Files.Count > 0 ? Files[0] : null;

    public static CommandLine Parse(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0], StringComparer.Ordinal))
        {
            return new CommandLine(null, [], args);
        }

        var most = args[0] == "draft" ? int.MaxValue : 1;
        var files = args.Skip(1).TakeWhile(arg => !arg.StartsWith("--", StringComparison.Ordinal)).Take(most).ToList();
        return new CommandLine(args[0], files, args[(1 + files.Count)..]);
    }
}
