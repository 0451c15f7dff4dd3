namespace EventTracker.Api.Hosting;

/// <summary>
/// The service's command line: an optional verb with its file (<c>import FILE</c>, <c>backup FILE</c>;
/// <c>migrate-store --to CONNECTION</c> takes its target as configuration),
/// then configuration (<c>--Key=value</c>). The verb and file are taken off before configuration reads
/// the rest, which would otherwise take an absolute path such as /tmp/x for a "/key".
/// </summary>
public sealed record CommandLine(string? Verb, string? File, string[] ConfigurationArgs)
{
    private static readonly string[] Verbs = ["import", "backup", "migrate-store"];

    public static CommandLine Parse(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0], StringComparer.Ordinal))
        {
            return new CommandLine(null, null, args);
        }

        var file = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : null;
        return new CommandLine(args[0], file, args[(file is null ? 1 : 2)..]);
    }
}
