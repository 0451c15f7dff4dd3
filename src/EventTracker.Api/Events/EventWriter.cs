using System.Data;
using Dapper;
using EventTracker.Api.Common;

namespace EventTracker.Api.Events;

/// <summary>Writes an event and all its parts; always inside the caller's transaction.</summary>
public static class EventWriter
{
    private const string InsertSql = """
        INSERT INTO events (type, title, summary, date, date_precision, span_start, span_end, end_date, end_date_precision,
                            status, location_name, location_country_code, location_latitude, location_longitude,
                            version, created_at, updated_at)
        VALUES (@Type, @Title, @Summary, @Date, @DatePrecision, @SpanStart, @SpanEnd, @EndDate, @EndDatePrecision,
                @Status, @LocationName, @LocationCountryCode, @LocationLatitude, @LocationLongitude, 1, @Now, @Now)
        RETURNING id
        """;

    private const string UpdateSql = """
        UPDATE events
        SET type = @Type, title = @Title, summary = @Summary, date = @Date, date_precision = @DatePrecision,
            span_start = @SpanStart, span_end = @SpanEnd, end_date = @EndDate, end_date_precision = @EndDatePrecision,
            status = @Status, location_name = @LocationName, location_country_code = @LocationCountryCode,
            location_latitude = @LocationLatitude, location_longitude = @LocationLongitude,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND deleted_at IS NULL
        """;

    private const string SoftDeleteSql = """
        UPDATE events SET deleted_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id AND deleted_at IS NULL
        """;

    private const string DeleteSearchSql = "DELETE FROM events_fts WHERE rowid = @Id";

    private const string MarkParticipantsDeletedSql = "UPDATE event_participants SET event_deleted = 1 WHERE event_id = @Id";

    private static readonly string[] DeleteChildrenSql =
    [
        "DELETE FROM event_participants WHERE event_id = @Id",
        "DELETE FROM event_quantities WHERE event_id = @Id",
        "DELETE FROM event_citations WHERE event_id = @Id",
        "DELETE FROM event_relations WHERE event_id = @Id",
        "DELETE FROM event_tags WHERE event_id = @Id",
        "DELETE FROM event_external_ids WHERE event_id = @Id",
        DeleteSearchSql,
    ];

    private const string InsertParticipantSql = """
        INSERT INTO event_participants (event_id, position, organization_id, actor_id, role, event_span_start, event_type)
        VALUES (@EventId, @Position, @OrganizationId, @ActorId, @Role, @SpanStart, @EventType)
        """;

    private const string InsertQuantitySql = """
        INSERT INTO event_quantities (event_id, position, kind, value, unit, note)
        VALUES (@EventId, @Position, @Kind, @Value, @Unit, @Note)
        """;

    private const string InsertCitationSql = """
        INSERT INTO event_citations (event_id, position, source_id, quote, speaker_actor_id, claim)
        VALUES (@EventId, @Position, @SourceId, @Quote, @SpeakerActorId, @Claim)
        """;

    private const string InsertRelationSql = """
        INSERT INTO event_relations (event_id, position, type, target_event_id)
        VALUES (@EventId, @Position, @Type, @TargetEventId)
        """;

    private const string InsertTagSql = "INSERT INTO event_tags (event_id, tag) VALUES (@EventId, @Tag)";

    private const string InsertExternalIdSql = "INSERT INTO event_external_ids (event_id, system, value) VALUES (@EventId, @System, @Value)";

    private const string InsertSearchSql = "INSERT INTO events_fts (rowid, title, summary, quotes) VALUES (@Id, @Title, @Summary, @Quotes)";

    public static async Task<long> InsertAsync(IDbConnection connection, IDbTransaction transaction, EventRequest request, string now)
    {
        var id = await connection.ExecuteScalarAsync<long>(InsertSql, Parameters(request, 0, now), transaction);
        await WriteChildrenAsync(connection, transaction, id, request);
        return id;
    }

