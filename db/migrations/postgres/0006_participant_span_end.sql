-- Participants also carry the last day their event's date can denote, so that "events of organization X
-- from A to B" is answered from the participant index alone: the page's ids no longer visit the events
-- table to test the end of each event's date. The writer keeps the copy in step (PostgresEventStore).
ALTER TABLE event_participants ADD COLUMN event_span_end text NOT NULL DEFAULT '';

UPDATE event_participants p
SET event_span_end = e.span_end
FROM events e
WHERE e.id = p.event_id;

DROP INDEX ix_participants_organization_date;
CREATE INDEX ix_participants_organization_date
    ON event_participants (organization_id, event_span_start, event_id, event_type, event_deleted, event_span_end)
    WHERE organization_id IS NOT NULL;

DROP INDEX ix_participants_actor_date;
CREATE INDEX ix_participants_actor_date
    ON event_participants (actor_id, event_span_start, event_id, event_type, event_deleted, event_span_end)
    WHERE actor_id IS NOT NULL;
