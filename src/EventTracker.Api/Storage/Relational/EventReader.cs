using System.Data;
using System.Text.Json;
using Dapper;
using EventTracker.Api.Events;
using EventTracker.Api.Values;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// Loads whole events — with participant names, quantities, citations with their sources, relations
/// with their targets, tags and external ids — for any set of ids in a fixed number of queries (seven),
/// however many events there are. Timelines and exports reuse it page by page. The statements are
/// standard SQL but for how a list of ids is passed, which each provider gives (<paramref name="idsIn"/>:
/// the condition after <c>id</c>, e.g. <c>= ANY(@Ids)</c>; <paramref name="idsParameter"/>: the value of <c>@Ids</c>).
/// </summary>
/// <param name="idsIn">The condition after <c>id</c> that tests it against <c>@Ids</c>.</param>
/// <param name="idsParameter">The value of <c>@Ids</c> for a list of ids.</param>
/// <param name="inOneBatch">
/// Whether the seven statements go to the store as one batch (one round trip, PostgreSQL) rather than one after the
/// other (SQLite, in-process, where each statement is kept prepared on its connection).
/// </param>
public sealed class EventReader(string idsIn, Func<IReadOnlyList<long>, object> idsParameter, bool inOneBatch = false)
{
    public EventReader(IRelationalDialect dialect)
        : this(dialect.IdsIn, ids => dialect.IdsParameter(ids), dialect.ReadsInOneBatch)
    {
    }

    private readonly string _eventsSql = Ids(idsIn, """
        SELECT id, type, title, summary, date, date_precision, end_date, end_date_precision, status,
               location_name, location_country_code, location_latitude, location_longitude, version, created_at, updated_at
        FROM events
        WHERE id {IDS} AND deleted_at IS NULL
        """);

    private readonly string _participantsSql = Ids(idsIn, """
        SELECT p.event_id, p.organization_id, p.actor_id, p.role,
               COALESCE(o.name, a.name) AS name, o.kind AS organization_kind, o.country_code
        FROM event_participants p
        LEFT JOIN organizations o ON o.id = p.organization_id
        LEFT JOIN actors a ON a.id = p.actor_id
        WHERE p.event_id {IDS}
        ORDER BY p.event_id, p.position
        """);

    private readonly string _quantitiesSql = Ids(idsIn, """
        SELECT event_id, kind, value, unit, note
        FROM event_quantities
        WHERE event_id {IDS}
        ORDER BY event_id, position
        """);

    private readonly string _citationsSql = Ids(idsIn, """
        SELECT c.event_id, c.source_id, s.title AS source_title, s.url AS source_url, s.publisher AS source_publisher,
               s.published_at AS source_published_at, c.quote, c.speaker_actor_id, a.name AS speaker_name, c.claim
        FROM event_citations c
        JOIN sources s ON s.id = c.source_id
        LEFT JOIN actors a ON a.id = c.speaker_actor_id
        WHERE c.event_id {IDS}
        ORDER BY c.event_id, c.position
        """);

    private readonly string _relationsSql = Ids(idsIn, """
        SELECT r.event_id, r.type, r.target_event_id, t.title AS target_title, t.date AS target_date
        FROM event_relations r
        JOIN events t ON t.id = r.target_event_id
        WHERE r.event_id {IDS}
        ORDER BY r.event_id, r.position
        """);

    private readonly string _tagsSql = Ids(idsIn, "SELECT event_id, tag FROM event_tags WHERE event_id {IDS} ORDER BY event_id, tag");

    private readonly string _externalIdsSql = Ids(idsIn, "SELECT event_id, system, value FROM event_external_ids WHERE event_id {IDS} ORDER BY event_id, system");

    private string BatchSql => _batchSql ??= string.Join(";\n", _eventsSql, _participantsSql, _quantitiesSql, _citationsSql, _relationsSql, _tagsSql, _externalIdsSql);

    private string? _batchSql;

    private static string Ids(string idsIn, string sql) => sql.Replace("{IDS}", idsIn, StringComparison.Ordinal);

    public async Task<EventResponse?> GetAsync(IDbConnection connection, long id, IDbTransaction? transaction = null) =>
        (await LoadAsync(connection, [id], transaction)).SingleOrDefault();