    public static async Task UpdateAsync(IDbConnection connection, IDbTransaction transaction, long id, EventRequest request, string now)
    {
        await connection.ExecuteAsync(UpdateSql, Parameters(request, id, now), transaction);
        await DeleteChildrenAsync(connection, transaction, id);
        await WriteChildrenAsync(connection, transaction, id, request);
    }

    /// <summary>Soft delete: the row and its parts stay for history; the text index forgets it.</summary>
    public static async Task SoftDeleteAsync(IDbConnection connection, IDbTransaction transaction, long id, string now)
    {
        await connection.ExecuteAsync(SoftDeleteSql, new { Id = id, Now = now }, transaction);
        await connection.ExecuteAsync(MarkParticipantsDeletedSql, new { Id = id }, transaction);
        await connection.ExecuteAsync(DeleteSearchSql, new { Id = id }, transaction);
    }

    private static async Task DeleteChildrenAsync(IDbConnection connection, IDbTransaction transaction, long id)
    {
        foreach (var sql in DeleteChildrenSql)
        {
            await connection.ExecuteAsync(sql, new { Id = id }, transaction);
        }
    }

    private static async Task WriteChildrenAsync(IDbConnection connection, IDbTransaction transaction, long id, EventRequest request)
    {
        var spanStart = PartialDate.Parse(request.Date!).FirstText;

        await connection.ExecuteAsync(InsertParticipantSql, (request.Participants ?? []).Select((p, i) => new
        {
            EventId = id, Position = i, p.OrganizationId, p.ActorId, Role = EnumText.ToText(p.Role!.Value), SpanStart = spanStart,
            EventType = request.Type,
        }), transaction);

        await connection.ExecuteAsync(InsertQuantitySql, (request.Quantities ?? []).Select((q, i) => new
        {
            EventId = id, Position = i, Kind = EnumText.ToText(q.Kind!.Value), q.Value, q.Unit, q.Note,
        }), transaction);

        await connection.ExecuteAsync(InsertCitationSql, (request.Citations ?? []).Select((c, i) => new
        {
            EventId = id, Position = i, c.SourceId, c.Quote, c.SpeakerActorId, Claim = EnumText.ToText(c.Claim ?? CitationClaim.Reports),
        }), transaction);

        await connection.ExecuteAsync(InsertRelationSql, (request.Relations ?? []).Select((r, i) => new
        {
            EventId = id, Position = i, Type = EnumText.ToText(r.Type!.Value), r.TargetEventId,
        }), transaction);

        await connection.ExecuteAsync(InsertTagSql, (request.Tags ?? []).Select(tag => new { EventId = id, Tag = tag }), transaction);

        await connection.ExecuteAsync(InsertExternalIdSql, (request.ExternalIds ?? new Dictionary<string, string>())
            .Select(pair => new { EventId = id, System = pair.Key, pair.Value }), transaction);

        var quotes = string.Join("\n", (request.Citations ?? []).Select(c => c.Quote).Where(q => !string.IsNullOrEmpty(q)));
        await connection.ExecuteAsync(InsertSearchSql, new { Id = id, request.Title, request.Summary, Quotes = quotes }, transaction);
    }

    private static object Parameters(EventRequest request, long id, string now)
    {
        var date = PartialDate.Parse(request.Date!);
        PartialDate? end = request.EndDate is null ? null : PartialDate.Parse(request.EndDate);
        return new
        {
            Id = id,
            request.Type,
            request.Title,
            request.Summary,
            Date = date.Text,
            DatePrecision = EnumText.ToText(date.Precision),
            SpanStart = date.FirstText,
            SpanEnd = date.LastText,
            EndDate = end?.Text,
            EndDatePrecision = end is { } e ? EnumText.ToText(e.Precision) : null,
            Status = EnumText.ToText(request.Status!.Value),
            LocationName = request.Location?.Name,
            LocationCountryCode = request.Location?.CountryCode,
            LocationLatitude = request.Location?.Latitude,
            LocationLongitude = request.Location?.Longitude,
            Now = now,
        };
    }
}
