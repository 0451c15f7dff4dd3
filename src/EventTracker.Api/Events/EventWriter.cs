using System.Data;
using EventTracker.Api.Common;
using EventTracker.Api.Data;

namespace EventTracker.Api.Events;

/// <summary>Writes an event and all its parts; always inside the caller's transaction.</summary>
public static class EventWriter
{
    private const string InsertSql = """
        INSERT INTO events (type, title, summary, date, date_precision, span_start, span_end, end_date, end_date_precision,
                            status, location_name, location_country_code, location_latitude, location_longitude,
                            version, created_at, updated_at, external_id)
        VALUES (@Type, @Title, @Summary, @Date, @DatePrecision, @SpanStart, @SpanEnd, @EndDate, @EndDatePrecision,
                @Status, @LocationName, @LocationCountryCode, @LocationLatitude, @LocationLongitude, 1, @Now, @Now, @ExternalId)
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

    private static readonly KeptStatement Insert = new(InsertSql);
    private static readonly KeptStatement Update = new(UpdateSql);
    private static readonly KeptStatement SoftDelete = new(SoftDeleteSql);
    private static readonly KeptStatement MarkParticipantsDeleted = new(MarkParticipantsDeletedSql);
    private static readonly KeptStatement DeleteSearch = new(DeleteSearchSql);
    private static readonly KeptStatement[] DeleteChildren = DeleteChildrenSql.Select(sql => new KeptStatement(sql)).ToArray();
    private static readonly KeptStatement InsertParticipant = new(InsertParticipantSql);
    private static readonly KeptStatement InsertQuantity = new(InsertQuantitySql);
    private static readonly KeptStatement InsertCitation = new(InsertCitationSql);
    private static readonly KeptStatement InsertRelation = new(InsertRelationSql);
    private static readonly KeptStatement InsertTag = new(InsertTagSql);
    private static readonly KeptStatement InsertExternalId = new(InsertExternalIdSql);
    private static readonly KeptStatement InsertSearch = new(InsertSearchSql);

    /// <summary>A new event; <paramref name="externalId"/> is bulk import's key for it (null from the API).</summary>
    public static Task<long> InsertAsync(IDbConnection connection, IDbTransaction transaction, EventRequest request, string? externalId, string now)
    {
        var id = (long)Insert.ExecuteScalar(connection, transaction, [.. EventValues(request, now), ("@ExternalId", externalId)])!;
        WriteChildren(connection, transaction, id, request);
        return Task.FromResult(id);
    }

    public static Task UpdateAsync(IDbConnection connection, IDbTransaction transaction, long id, EventRequest request, string now)
    {
        Update.Execute(connection, transaction, [.. EventValues(request, now), ("@Id", id)]);
        foreach (var statement in DeleteChildren)
        {
            statement.Execute(connection, transaction, ("@Id", id));
        }

        WriteChildren(connection, transaction, id, request);
        return Task.CompletedTask;
    }

    /// <summary>Soft delete: the row and its parts stay for history; the text index forgets it.</summary>
    public static Task SoftDeleteAsync(IDbConnection connection, IDbTransaction transaction, long id, string now)
    {
        SoftDelete.Execute(connection, transaction, ("@Now", now), ("@Id", id));
        MarkParticipantsDeleted.Execute(connection, transaction, ("@Id", id));
        DeleteSearch.Execute(connection, transaction, ("@Id", id));
        return Task.CompletedTask;
    }

    private static void WriteChildren(IDbConnection connection, IDbTransaction transaction, long id, EventRequest request)
    {
        var spanStart = PartialDate.Parse(request.Date!).FirstText;
        var participants = request.Participants ?? [];
        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i];
            InsertParticipant.Execute(connection, transaction, ("@EventId", id), ("@Position", i), ("@OrganizationId", p.OrganizationId),
                ("@ActorId", p.ActorId), ("@Role", EnumText.ToText(p.Role!.Value)), ("@SpanStart", spanStart), ("@EventType", request.Type));
        }

        var quantities = request.Quantities ?? [];
        for (var i = 0; i < quantities.Count; i++)
        {
            var q = quantities[i];
            InsertQuantity.Execute(connection, transaction, ("@EventId", id), ("@Position", i), ("@Kind", EnumText.ToText(q.Kind!.Value)),
                ("@Value", q.Value), ("@Unit", q.Unit), ("@Note", q.Note));
        }

        var citations = request.Citations ?? [];
        for (var i = 0; i < citations.Count; i++)
        {
            var c = citations[i];
            InsertCitation.Execute(connection, transaction, ("@EventId", id), ("@Position", i), ("@SourceId", c.SourceId), ("@Quote", c.Quote),
                ("@SpeakerActorId", c.SpeakerActorId), ("@Claim", EnumText.ToText(c.Claim ?? CitationClaim.Reports)));
        }

        var relations = request.Relations ?? [];
        for (var i = 0; i < relations.Count; i++)
        {
            var r = relations[i];
            InsertRelation.Execute(connection, transaction, ("@EventId", id), ("@Position", i), ("@Type", EnumText.ToText(r.Type!.Value)),
                ("@TargetEventId", r.TargetEventId));
        }

        foreach (var tag in request.Tags ?? [])
        {
            InsertTag.Execute(connection, transaction, ("@EventId", id), ("@Tag", tag));
        }

        foreach (var (system, value) in request.ExternalIds ?? new Dictionary<string, string>())
        {
            InsertExternalId.Execute(connection, transaction, ("@EventId", id), ("@System", system), ("@Value", value));
        }

        var quotes = string.Join("\n", citations.Select(c => c.Quote).Where(q => !string.IsNullOrEmpty(q)));
        InsertSearch.Execute(connection, transaction, ("@Id", id), ("@Title", request.Title), ("@Summary", request.Summary), ("@Quotes", quotes));
    }

    private static (string Name, object? Value)[] EventValues(EventRequest request, string now)
    {
        var date = PartialDate.Parse(request.Date!);
        PartialDate? end = request.EndDate is null ? null : PartialDate.Parse(request.EndDate);
        return
        [
            ("@Type", request.Type),
            ("@Title", request.Title),
            ("@Summary", request.Summary),
            ("@Date", date.Text),
            ("@DatePrecision", EnumText.ToText(date.Precision)),
            ("@SpanStart", date.FirstText),
            ("@SpanEnd", date.LastText),
            ("@EndDate", end?.Text),
            ("@EndDatePrecision", end is { } e ? EnumText.ToText(e.Precision) : null),
            ("@Status", EnumText.ToText(request.Status!.Value)),
            ("@LocationName", request.Location?.Name),
            ("@LocationCountryCode", request.Location?.CountryCode),
            ("@LocationLatitude", request.Location?.Latitude),
            ("@LocationLongitude", request.Location?.Longitude),
            ("@Now", now),
        ];
    }
}
