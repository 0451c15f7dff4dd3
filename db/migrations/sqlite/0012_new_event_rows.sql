-- The parts of events just created (an import's batch, or one POST) need neither the histogram's per-row counting
-- nor the forgetting of documents that cannot exist yet: the writer counts them in one statement for the whole
-- batch after (Storage/Relational/NewEventParts.cs), where the row trigger ran recursive queries per participant
-- row. While it inserts them, the writer holds a row in new_event_rows, inside its own transaction, so no other
-- connection ever sees it. Every other write (updates, deletes, moves, outside writes) goes through the triggers as before.
CREATE TABLE new_event_rows (
    id INTEGER PRIMARY KEY CHECK (id = 1)
);

DROP TRIGGER event_participants_insert_counts;

CREATE TRIGGER event_participants_insert_counts AFTER INSERT ON event_participants
WHEN NEW.organization_id IS NOT NULL AND NEW.event_deleted = 0 AND NOT EXISTS (SELECT 1 FROM new_event_rows)
BEGIN
    INSERT INTO organization_event_counts (organization_id, first_month, last_month, event_type, events)
    SELECT chain.id, substr(NEW.event_span_start, 1, length(NEW.event_span_start) - 3),
        substr(NEW.event_span_end, 1, length(NEW.event_span_end) - 3), NEW.event_type, 1
    FROM (
        WITH RECURSIVE up (id) AS (
            SELECT NEW.organization_id
            UNION SELECT o.parent_id FROM organizations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL)
        SELECT id FROM up
    ) AS chain
    WHERE chain.id NOT IN (
        WITH RECURSIVE reached (id) AS (
            SELECT p.organization_id FROM event_participants p
            WHERE p.event_id = NEW.event_id AND p.id <> NEW.id AND p.organization_id IS NOT NULL AND p.event_deleted = 0
              AND p.event_type = NEW.event_type
              AND substr(p.event_span_start, 1, length(p.event_span_start) - 3) = substr(NEW.event_span_start, 1, length(NEW.event_span_start) - 3)
              AND substr(p.event_span_end, 1, length(p.event_span_end) - 3) = substr(NEW.event_span_end, 1, length(NEW.event_span_end) - 3)
            UNION SELECT o.parent_id FROM organizations o JOIN reached r ON o.id = r.id WHERE o.parent_id IS NOT NULL)
        SELECT id FROM reached)
    ON CONFLICT (organization_id, first_month, last_month, event_type) DO UPDATE SET events = events + 1;
END;

DROP TRIGGER event_participants_insert_forgets_document;
CREATE TRIGGER event_participants_insert_forgets_document AFTER INSERT ON event_participants WHEN NOT EXISTS (SELECT 1 FROM new_event_rows)
BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;

DROP TRIGGER event_quantities_insert_forgets_document;
CREATE TRIGGER event_quantities_insert_forgets_document AFTER INSERT ON event_quantities WHEN NOT EXISTS (SELECT 1 FROM new_event_rows)
BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;

DROP TRIGGER event_citations_insert_forgets_document;
CREATE TRIGGER event_citations_insert_forgets_document AFTER INSERT ON event_citations WHEN NOT EXISTS (SELECT 1 FROM new_event_rows)
BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;

DROP TRIGGER event_relations_insert_forgets_document;
CREATE TRIGGER event_relations_insert_forgets_document AFTER INSERT ON event_relations WHEN NOT EXISTS (SELECT 1 FROM new_event_rows)
BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;

DROP TRIGGER event_tags_insert_forgets_document;
CREATE TRIGGER event_tags_insert_forgets_document AFTER INSERT ON event_tags WHEN NOT EXISTS (SELECT 1 FROM new_event_rows)
BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;

DROP TRIGGER event_external_ids_insert_forgets_document;
CREATE TRIGGER event_external_ids_insert_forgets_document AFTER INSERT ON event_external_ids WHEN NOT EXISTS (SELECT 1 FROM new_event_rows)
BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;
