using EventTracker.Api.Paging;
using EventTracker.Api.Timeline;
using EventTracker.Api.Values;

namespace EventTracker.Api.Analyses;

/// <summary>A pair's ledger as the store computes it: the counts, sums and answer lags of every measure, and one page of measures.</summary>
public interface ILedgerStore
{
    /// <summary>
    /// The measures between <paramref name="sideA"/> and <paramref name="sideB"/> (each an organization with its
    /// sub-organizations) dated in the period (<paramref name="periodFrom"/>, <paramref name="periodTo"/>, <paramref name="overlap"/> as on the timeline): their figures per direction and type, the (measure, answer) first days of
    /// every answer, and up to <paramref name="take"/> measures after <paramref name="after"/> in (first day, id) order.
    /// </summary>
    Task<LedgerFigures> ReadAsync(
        IReadOnlyList<long> sideA, IReadOnlyList<long> sideB, PartialDate? periodFrom, PartialDate? periodTo, bool overlap,
        TimelinePosition? after, int take, CancellationToken cancellationToken);
}

/// <summary>What the store counted for a ledger.</summary>
/// <param name="ByType">Per direction and measure type: how many, and the sums of their quantities.</param>
/// <param name="Answers">Each (measure, answer) pair's first days, for the response lags.</param>
/// <param name="Page">The page's measures, in (first day, id) order.</param>
public sealed record LedgerFigures(IReadOnlyList<LedgerTypeFigures> ByType, IReadOnlyList<(DateOnly Measure, DateOnly Answer)> Answers, IReadOnlyList<LedgerPageMeasure> Page);

/// <summary>The measures of one direction and type.</summary>
public sealed record LedgerTypeFigures(LedgerDirection Direction, string Type, int Measures, long DiplomatsExpelled, long AccreditationsWithdrawn, long StaffReductions);

/// <summary>A measure of the page: its id, first day (the cursor's key) and direction.</summary>
public sealed record LedgerPageMeasure(long Id, string SpanStart, LedgerDirection Direction);
