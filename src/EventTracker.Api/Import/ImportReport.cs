using System.Text.Json;
using EventTracker.Api.Errors;

namespace EventTracker.Api.Import;

/// <summary>What an import did.</summary>
/// <param name="Created">Records created.</param>
/// <param name="Updated">Records whose content differed and was replaced (each with a revision).</param>
/// <param name="Unchanged">Records already stored exactly so: left alone.</param>
/// <param name="Failed">Lines that could not be imported; nothing of them was stored. Exact, however many are listed.</param>
/// <param name="Failures">
/// The first failed lines, in order, each with its errors: at most 100 lines with at most 10 messages each, and no more than keeps the report under 1 MB (long texts in them are cut short with "…").
/// </param>
/// <param name="FailuresOmitted">Failed lines beyond those listed.</param>
public sealed record ImportReport(int Created, int Updated, int Unchanged, int Failed, IReadOnlyList<ImportFailure> Failures, int FailuresOmitted);

/// <summary>One line that failed.</summary>
/// <param name="Line">The line's number, from 1.</param>
/// <param name="Kind">The record kind the line named, if it could be read.</param>
/// <param name="ExternalId">The line's externalId, if it could be read.</param>
/// <param name="Errors">For each JSON path in the line, what is wrong with it: the first 10 messages.</param>
/// <param name="ErrorsOmitted">The line's messages beyond those listed in <c>errors</c>.</param>
public sealed record ImportFailure(int Line, string? Kind, string? ExternalId, IReadOnlyDictionary<string, string[]> Errors, int ErrorsOmitted);

/// <summary>
/// Counts and failures as an import goes. The counts are exact; only the first failures are kept, each cut down to
/// its first messages, so that the report and the memory it takes stay small whatever the file (docs/architecture.md, operating limits).
/// </summary>
internal sealed class ImportTally(JsonSerializerOptions json)
{
    public const int MaxListedFailures = 100;
    public const int MaxErrorsPerFailure = 10;

    /// <summary>What the listed failures may take, serialised: with the counts, the report stays under 1 MB.</summary>
    public const int MaxListedBytes = 900 * 1024;

    public const int MaxPathLength = 200;
    public const int MaxMessageLength = 500;
    public const int MaxKindLength = 50;
    public const int MaxExternalIdLength = 200;

    private readonly List<ImportFailure> _failures = [];
    private long _listedBytes;
    private bool _full;

    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Failed { get; private set; }

    /// <summary>Event lines created or updated, for the import metrics.</summary>
    public int EventsWritten { get; set; }

    /// <summary>Failures of one batch, counted into the tally only when the batch commits.</summary>
    public BatchFailures StartBatch() => new(this);

    public ImportReport ToReport() =>
        new(Created, Updated, Unchanged, Failed, _failures, Failed - _failures.Count);

    internal sealed class BatchFailures(ImportTally tally)
    {
        private readonly List<(ImportFailure Failure, int Bytes)> _listed = [];
        private long _bytes;
        private bool _full;
        private int _unlisted;

        /// <summary>Counts a failed line; lists it only while there is room (by count and by size), so nothing else is kept.</summary>
        public void Fail(int line, string? kind, string? externalId, IReadOnlyDictionary<string, string[]> errors)
        {
            if (_full || tally._full || tally._failures.Count + _listed.Count >= MaxListedFailures)
            {
                _unlisted++;
                return;
            }

            var kept = ErrorMaps.First(errors, MaxErrorsPerFailure);
            var omitted = errors.Values.Sum(messages => messages.Length) - kept.Values.Sum(messages => messages.Length);
            var failure = new ImportFailure(
                line, Clip(kind, MaxKindLength), Clip(externalId, MaxExternalIdLength),
                kept.ToDictionary(error => Clip(error.Key, MaxPathLength)!, error => error.Value.Select(m => Clip(m, MaxMessageLength)!).ToArray()),
                omitted);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(failure, tally._json).Length + 1;
            if (tally._listedBytes + _bytes + bytes > MaxListedBytes)
            {
                // The first failures are listed, in order: once one does not fit, none after it is.
                _full = true;
                _unlisted++;
                return;
            }

            _listed.Add((failure, bytes));
            _bytes += bytes;
        }

        /// <summary>Failed lines of the batch so far.</summary>
        public int Count => _listed.Count + _unlisted;

        /// <summary>The batch committed: its failures count.</summary>
        public void Commit()
        {
            tally.Failed += _listed.Count + _unlisted;
            tally._failures.AddRange(_listed.Select(listed => listed.Failure));
            tally._listedBytes += _bytes;
            tally._full |= _full;
        }
    }

    private readonly JsonSerializerOptions _json = json;

    /// <summary>A text cut to <paramref name="max"/> characters (with "…" at the end when cut), never within a surrogate pair.</summary>
    internal static string? Clip(string? text, int max)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }

        var end = max - 1;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), "…");
    }
}
