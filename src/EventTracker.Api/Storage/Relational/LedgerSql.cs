namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// The ledger in one statement. A pair's measures are found where each side's initiators meet the other side's
/// targets: two covering ranges of ix_participants_measures per organization, intersected by event id (a→b first;
/// b→a is what remains of the other way, so a measure both ways counts once, as a→b). Second reports are left out.
/// From that set, three kinds of row (column <c>part</c>): 0, the count and sums per direction and type; 1, the
/// first days of each (measure, answer) pair; 2, the page of measures after the cursor. Answers are the other side's
/// live events that respond_to the measure or a wave it is part of, whose initiators include the other side and whose
/// targets, if any, include the measure's side.
/// </summary>
internal static class LedgerSql
{
    // The same list, in the same order, as the partial index's (migration 0011): the planner must see it is implied.
    private const string MeasureTypes =
        "('expulsion', 'accreditation_withdrawal', 'staff_cap', 'ambassador_recall', 'mission_closure', 'relations_downgrade', 'sanction')";

    public static string Statement(IRelationalDialect dialect, bool from, bool to, bool overlap, bool after)
    {
        var period = (from ? overlap ? " AND event_span_end >= @FromFirst" : " AND event_span_start >= @FromFirst" : "") +
                     (to ? overlap ? " AND event_span_start <= @ToLast" : " AND event_span_end <= @ToLast" : "");
        string Arm(string side, string role) =>
            $"SELECT event_id, event_type, event_span_start FROM event_participants WHERE organization_id {dialect.InList(side)} " +
            $"AND role = '{role}' AND event_deleted = 0 AND event_type IN {MeasureTypes}{period}";
        string In(string side) => dialect.InList(side);
        string Quantity(string kind) =>
            $"(SELECT q.value FROM event_quantities q WHERE q.event_id = m.event_id AND q.kind = '{kind}' ORDER BY q.position LIMIT 1)";
        var resume = after ? "WHERE event_span_start > @AfterKey OR (event_span_start = @AfterKey AND event_id > @AfterId)" : "";
        return $"""
            WITH ab AS MATERIALIZED ({Arm("SideA", "initiator")} INTERSECT {Arm("SideB", "target")}),
            ba AS ({Arm("SideB", "initiator")} INTERSECT {Arm("SideA", "target")} EXCEPT SELECT event_id, event_type, event_span_start FROM ab),
            measures AS MATERIALIZED (
                SELECT m.event_id, m.event_type, m.event_span_start, m.direction
                FROM (SELECT event_id, event_type, event_span_start, 0 AS direction FROM ab
                      UNION ALL SELECT event_id, event_type, event_span_start, 1 AS direction FROM ba) m
                WHERE NOT EXISTS (SELECT 1 FROM event_relations d WHERE d.type = 'duplicates' AND d.event_id = m.event_id)),
            answered AS (
                SELECT event_id AS measure, event_id AS target, direction, event_span_start FROM measures
                UNION ALL
                SELECT m.event_id, w.target_event_id, m.direction, m.event_span_start
                FROM measures m JOIN event_relations w ON w.type = 'part_of' AND w.event_id = m.event_id),
            answers AS (
                SELECT DISTINCT a.measure, a.direction, a.event_span_start, r.event_id AS response
                FROM answered a JOIN event_relations r ON r.target_event_id = a.target AND r.type = 'responds_to')
            SELECT CAST(0 AS BIGINT) AS part, CAST(direction AS BIGINT) AS direction, event_type AS text1, NULL AS text2,
                   CAST(COUNT(*) AS BIGINT) AS n1,
                   CAST(COALESCE(SUM({Quantity("diplomats_expelled")}), 0) AS BIGINT) AS n2,
                   CAST(COALESCE(SUM({Quantity("accreditations_withdrawn")}), 0) AS BIGINT) AS n3,
                   CAST(COALESCE(SUM(CASE WHEN m.event_type = 'staff_cap' THEN {Quantity("staff_before")} - {Quantity("staff_after")} END), 0) AS BIGINT) AS n4
            FROM measures m GROUP BY direction, event_type
            UNION ALL
            SELECT CAST(1 AS BIGINT), CAST(a.direction AS BIGINT), a.event_span_start, e.span_start, NULL, NULL, NULL, NULL
            FROM answers a JOIN events e ON e.id = a.response AND e.deleted_at IS NULL
            WHERE NOT EXISTS (SELECT 1 FROM event_relations d WHERE d.type = 'duplicates' AND d.event_id = a.response)
              AND EXISTS (SELECT 1 FROM event_participants pi WHERE pi.event_id = a.response AND pi.role = 'initiator'
                          AND ((a.direction = 0 AND pi.organization_id {In("SideB")}) OR (a.direction = 1 AND pi.organization_id {In("SideA")})))
              AND (NOT EXISTS (SELECT 1 FROM event_participants pt WHERE pt.event_id = a.response AND pt.role = 'target' AND pt.organization_id IS NOT NULL)
                   OR EXISTS (SELECT 1 FROM event_participants pt WHERE pt.event_id = a.response AND pt.role = 'target'
                              AND ((a.direction = 0 AND pt.organization_id {In("SideA")}) OR (a.direction = 1 AND pt.organization_id {In("SideB")}))))
            UNION ALL
            SELECT CAST(2 AS BIGINT), CAST(direction AS BIGINT), event_span_start, NULL, event_id, NULL, NULL, NULL
            FROM (SELECT event_id, direction, event_span_start FROM measures {resume} ORDER BY event_span_start, event_id LIMIT @Take) page
            """;
    }
}
