-- The parts of events just created (an import's batch, or one POST) need neither the histogram's counting trigger,
-- whose query over the other participant rows of the inserted events reads the transition table without statistics,
-- nor the forgetting of documents that cannot exist yet, a join of the transition table with event_documents per
-- part table and batch: the writer counts them in one statement after (Storage/Relational/NewEventParts.cs). It sets
-- eventtracker.new_event_rows while it inserts them (transaction-local, taken back by a rollback to a savepoint).
-- Every other write goes through the triggers as before.
CREATE OR REPLACE FUNCTION count_inserted_participants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('eventtracker.new_event_rows', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(5001810357618257011);
    INSERT INTO organization_event_counts AS c (organization_id, first_month, last_month, event_type, events)
    WITH RECURSIVE changed (event_id, first_month, last_month, event_type, organization_id) AS (
            SELECT r.event_id, left(r.event_span_start, -3), left(r.event_span_end, -3), r.event_type, r.organization_id
            FROM new_rows r WHERE r.organization_id IS NOT NULL AND r.event_deleted = 0
            UNION SELECT x.event_id, x.first_month, x.last_month, x.event_type, o.parent_id
            FROM changed x JOIN organizations o ON o.id = x.organization_id WHERE o.parent_id IS NOT NULL),
        others (event_id, first_month, last_month, event_type, organization_id) AS (
            SELECT r.event_id, left(r.event_span_start, -3), left(r.event_span_end, -3), r.event_type, r.organization_id
            FROM event_participants r WHERE r.organization_id IS NOT NULL AND r.event_deleted = 0
              AND r.event_id IN (SELECT event_id FROM new_rows) AND r.id NOT IN (SELECT id FROM new_rows)
            UNION SELECT x.event_id, x.first_month, x.last_month, x.event_type, o.parent_id
            FROM others x JOIN organizations o ON o.id = x.organization_id WHERE o.parent_id IS NOT NULL)
    SELECT organization_id, first_month, last_month, event_type, count(*)
    FROM (SELECT DISTINCT * FROM changed EXCEPT SELECT DISTINCT * FROM others) AS counted
    GROUP BY organization_id, first_month, last_month, event_type
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (organization_id, first_month, last_month, event_type) DO UPDATE SET events = c.events + excluded.events;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION forget_documents_of_parts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('eventtracker.new_event_rows', true) = 'on' THEN
        RETURN NULL;
    END IF;
    DELETE FROM event_documents WHERE event_id IN (SELECT c.event_id FROM changed_rows c);
    RETURN NULL;
END;
$$;