    /// <summary>The live events among <paramref name="ids"/>, in the order of <paramref name="ids"/>.</summary>
    public async Task<IReadOnlyList<EventResponse>> LoadAsync(
        IDbConnection connection, IReadOnlyList<long> ids, IDbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        // One parameter for all ids, not one per id: the statement text stays the same whatever the page
        // size, so the store plans it once per connection rather than once per call.
        var parameters = new { Ids = idsParameter(ids) };
        CommandDefinition Command(string sql) => new(sql, parameters, transaction, cancellationToken: cancellationToken);

        // Read in the same order either way: the seven results of one batch, or seven statements one after the other.
        await using var batch = inOneBatch ? await connection.QueryMultipleAsync(Command(BatchSql)) : null;
        async Task<IEnumerable<T>> ReadAsync<T>(string sql) =>
            batch is not null ? await batch.ReadAsync<T>() : await connection.QueryAsync<T>(Command(sql));

        var events = (await ReadAsync<EventRow>(_eventsSql)).ToDictionary(e => e.Id);
        var participants = (await ReadAsync<ParticipantRow>(_participantsSql)).ToLookup(p => p.EventId, p => p.ToResponse());
        var quantities = (await ReadAsync<QuantityRow>(_quantitiesSql)).ToLookup(q => q.EventId, q => q.ToResponse());
        var citations = (await ReadAsync<CitationRow>(_citationsSql)).ToLookup(c => c.EventId, c => c.ToResponse());
        var relations = (await ReadAsync<RelationRow>(_relationsSql)).ToLookup(r => r.EventId, r => r.ToResponse());
        var tags = (await ReadAsync<TagRow>(_tagsSql)).ToLookup(t => t.EventId, t => t.Tag);
        var externalIds = (await ReadAsync<ExternalIdRow>(_externalIdsSql)).ToLookup(x => x.EventId);

        return ids.Where(events.ContainsKey).Select(id =>
        {
            var e = events[id];
            return new EventResponse(
                e.Id,
                e.Type,
                e.Title,
                e.Summary,
                e.Date,
                EnumText.Parse<DatePrecision>(e.DatePrecision),
                e.EndDate,
                e.EndDatePrecision is null ? null : EnumText.Parse<DatePrecision>(e.EndDatePrecision),
                e.Status is null ? null : EnumText.Parse<EventStatus>(e.Status),
                e.LocationName is null && e.LocationCountryCode is null && e.LocationLatitude is null
                    ? null
                    : new LocationResponse(e.LocationName, e.LocationCountryCode, e.LocationLatitude, e.LocationLongitude),
                participants[id].ToList(),
                quantities[id].ToList(),
                citations[id].ToList(),
                relations[id].ToList(),
                tags[id].ToList(),
                externalIds[id].ToDictionary(x => x.System, x => x.Value, StringComparer.Ordinal),
                e.Version,
                Timestamps.Parse(e.CreatedAt),
                Timestamps.Parse(e.UpdatedAt));
        }).ToList();
    }

    private sealed record EventRow(
        long Id, string Type, string Title, string? Summary, string Date, string DatePrecision, string? EndDate, string? EndDatePrecision,
        string? Status, string? LocationName, string? LocationCountryCode, double? LocationLatitude, double? LocationLongitude,
        long Version, string CreatedAt, string UpdatedAt);

    // A class, not a positional record: Dapper matches constructors on the reader's column types, and
    // SQLite reports no type for the COALESCE column of an empty result.
    private sealed class ParticipantRow
    {
        public long EventId { get; init; }
        public long? OrganizationId { get; init; }
        public long? ActorId { get; init; }
        public string Role { get; init; } = "";
        public string Name { get; init; } = "";
        public string? OrganizationKind { get; init; }
        public string? CountryCode { get; init; }

        public ParticipantResponse ToResponse() => new(
            OrganizationId, ActorId, Name, OrganizationId is null ? ParticipantKind.Actor : ParticipantKind.Organization,
            OrganizationKind is null ? null : EnumText.Parse<Organizations.OrganizationKind>(OrganizationKind), CountryCode,
            EnumText.Parse<ParticipantRole>(Role));
    }

    private sealed record QuantityRow(long EventId, string Kind, long Value, string? Unit, string? Note)
    {
        public QuantityResponse ToResponse() => new(EnumText.Parse<QuantityKind>(Kind), Value, Unit, Note);
    }

    private sealed record CitationRow(
        long EventId, long SourceId, string SourceTitle, string? SourceUrl, string? SourcePublisher, string? SourcePublishedAt,
        string? Quote, long? SpeakerActorId, string? SpeakerName, string Claim)
    {
        public CitationResponse ToResponse() => new(
            SourceId, SourceTitle, SourceUrl, SourcePublisher, SourcePublishedAt, Quote, SpeakerActorId, SpeakerName,
            EnumText.Parse<CitationClaim>(Claim));
    }

    private sealed record RelationRow(long EventId, string Type, long TargetEventId, string TargetTitle, string TargetDate)
    {
        public RelationResponse ToResponse() => new(EnumText.Parse<RelationType>(Type), TargetEventId, TargetTitle, TargetDate);
    }

    private sealed record TagRow(long EventId, string Tag);

    private sealed record ExternalIdRow(long EventId, string System, string Value);
}
