-- Counts kept at write time for the histogram (Storage/Relational/KeptCountsSql.cs): for every organization, its
-- live events per (month of the first day the date can denote, month of the last, type), each event counted once
-- although it may name the organization and several of its sub-organizations. The months of both ends answer any
-- date range whose bounds are whole months or years, in both of the timeline's range modes.
--
-- Row triggers on event_participants keep them (the service's writes, the import, a maintenance script alike): the
-- rows carry their event's dates, type and deleted flag, and every change of those copies, of a participant or of
-- an event's life goes through them. A row adds its event to each organization on its chain up the tree that no
-- other live row of the same event, with the same months and type, reaches already; removing it takes the event
-- away where no other row still reaches (a row whose count falls to zero stays; reads skip it). Moving an
-- organization changes the chains above it: the counts of its old and new ancestors are counted again.
--
-- BEFORE row triggers, because they see the rows the same statement changed before theirs (an AFTER row trigger
-- runs when the statement is done and would see every row changed). Writers take a transaction lock before they
-- touch the counts: two transactions adding to the same counts in different orders would otherwise deadlock.
CREATE TABLE organization_event_counts (
    organization_id  bigint NOT NULL,
    first_month      text   NOT NULL,   -- YYYY-MM of the event's span_start
    last_month       text   NOT NULL,   -- YYYY-MM of the event's span_end
    event_type       text   NOT NULL,
    events           bigint NOT NULL,
    PRIMARY KEY (organization_id, first_month, last_month, event_type)
);

INSERT INTO organization_event_counts (organization_id, first_month, last_month, event_type, events)
WITH RECURSIVE closure (id, ancestor) AS (
    SELECT id, id FROM organizations
    UNION
    SELECT c.id, o.parent_id FROM closure c JOIN organizations o ON o.id = c.ancestor WHERE o.parent_id IS NOT NULL)
SELECT ancestor, first_month, last_month, event_type, count(*)
FROM (
    SELECT DISTINCT c.ancestor, p.event_id, left(p.event_span_start, -3) AS first_month, left(p.event_span_end, -3) AS last_month, p.event_type
    FROM event_participants p JOIN closure c ON c.id = p.organization_id
    WHERE p.organization_id IS NOT NULL AND p.event_deleted = 0) AS distinct_events
GROUP BY ancestor, first_month, last_month, event_type;

-- Adds (delta 1) or takes away (delta -1) one participant row's event where no other live row of the event reaches.
CREATE FUNCTION count_participant(
    in_row bigint, in_event bigint, in_organization bigint, in_span_start text, in_span_end text, in_type text, in_delta bigint)
RETURNS void LANGUAGE sql AS $$
    WITH RECURSIVE up (id) AS (
        SELECT in_organization
        UNION SELECT o.parent_id FROM organizations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL),
    reached (id) AS (
        SELECT p.organization_id FROM event_participants p
        WHERE p.event_id = in_event AND p.id <> in_row AND p.organization_id IS NOT NULL AND p.event_deleted = 0 AND p.event_type = in_type
          AND left(p.event_span_start, -3) = left(in_span_start, -3) AND left(p.event_span_end, -3) = left(in_span_end, -3)
        UNION SELECT o.parent_id FROM organizations o JOIN reached r ON o.id = r.id WHERE o.parent_id IS NOT NULL)
    INSERT INTO organization_event_counts AS c (organization_id, first_month, last_month, event_type, events)
    SELECT up.id, left(in_span_start, -3), left(in_span_end, -3), in_type, in_delta
    FROM up WHERE up.id NOT IN (SELECT id FROM reached)
    ORDER BY up.id
    ON CONFLICT (organization_id, first_month, last_month, event_type) DO UPDATE SET events = c.events + excluded.events;
$$;

CREATE FUNCTION keep_organization_event_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.organization_id IS NOT NULL AND OLD.event_deleted = 0 THEN
        PERFORM pg_advisory_xact_lock(5001810357618257011);
        PERFORM count_participant(OLD.id, OLD.event_id, OLD.organization_id, OLD.event_span_start, OLD.event_span_end, OLD.event_type, -1);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.organization_id IS NOT NULL AND NEW.event_deleted = 0 THEN
        PERFORM pg_advisory_xact_lock(5001810357618257011);
        PERFORM count_participant(NEW.id, NEW.event_id, NEW.organization_id, NEW.event_span_start, NEW.event_span_end, NEW.event_type, 1);
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER event_participants_keep_counts BEFORE INSERT OR DELETE OR UPDATE OF organization_id, event_id, event_span_start, event_span_end, event_type, event_deleted
    ON event_participants FOR EACH ROW EXECUTE FUNCTION keep_organization_event_counts();

CREATE FUNCTION recount_moved_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.parent_id IS DISTINCT FROM n.parent_id) THEN
        RETURN NULL;
    END IF;

    PERFORM pg_advisory_xact_lock(5001810357618257011);
    DELETE FROM organization_event_counts WHERE organization_id IN (
        WITH RECURSIVE up (id) AS (
            SELECT o.parent_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.parent_id IS DISTINCT FROM n.parent_id AND o.parent_id IS NOT NULL
            UNION SELECT n.parent_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.parent_id IS DISTINCT FROM n.parent_id AND n.parent_id IS NOT NULL
            UNION SELECT o.parent_id FROM organizations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL)
        SELECT id FROM up);
    INSERT INTO organization_event_counts (organization_id, first_month, last_month, event_type, events)
    WITH RECURSIVE up (id) AS (
        SELECT o.parent_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.parent_id IS DISTINCT FROM n.parent_id AND o.parent_id IS NOT NULL
        UNION SELECT n.parent_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.parent_id IS DISTINCT FROM n.parent_id AND n.parent_id IS NOT NULL
        UNION SELECT o.parent_id FROM organizations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL),
    below (root, id) AS (
        SELECT id, id FROM up
        UNION SELECT b.root, o.id FROM organizations o JOIN below b ON o.parent_id = b.id)
    SELECT root, first_month, last_month, event_type, count(*)
    FROM (
        SELECT DISTINCT b.root, p.event_id, left(p.event_span_start, -3) AS first_month, left(p.event_span_end, -3) AS last_month, p.event_type
        FROM below b JOIN event_participants p ON p.organization_id = b.id
        WHERE p.event_deleted = 0) AS distinct_events
    GROUP BY root, first_month, last_month, event_type;
    RETURN NULL;
END;
$$;

CREATE TRIGGER organizations_move_counts AFTER UPDATE ON organizations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recount_moved_organizations();
