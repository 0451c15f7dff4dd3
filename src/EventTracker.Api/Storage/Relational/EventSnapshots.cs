using System.Data;
using Dapper;
using EventTracker.Api.Events;
using EventTracker.Api.Records;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// The history snapshots of events just inserted in bulk, made from their requests instead of reading
/// every row back: only the names they refer to are read, one query per table. The result is what
/// <see cref="EventReader"/> would return for them (a test holds the two equal).
/// </summary>
public sealed class EventSnapshots(IRelationalDialect dialect)
{
    private string OrganizationsSql { get; } = $"SELECT id, name, kind, country_code FROM organizations WHERE id {dialect.IdsIn}";

    private string ActorsSql { get; } = $"SELECT id, name FROM actors WHERE id {dialect.IdsIn}";

    private string SourcesSql { get; } = $"SELECT id, title, url, publisher, published_at FROM sources WHERE id {dialect.IdsIn}";

    private string EventsSql { get; } = $"SELECT id, title, date FROM events WHERE id {dialect.IdsIn}";

    public async Task<IReadOnlyList<EventResponse>> ForNewAsync(
        IDbConnection connection, IDbTransaction transaction, IReadOnlyList<NewRecord<EventRequest>> events, string now)
    {
        var requests = events.Select(e => e.Request).ToList();
        var organizations = await ByIdAsync<OrganizationName>(connection, transaction, OrganizationsSql,
            requests.SelectMany(r => r.Participants ?? []).Select(p => p.OrganizationId));
        var actors = await ByIdAsync<ActorName>(connection, transaction, ActorsSql,
            requests.SelectMany(r => r.Participants ?? []).Select(p => p.ActorId).Concat(requests.SelectMany(r => r.Citations ?? []).Select(c => c.SpeakerActorId)));
        var sources = await ByIdAsync<SourceName>(connection, transaction, SourcesSql,
            requests.SelectMany(r => r.Citations ?? []).Select(c => (long?)c.SourceId));
        var targets = await ByIdAsync<TargetName>(connection, transaction, EventsSql,
            requests.SelectMany(r => r.Relations ?? []).Select(r => r.TargetEventId));

        var stamp = Timestamps.Parse(now);
        return events.Select(item =>
        {
            var request = item.Request;
            var date = PartialDate.Parse(request.Date!);
            PartialDate? end = request.EndDate is null ? null : PartialDate.Parse(request.EndDate);
            var location = request.Location;
            return new EventResponse(
                item.Id,
                request.Type!,
                request.Title!,
                request.Summary,
                date.Text,
                date.Precision,
                end?.Text,
                end?.Precision,
                request.Status,
                location is null || (location.Name is null && location.CountryCode is null && location.Latitude is null)
                    ? null
                    : new LocationResponse(location.Name, location.CountryCode, location.Latitude, location.Longitude),
                (request.Participants ?? []).Select(p =>
                {
                    var organization = p.OrganizationId is { } o ? organizations[o] : null;
                    return new ParticipantResponse(
                        p.OrganizationId, p.ActorId, organization?.Name ?? actors[p.ActorId!.Value].Name,
                        organization is null ? ParticipantKind.Actor : ParticipantKind.Organization,
                        organization is null ? null : EnumText.Parse<Organizations.OrganizationKind>(organization.Kind), organization?.CountryCode, p.Role!.Value);
                }).ToList(),
                (request.Quantities ?? []).Select(q => new QuantityResponse(q.Kind!.Value, q.Value!.Value, q.Unit, q.Note)).ToList(),
                (request.Citations ?? []).Select(c =>
                {
                    var source = sources[c.SourceId!.Value];
                    return new CitationResponse(
                        source.Id, source.Title, source.Url, source.Publisher, source.PublishedAt, c.Quote, c.SpeakerActorId,
                        c.SpeakerActorId is { } speaker ? actors[speaker].Name : null, c.Claim ?? CitationClaim.Reports);
                }).ToList(),
                (request.Relations ?? []).Select(r =>
                {
                    var target = targets[r.TargetEventId!.Value];
                    return new RelationResponse(r.Type!.Value, target.Id, target.Title, target.Date);
                }).ToList(),
                // The reader returns tags and external ids by code point (SQLite's BINARY, PostgreSQL's "C" collation).
                (request.Tags ?? []).Order(CodePointOrder.Instance).ToList(),
                (request.ExternalIds ?? new Dictionary<string, string>()).OrderBy(pair => pair.Key, CodePointOrder.Instance)
                    .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
                1,
                stamp,
                stamp);
        }).ToList();
    }

    private async Task<Dictionary<long, TRow>> ByIdAsync<TRow>(
        IDbConnection connection, IDbTransaction transaction, string sql, IEnumerable<long?> ids) where TRow : INamedRow
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<TRow>(sql, new { Ids = dialect.IdsParameter(wanted) }, transaction);
        return rows.ToDictionary(row => row.Id);
    }

    private interface INamedRow
    {
        long Id { get; }
    }

    private sealed record OrganizationName(long Id, string Name, string Kind, string? CountryCode) : INamedRow;

    private sealed record ActorName(long Id, string Name) : INamedRow;

    private sealed record SourceName(long Id, string Title, string? Url, string? Publisher, string? PublishedAt) : INamedRow;

    private sealed record TargetName(long Id, string Title, string Date) : INamedRow;

    /// <summary>Code point order, as SQLite's BINARY and PostgreSQL's "C" collations sort UTF-8 text (UTF-16 ordinal differs above U+D7FF).</summary>
    private sealed class CodePointOrder : IComparer<string>
    {
        public static readonly CodePointOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (left, right) = (x!.EnumerateRunes(), y!.EnumerateRunes());
            while (true)
            {
                var (hasLeft, hasRight) = (left.MoveNext(), right.MoveNext());
                if (!hasLeft || !hasRight)
                {
                    return hasLeft.CompareTo(hasRight);
                }

                if (left.Current.Value != right.Current.Value)
                {
                    return left.Current.Value.CompareTo(right.Current.Value);
                }
            }
        }
    }
}
