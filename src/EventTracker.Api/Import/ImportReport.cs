namespace EventTracker.Api.Import;

/// <summary>What an import did.</summary>
/// <param name="Created">Records created.</param>
/// <param name="Updated">Records whose content differed and was replaced (each with a revision).</param>
/// <param name="Unchanged">Records already stored exactly so: left alone.</param>
/// <param name="Failed">Lines that could not be imported; nothing of them was stored.</param>
/// <param name="Failures">Each failed line with its errors (the first 1 000).</param>
/// <param name="FailuresOmitted">Failed lines beyond those listed.</param>
public sealed record ImportReport(int Created, int Updated, int Unchanged, int Failed, IReadOnlyList<ImportFailure> Failures, int FailuresOmitted);

/// <summary>One line that failed.</summary>
/// <param name="Line">The line's number, from 1.</param>
/// <param name="Kind">The record kind the line named, if it could be read.</param>
/// <param name="ExternalId">The line's externalId, if it could be read.</param>
/// <param name="Errors">For each JSON path in the line, what is wrong with it.</param>
public sealed record ImportFailure(int Line, string? Kind, string? ExternalId, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>Counts and failures as an import goes; the failure list is capped so memory stays bounded.</summary>
internal sealed class ImportTally
{
    public const int MaxListedFailures = 1000;

    private readonly List<ImportFailure> _failures = [];

    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Failed { get; private set; }

    public void Fail(ImportFailure failure)
    {
        Failed++;
        if (_failures.Count < MaxListedFailures)
        {
            _failures.Add(failure);
        }
    }

    public ImportReport ToReport() =>
        new(Created, Updated, Unchanged, Failed, _failures, Failed - _failures.Count);
}
