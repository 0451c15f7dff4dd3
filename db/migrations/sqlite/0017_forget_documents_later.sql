-- A rename made through the service forgets the stored documents of the events that show the name in O(1): one row
-- in document_forgets (a stamp, the kind and id of the renamed record) instead of deleting every such document
-- (52 000 of them, spread over nearly every page of the documents' table, for the busiest state at 200 000 events).
-- A document is stored with the highest stamp committed when it was rendered; one older than a pending forget of a
-- record its event shows is stale: the service reads it as missing and renders the event from its tables
-- (Storage/Relational/EventDocuments.cs, DocumentForgets.cs), and the refiller renders it again and then removes
-- the forget rows it has served. The documents now live in stored_documents; event_documents is the view of those
-- that are current, so that it keeps its meaning for anyone reading the store: a row there is the event's answer to GET.
-- AUTOINCREMENT: a stamp is never handed out twice, even after the highest row was removed.
CREATE TABLE document_forgets (
    stamp      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT    NOT NULL,   -- organization, actor or source
    record_id  INTEGER NOT NULL
);

-- Renaming the table and its key rewrites the triggers that forget documents (migrations 0008, 0012) to match.
ALTER TABLE event_documents RENAME TO stored_documents;
ALTER TABLE stored_documents RENAME COLUMN event_id TO id;
ALTER TABLE stored_documents ADD COLUMN stamp INTEGER NOT NULL DEFAULT 0;

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

CREATE TRIGGER event_documents_delete INSTEAD OF DELETE ON event_documents BEGIN
    DELETE FROM stored_documents WHERE id = OLD.event_id;
END;

-- The service holds a row here, inside its own transaction (no other connection ever sees it; a rollback removes
-- it), while it updates an organization, actor or source: the triggers then write a forget row. Every other writer
-- (a maintenance script, the sqlite3 shell) goes through the triggers as before and deletes each document.
CREATE TABLE forget_documents_later (
    marker INTEGER
);

DROP TRIGGER organizations_forget_documents;
CREATE TRIGGER organizations_forget_documents AFTER UPDATE ON organizations WHEN NOT EXISTS (SELECT 1 FROM forget_documents_later) BEGIN
    DELETE FROM stored_documents WHERE id IN (SELECT event_id FROM event_participants WHERE organization_id = NEW.id);
END;
CREATE TRIGGER organizations_forget_documents_later AFTER UPDATE ON organizations WHEN EXISTS (SELECT 1 FROM forget_documents_later) BEGIN
    INSERT INTO document_forgets (kind, record_id) VALUES ('organization', NEW.id);
END;

DROP TRIGGER actors_forget_documents;
CREATE TRIGGER actors_forget_documents AFTER UPDATE ON actors WHEN NOT EXISTS (SELECT 1 FROM forget_documents_later) BEGIN
    DELETE FROM stored_documents WHERE id IN (
        SELECT event_id FROM event_participants WHERE actor_id = NEW.id
        UNION SELECT event_id FROM event_citations WHERE speaker_actor_id = NEW.id);
END;
CREATE TRIGGER actors_forget_documents_later AFTER UPDATE ON actors WHEN EXISTS (SELECT 1 FROM forget_documents_later) BEGIN
    INSERT INTO document_forgets (kind, record_id) VALUES ('actor', NEW.id);
END;

DROP TRIGGER sources_forget_documents;
CREATE TRIGGER sources_forget_documents AFTER UPDATE ON sources WHEN NOT EXISTS (SELECT 1 FROM forget_documents_later) BEGIN
    DELETE FROM stored_documents WHERE id IN (SELECT event_id FROM event_citations WHERE source_id = NEW.id);
END;
CREATE TRIGGER sources_forget_documents_later AFTER UPDATE ON sources WHEN EXISTS (SELECT 1 FROM forget_documents_later) BEGIN
    INSERT INTO document_forgets (kind, record_id) VALUES ('source', NEW.id);
END;
