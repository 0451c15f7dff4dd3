-- Counts kept at write time for the histogram (Storage/Relational/KeptCountsSql.cs): for every organization, its
-- live events per (month of the first day the date can denote, month of the last, type), each event counted once
-- although it may name the organization and several of its sub-organizations. The months of both ends answer any
-- date range whose bounds are whole months or years, in both of the timeline's range modes.
--
-- Row triggers on event_participants keep them (the service's writes, the import, a maintenance script alike): the
-- rows carry their event's dates, type and deleted flag, and every change of those copies, of a participant or of
-- an event's life goes through them. A row adds its event to each organization on its chain up the tree that no
-- other live row of the same event, with the same months and type, reaches already; removing it takes the event
-- away where no other row still reaches (a row whose count falls to zero stays; reads skip it). Moving an organization changes the chains above it: the counts of its old
-- and new ancestors are counted again from the participants.
CREATE TABLE organization_event_counts (
    organization_id  INTEGER NOT NULL,
    first_month      TEXT    NOT NULL,   -- YYYY-MM of the event's span_start
    last_month       TEXT    NOT NULL,   -- YYYY-MM of the event's span_end
    event_type       TEXT    NOT NULL,
    events           INTEGER NOT NULL,
    PRIMARY KEY (organization_id, first_month, last_month, event_type)
) WITHOUT ROWID;

INSERT INTO organization_event_counts (organization_id, first_month, last_month, event_type, events)
SELECT ancestor, first_month, last_month, event_type, count(*)
FROM (
    SELECT DISTINCT c.ancestor, p.event_id,
        substr(p.event_span_start, 1, length(p.event_span_start) - 3) AS first_month,
        substr(p.event_span_end, 1, length(p.event_span_end) - 3) AS last_month,
        p.event_type
    FROM event_participants p
    JOIN (
        WITH RECURSIVE closure (id, ancestor) AS (
            SELECT id, id FROM organizations
            UNION
            SELECT c.id, o.parent_id FROM closure c JOIN organizations o ON o.id = c.ancestor WHERE o.parent_id IS NOT NULL)
        SELECT id, ancestor FROM closure
    ) c ON c.id = p.organization_id
    WHERE p.organization_id IS NOT NULL AND p.event_deleted = 0)
GROUP BY ancestor, first_month, last_month, event_type;

CREATE TRIGGER event_participants_insert_counts AFTER INSERT ON event_participants
WHEN NEW.organization_id IS NOT NULL AND NEW.event_deleted = 0
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

CREATE TRIGGER event_participants_delete_counts AFTER DELETE ON event_participants
WHEN OLD.organization_id IS NOT NULL AND OLD.event_deleted = 0
BEGIN
    UPDATE organization_event_counts SET events = events - 1
    WHERE first_month = substr(OLD.event_span_start, 1, length(OLD.event_span_start) - 3)
      AND last_month = substr(OLD.event_span_end, 1, length(OLD.event_span_end) - 3)
      AND event_type = OLD.event_type
      AND organization_id IN (
        WITH RECURSIVE up (id) AS (
            SELECT OLD.organization_id
            UNION SELECT o.parent_id FROM organizations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL)
        SELECT id FROM up)
      AND organization_id NOT IN (
        WITH RECURSIVE reached (id) AS (
            SELECT p.organization_id FROM event_participants p
            WHERE p.event_id = OLD.event_id AND p.id <> OLD.id AND p.organization_id IS NOT NULL AND p.event_deleted = 0
              AND p.event_type = OLD.event_type
              AND substr(p.event_span_start, 1, length(p.event_span_start) - 3) = substr(OLD.event_span_start, 1, length(OLD.event_span_start) - 3)
              AND substr(p.event_span_end, 1, length(p.event_span_end) - 3) = substr(OLD.event_span_end, 1, length(OLD.event_span_end) - 3)
            UNION SELECT o.parent_id FROM organizations o JOIN reached r ON o.id = r.id WHERE o.parent_id IS NOT NULL)
        SELECT id FROM reached);
END;

-- An update is the old row taken away and the new one added; the two steps commute (each leaves the row itself out).
CREATE TRIGGER event_participants_update_uncounts AFTER UPDATE OF organization_id, event_id, event_span_start, event_span_end, event_type, event_deleted ON event_participants
WHEN OLD.organization_id IS NOT NULL AND OLD.event_deleted = 0
BEGIN
    UPDATE organization_event_counts SET events = events - 1
    WHERE first_month = substr(OLD.event_span_start, 1, length(OLD.event_span_start) - 3)
      AND last_month = substr(OLD.event_span_end, 1, length(OLD.event_span_end) - 3)
      AND event_type = OLD.event_type
      AND organization_id IN (
        WITH RECURSIVE up (id) AS (
            SELECT OLD.organization_id
            UNION SELECT o.parent_id FROM organizations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL)
        SELECT id FROM up)
      AND organization_id NOT IN (
        WITH RECURSIVE reached (id) AS (
            SELECT p.organization_id FROM event_participants p
            WHERE p.event_id = OLD.event_id AND p.id <> OLD.id AND p.organization_id IS NOT NULL AND p.event_deleted = 0
              AND p.event_type = OLD.event_type
              AND substr(p.event_span_start, 1, length(p.event_span_start) - 3) = substr(OLD.event_span_start, 1, length(OLD.event_span_start) - 3)
              AND substr(p.event_span_end, 1, length(p.event_span_end) - 3) = substr(OLD.event_span_end, 1, length(OLD.event_span_end) - 3)
            UNION SELECT o.parent_id FROM organizations o JOIN reached r ON o.id = r.id WHERE o.parent_id IS NOT NULL)
        SELECT id FROM reached);
END;

CREATE TRIGGER event_participants_update_counts AFTER UPDATE OF organization_id, event_id, event_span_start, event_span_end, event_type, event_deleted ON event_participants
WHEN NEW.organization_id IS NOT NULL AND NEW.event_deleted = 0
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

-- A moved organization takes its events from its old ancestors to its new ones: both chains are counted again.
CREATE TRIGGER organizations_move_counts AFTER UPDATE OF parent_id ON organizations
WHEN OLD.parent_id IS NOT NEW.parent_id
BEGIN
    DELETE FROM organization_event_counts WHERE organization_id IN (
        WITH RECURSIVE up (id) AS (
            SELECT OLD.parent_id WHERE OLD.parent_id IS NOT NULL
            UNION SELECT NEW.parent_id WHERE NEW.parent_id IS NOT NULL
            UNION SELECT o.parent_id FROM organizations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL)
        SELECT id FROM up);
    INSERT INTO organization_event_counts (organization_id, first_month, last_month, event_type, events)
    SELECT root, first_month, last_month, event_type, count(*)
    FROM (
        SELECT DISTINCT s.root, p.event_id,
            substr(p.event_span_start, 1, length(p.event_span_start) - 3) AS first_month,
            substr(p.event_span_end, 1, length(p.event_span_end) - 3) AS last_month,
            p.event_type
        FROM (
            WITH RECURSIVE up (id) AS (
                SELECT OLD.parent_id WHERE OLD.parent_id IS NOT NULL
                UNION SELECT NEW.parent_id WHERE NEW.parent_id IS NOT NULL
                UNION SELECT o.parent_id FROM organizations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL),
            below (root, id) AS (
                SELECT id, id FROM up
                UNION SELECT b.root, o.id FROM organizations o JOIN below b ON o.parent_id = b.id)
            SELECT root, id FROM below
        ) AS s
        JOIN event_participants p ON p.organization_id = s.id
        WHERE p.event_deleted = 0)
    GROUP BY root, first_month, last_month, event_type;
END;
