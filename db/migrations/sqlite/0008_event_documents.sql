-- Each live event's answer to GET, as the JSON the API sends, kept in step by every write that changes it
-- (the event itself, or a name it shows: an organization, actor, source or related event). A timeline page
-- is then its ids plus these documents (Storage/Relational/EventDocuments.cs). An event without a row here
-- (written before this table existed) is rendered from its tables when read and filled in at start.
-- A table of its own, not a column of events, keeps the rows the timeline's queries walk narrow.
CREATE TABLE event_documents (
    event_id  INTEGER PRIMARY KEY,
    document  TEXT    NOT NULL
);

-- A change made by anything other than the service (a maintenance script, the sqlite3 shell) must not leave a
-- document behind the data: every change to what a document shows forgets it, and the event is rendered from
-- its tables until a write of the service stores it again. The service's own writes forget here and store anew
-- at commit.
CREATE TRIGGER organizations_forget_documents AFTER UPDATE ON organizations BEGIN
    DELETE FROM event_documents WHERE event_id IN (SELECT event_id FROM event_participants WHERE organization_id = NEW.id);
END;
CREATE TRIGGER actors_forget_documents AFTER UPDATE ON actors BEGIN
    DELETE FROM event_documents WHERE event_id IN (
        SELECT event_id FROM event_participants WHERE actor_id = NEW.id
        UNION SELECT event_id FROM event_citations WHERE speaker_actor_id = NEW.id);
END;
CREATE TRIGGER sources_forget_documents AFTER UPDATE ON sources BEGIN
    DELETE FROM event_documents WHERE event_id IN (SELECT event_id FROM event_citations WHERE source_id = NEW.id);
END;
CREATE TRIGGER events_forget_documents AFTER UPDATE ON events BEGIN
    DELETE FROM event_documents
    WHERE event_id = NEW.id OR event_id IN (SELECT event_id FROM event_relations WHERE target_event_id = NEW.id);
END;
CREATE TRIGGER event_participants_insert_forgets_document AFTER INSERT ON event_participants BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;
CREATE TRIGGER event_participants_update_forgets_document AFTER UPDATE ON event_participants BEGIN DELETE FROM event_documents WHERE event_id IN (OLD.event_id, NEW.event_id); END;
CREATE TRIGGER event_participants_delete_forgets_document AFTER DELETE ON event_participants BEGIN DELETE FROM event_documents WHERE event_id = OLD.event_id; END;
CREATE TRIGGER event_quantities_insert_forgets_document AFTER INSERT ON event_quantities BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;
CREATE TRIGGER event_quantities_update_forgets_document AFTER UPDATE ON event_quantities BEGIN DELETE FROM event_documents WHERE event_id IN (OLD.event_id, NEW.event_id); END;
CREATE TRIGGER event_quantities_delete_forgets_document AFTER DELETE ON event_quantities BEGIN DELETE FROM event_documents WHERE event_id = OLD.event_id; END;
CREATE TRIGGER event_citations_insert_forgets_document AFTER INSERT ON event_citations BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;
CREATE TRIGGER event_citations_update_forgets_document AFTER UPDATE ON event_citations BEGIN DELETE FROM event_documents WHERE event_id IN (OLD.event_id, NEW.event_id); END;
CREATE TRIGGER event_citations_delete_forgets_document AFTER DELETE ON event_citations BEGIN DELETE FROM event_documents WHERE event_id = OLD.event_id; END;
CREATE TRIGGER event_relations_insert_forgets_document AFTER INSERT ON event_relations BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;
CREATE TRIGGER event_relations_update_forgets_document AFTER UPDATE ON event_relations BEGIN DELETE FROM event_documents WHERE event_id IN (OLD.event_id, NEW.event_id); END;
CREATE TRIGGER event_relations_delete_forgets_document AFTER DELETE ON event_relations BEGIN DELETE FROM event_documents WHERE event_id = OLD.event_id; END;
CREATE TRIGGER event_tags_insert_forgets_document AFTER INSERT ON event_tags BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;
CREATE TRIGGER event_tags_update_forgets_document AFTER UPDATE ON event_tags BEGIN DELETE FROM event_documents WHERE event_id IN (OLD.event_id, NEW.event_id); END;
CREATE TRIGGER event_tags_delete_forgets_document AFTER DELETE ON event_tags BEGIN DELETE FROM event_documents WHERE event_id = OLD.event_id; END;
CREATE TRIGGER event_external_ids_insert_forgets_document AFTER INSERT ON event_external_ids BEGIN DELETE FROM event_documents WHERE event_id = NEW.event_id; END;
CREATE TRIGGER event_external_ids_update_forgets_document AFTER UPDATE ON event_external_ids BEGIN DELETE FROM event_documents WHERE event_id IN (OLD.event_id, NEW.event_id); END;
CREATE TRIGGER event_external_ids_delete_forgets_document AFTER DELETE ON event_external_ids BEGIN DELETE FROM event_documents WHERE event_id = OLD.event_id; END;
