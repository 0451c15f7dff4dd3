-- A rename made through the service forgets the stored documents of the events that show the name in O(1): one row
-- in document_forgets (a stamp, the kind and id of the renamed record) instead of deleting every such document
-- (52 000 of them, spread over nearly every page of the documents' table, for the busiest state at 200 000 events).
-- A document is stored with the highest stamp committed when it was rendered; one older than a pending forget of a
-- record its event shows is stale: the service reads it as missing and renders the event from its tables
-- (Storage/Relational/EventDocuments.cs, DocumentForgets.cs), and the refiller renders it again and then removes
-- the forget rows it has served. The documents now live in stored_documents; event_documents is the view of those
-- that are current, so that it keeps its meaning for anyone reading the store: a row there is the event's answer to GET.
-- The forget rows are written by the statement triggers named *_forget_documents, which fire after the data
-- version's *_changed (triggers fire in name order): a stamp is taken only once its writer holds its data version
-- row, so the refiller, which waits for every such writer first, never sees a stamp lower than one a later commit makes.
CREATE TABLE document_forgets (
    stamp      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       text   NOT NULL,   -- organization, actor or source
    record_id  bigint NOT NULL
);

ALTER TABLE event_documents RENAME TO stored_documents;
ALTER TABLE stored_documents RENAME COLUMN event_id TO id;
ALTER TABLE stored_documents ADD COLUMN stamp bigint NOT NULL DEFAULT 0;

-- A simple view: DELETE FROM event_documents deletes the stored rows it shows.
-- The unary plus keeps SQLite on the parts' event index, not the record's (every row of a busy state per document).
CREATE VIEW event_documents AS
SELECT s.id AS event_id, s.document FROM stored_documents s
WHERE NOT EXISTS (
    SELECT 1 FROM document_forgets f
    WHERE f.stamp > s.stamp AND (
        (f.kind = 'organization' AND EXISTS (SELECT 1 FROM event_participants x WHERE x.event_id = s.id AND +x.organization_id = f.record_id))
        OR (f.kind = 'actor' AND EXISTS (SELECT 1 FROM event_participants x WHERE x.event_id = s.id AND +x.actor_id = f.record_id))
        OR (f.kind = 'actor' AND EXISTS (SELECT 1 FROM event_citations x WHERE x.event_id = s.id AND +x.speaker_actor_id = f.record_id))
        OR (f.kind = 'source' AND EXISTS (SELECT 1 FROM event_citations x WHERE x.event_id = s.id AND +x.source_id = f.record_id))));

-- The service holds a row here, inside its own transaction (no other connection sees it; a rollback removes it),
-- while it updates an organization, actor or source: the triggers then write a forget row. Every other writer
-- (a maintenance script, psql) goes through the triggers as before and deletes each document. No key: writers
-- side by side each insert their own row and never wait on each other's.
CREATE TABLE forget_documents_later (
    marker integer
);

CREATE OR REPLACE FUNCTION forget_documents_of_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM forget_documents_later) THEN
        INSERT INTO document_forgets (kind, record_id) SELECT 'organization', c.id FROM changed_rows c ORDER BY c.id;
        RETURN NULL;
    END IF;
    DELETE FROM stored_documents WHERE id IN (
        SELECT p.event_id FROM event_participants p JOIN changed_rows c ON p.organization_id = c.id);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION forget_documents_of_actors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM forget_documents_later) THEN
        INSERT INTO document_forgets (kind, record_id) SELECT 'actor', c.id FROM changed_rows c ORDER BY c.id;
        RETURN NULL;
    END IF;
    DELETE FROM stored_documents WHERE id IN (
        SELECT p.event_id FROM event_participants p JOIN changed_rows c ON p.actor_id = c.id
        UNION SELECT t.event_id FROM event_citations t JOIN changed_rows c ON t.speaker_actor_id = c.id);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION forget_documents_of_sources() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM forget_documents_later) THEN
        INSERT INTO document_forgets (kind, record_id) SELECT 'source', c.id FROM changed_rows c ORDER BY c.id;
        RETURN NULL;
    END IF;
    DELETE FROM stored_documents WHERE id IN (
        SELECT t.event_id FROM event_citations t JOIN changed_rows c ON t.source_id = c.id);
    RETURN NULL;
END;
$$;

-- The other forgetting functions (migrations 0007, 0009, 0012), on the renamed table.
CREATE OR REPLACE FUNCTION forget_documents_of_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM stored_documents WHERE id IN (
        SELECT c.id FROM changed_rows c
        UNION SELECT r.event_id FROM event_relations r JOIN changed_rows c ON r.target_event_id = c.id);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION forget_documents_of_parts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('eventtracker.new_event_rows', true) = 'on' THEN
        RETURN NULL;
    END IF;
    DELETE FROM stored_documents WHERE id IN (SELECT c.event_id FROM changed_rows c);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION forget_documents_of_updated_parts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM stored_documents WHERE id IN (
        SELECT n.event_id FROM new_rows n UNION SELECT o.event_id FROM old_rows o);
    RETURN NULL;
END;
$$;
