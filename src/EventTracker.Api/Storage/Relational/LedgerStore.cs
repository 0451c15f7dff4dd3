using System.Globalization;
using Dapper;
using EventTracker.Api.Analyses;
using EventTracker.Api.Timeline;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

public sealed class LedgerStore(IRelationalDialect dialect) : ILedgerStore
{
    // Keyed by which optional conditions the statement has: from, to, overlap, after.
    private readonly string[] _statements = Enumerable.Range(0, 16)
        .Select(bits => LedgerSql.Statement(dialect, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0)).ToArray();

    public async Task<LedgerFigures> ReadAsync(
        IReadOnlyList<long> sideA, IReadOnlyList<long> sideB, PartialDate? periodFrom, PartialDate? periodTo, bool overlap,
        TimelinePosition? after, int take, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        parameters.Add("SideA", sideA.ToArray());
        parameters.Add("SideB", sideB.ToArray());
        parameters.Add("Take", take);
        parameters.Add("FromFirst", periodFrom?.FirstText);
        parameters.Add("ToLast", periodTo?.LastText);
        parameters.Add("AfterKey", after?.SpanStart);
        parameters.Add("AfterId", after?.EventId);
        var statement = _statements[(periodFrom is null ? 0 : 1) | (periodTo is null ? 0 : 2) | (overlap ? 4 : 0) | (after is null ? 0 : 8)];

        await using var connection = await dialect.OpenForReadingAsync(cancellationToken);
        var rows = await connection.QueryAsync<LedgerRow>(new CommandDefinition(statement, parameters, cancellationToken: cancellationToken));
        var byType = new List<LedgerTypeFigures>();
        var answers = new List<(DateOnly, DateOnly)>();
        var page = new List<LedgerPageMeasure>();
        foreach (var row in rows)
        {
            var direction = row.Direction == 0 ? LedgerDirection.AToB : LedgerDirection.BToA;
            switch (row.Part)
            {
                case 0:
                    byType.Add(new LedgerTypeFigures(direction, row.Text1!, (int)row.N1!.Value, row.N2!.Value, row.N3!.Value, row.N4!.Value));
                    break;
                case 1:
                    answers.Add((Day(row.Text1!), Day(row.Text2!)));
                    break;
                default:
                    page.Add(new LedgerPageMeasure(row.N1!.Value, row.Text1!, direction));
                    break;
            }
        }

        page.Sort((x, y) => (string.CompareOrdinal(x.SpanStart, y.SpanStart), x.Id.CompareTo(y.Id)) switch { (0, var byId) => byId, (var byKey, _) => byKey });
        return new LedgerFigures(byType, answers, page);
    }

    private static DateOnly Day(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One row of the ledger's statement (<see cref="LedgerSql"/>); a class with setters, as Dapper needs for SQLite's untyped columns.</summary>
    private sealed class LedgerRow
    {
        public long Part { get; init; }

        public long Direction { get; init; }

        public string? Text1 { get; init; }

        public string? Text2 { get; init; }

        public long? N1 { get; init; }

        public long? N2 { get; init; }

        public long? N3 { get; init; }

        public long? N4 { get; init; }
    }
}
