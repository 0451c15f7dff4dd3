-- Counts kept at write time for the histogram (Storage/Relational/KeptCountsSql.cs): for every organization, its
-- live events per (month of the first day the date can denote, month of the last, type), each event counted once
-- although it may name the organization and several of its sub-organizations. The months of both ends answer any
-- date range whose bounds are whole months or years, in both of the timeline's range modes.
--
-- Triggers on event_participants keep them (the service's writes, the import, a maintenance script alike): the
-- rows carry their event's dates, type and deleted flag, and every change of those copies, of a participant or of
-- an event's life goes through them. A row adds its event to each organization on its chain up the tree that no
-- other live row of the same event, with the same months and type, reaches already; removing it takes the event
-- away where no other row still reaches (a row whose count falls to zero stays; reads skip it). Moving an
-- organization changes the chains above it: the counts of its old and new ancestors are counted again.
--
-- Writers take a transaction lock before they touch the counts: two transactions adding to the same counts in
-- different orders would otherwise deadlock.
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

-- Statement triggers with transition tables, set at a time (the import's COPY writes thousands of rows per statement):
-- rows taken away (old_rows) subtract each (organization, event, months, type) they reached that the rows left do not
-- reach; rows added (new_rows) add each one that the other rows do not reach already. An update is both, against the
-- rows it did not touch.
CREATE FUNCTION count_inserted_participants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

CREATE FUNCTION count_deleted_participants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(5001810357618257011);
    INSERT INTO organization_event_counts AS c (organization_id, first_month, last_month, event_type, events)
    WITH RECURSIVE changed (event_id, first_month, last_month, event_type, organization_id) AS (
            SELECT r.event_id, left(r.event_span_start, -3), left(r.event_span_end, -3), r.event_type, r.organization_id
            FROM old_rows r WHERE r.organization_id IS NOT NULL AND r.event_deleted = 0
            UNION SELECT x.event_id, x.first_month, x.last_month, x.event_type, o.parent_id
            FROM changed x JOIN organizations o ON o.id = x.organization_id WHERE o.parent_id IS NOT NULL),
        others (event_id, first_month, last_month, event_type, organization_id) AS (
            SELECT r.event_id, left(r.event_span_start, -3), left(r.event_span_end, -3), r.event_type, r.organization_id
            FROM event_participants r WHERE r.organization_id IS NOT NULL AND r.event_deleted = 0
              AND r.event_id IN (SELECT event_id FROM old_rows)
            UNION SELECT x.event_id, x.first_month, x.last_month, x.event_type, o.parent_id
            FROM others x JOIN organizations o ON o.id = x.organization_id WHERE o.parent_id IS NOT NULL)
    SELECT organization_id, first_month, last_month, event_type, -count(*)
    FROM (SELECT DISTINCT * FROM changed EXCEPT SELECT DISTINCT * FROM others) AS counted
    GROUP BY organization_id, first_month, last_month, event_type
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (organization_id, first_month, last_month, event_type) DO UPDATE SET events = c.events + excluded.events;
    RETURN NULL;
END;
$$;

CREATE FUNCTION count_updated_participants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(5001810357618257011);
    INSERT INTO organization_event_counts AS c (organization_id, first_month, last_month, event_type, events)
    WITH RECURSIVE changed (event_id, first_month, last_month, event_type, organization_id) AS (
            SELECT r.event_id, left(r.event_span_start, -3), left(r.event_span_end, -3), r.event_type, r.organization_id
            FROM old_rows r WHERE r.organization_id IS NOT NULL AND r.event_deleted = 0
            UNION SELECT x.event_id, x.first_month, x.last_month, x.event_type, o.parent_id
            FROM changed x JOIN organizations o ON o.id = x.organization_id WHERE o.parent_id IS NOT NULL),
        others (event_id, first_month, last_month, event_type, organization_id) AS (
            SELECT r.event_id, left(r.event_span_start, -3), left(r.event_span_end, -3), r.event_type, r.organization_id
            FROM event_participants r WHERE r.organization_id IS NOT NULL AND r.event_deleted = 0
              AND r.event_id IN (SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows) AND r.id NOT IN (SELECT id FROM new_rows)
            UNION SELECT x.event_id, x.first_month, x.last_month, x.event_type, o.parent_id
            FROM others x JOIN organizations o ON o.id = x.organization_id WHERE o.parent_id IS NOT NULL)
    SELECT organization_id, first_month, last_month, event_type, -count(*)
    FROM (SELECT DISTINCT * FROM changed EXCEPT SELECT DISTINCT * FROM others) AS counted
    GROUP BY organization_id, first_month, last_month, event_type
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (organization_id, first_month, last_month, event_type) DO UPDATE SET events = c.events + excluded.events;
    INSERT INTO organization_event_counts AS c (organization_id, first_month, last_month, event_type, events)
    WITH RECURSIVE changed (event_id, first_month, last_month, event_type, organization_id) AS (
            SELECT r.event_id, left(r.event_span_start, -3), left(r.event_span_end, -3), r.event_type, r.organization_id
            FROM new_rows r WHERE r.organization_id IS NOT NULL AND r.event_deleted = 0
            UNION SELECT x.event_id, x.first_month, x.last_month, x.event_type, o.parent_id
            FROM changed x JOIN organizations o ON o.id = x.organization_id WHERE o.parent_id IS NOT NULL),
        others (event_id, first_month, last_month, event_type, organization_id) AS (
            SELECT r.event_id, left(r.event_span_start, -3), left(r.event_span_end, -3), r.event_type, r.organization_id
            FROM event_participants r WHERE r.organization_id IS NOT NULL AND r.event_deleted = 0
              AND r.event_id IN (SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows) AND r.id NOT IN (SELECT id FROM new_rows)
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

CREATE TRIGGER event_participants_insert_counts AFTER INSERT ON event_participants
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_inserted_participants();
CREATE TRIGGER event_participants_delete_counts AFTER DELETE ON event_participants
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_deleted_participants();
CREATE TRIGGER event_participants_update_counts AFTER UPDATE ON event_participants
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_updated_participants();

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
