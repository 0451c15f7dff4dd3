-- Participants also carry their event's type and whether it is deleted, so that "events of
-- organization X", and their counts per day and type for the histogram, are read from one covering
-- index without visiting the events table. The writer keeps both copies in step (EventWriter).
ALTER TABLE event_participants ADD COLUMN event_type TEXT NOT NULL DEFAULT '';
ALTER TABLE event_participants ADD COLUMN event_deleted INTEGER NOT NULL DEFAULT 0;

UPDATE event_participants
SET event_type = e.type, event_deleted = (e.deleted_at IS NOT NULL)
FROM events e
WHERE e.id = event_participants.event_id;

DROP INDEX ix_participants_organization_date;
CREATE INDEX ix_participants_organization_date
    ON event_participants (organization_id, event_span_start, event_id, event_type, event_deleted)
    WHERE organization_id IS NOT NULL;

DROP INDEX ix_participants_actor_date;
CREATE INDEX ix_participants_actor_date
    ON event_participants (actor_id, event_span_start, event_id, event_type, event_deleted)
    WHERE actor_id IS NOT NULL;
