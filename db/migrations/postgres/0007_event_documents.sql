-- Each live event's answer to GET, as the JSON the API sends, kept in step by every write that changes it
-- (the event itself, or a name it shows: an organization, actor, source or related event). A timeline page
-- is then its ids plus these documents (Storage/Relational/EventDocuments.cs). An event without a row here
-- (written before this table existed) is rendered from its tables when read and filled in at start.
-- A table of its own, not a column of events, keeps the rows the timeline's queries walk narrow.
CREATE TABLE event_documents (
    event_id  bigint PRIMARY KEY,
    document  text   NOT NULL
);

-- A change made by anything other than the service (a maintenance script, psql) must not leave a document behind
-- the data: every change to what a document shows forgets it, and the event is rendered from its tables until a
-- write of the service stores it again. The service's own writes forget here and store anew at commit. Statement
-- triggers with transition tables: a bulk COPY forgets once per statement, not once per row.
CREATE FUNCTION forget_documents_of_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_documents WHERE event_id IN (
        SELECT p.event_id FROM event_participants p JOIN changed_rows c ON p.organization_id = c.id);
    RETURN NULL;
END;
$$;
CREATE FUNCTION forget_documents_of_actors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_documents WHERE event_id IN (
        SELECT p.event_id FROM event_participants p JOIN changed_rows c ON p.actor_id = c.id
        UNION SELECT t.event_id FROM event_citations t JOIN changed_rows c ON t.speaker_actor_id = c.id);
    RETURN NULL;
END;
$$;
CREATE FUNCTION forget_documents_of_sources() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_documents WHERE event_id IN (
        SELECT t.event_id FROM event_citations t JOIN changed_rows c ON t.source_id = c.id);
    RETURN NULL;
END;
$$;
CREATE FUNCTION forget_documents_of_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_documents WHERE event_id IN (
        SELECT c.id FROM changed_rows c
        UNION SELECT r.event_id FROM event_relations r JOIN changed_rows c ON r.target_event_id = c.id);
    RETURN NULL;
END;
$$;
CREATE FUNCTION forget_documents_of_parts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_documents WHERE event_id IN (SELECT c.event_id FROM changed_rows c);
    RETURN NULL;
END;
$$;

CREATE TRIGGER organizations_forget_documents AFTER UPDATE ON organizations
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_documents_of_organizations();
CREATE TRIGGER actors_forget_documents AFTER UPDATE ON actors
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_documents_of_actors();
CREATE TRIGGER sources_forget_documents AFTER UPDATE ON sources
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_documents_of_sources();
CREATE TRIGGER events_forget_documents AFTER UPDATE ON events
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_documents_of_events();

-- The parts of an event: one trigger per kind of change, as a transition table belongs to one kind.
DO $$
DECLARE
    part text;
BEGIN
    FOREACH part IN ARRAY ARRAY['event_participants', 'event_quantities', 'event_citations', 'event_relations', 'event_tags', 'event_external_ids']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION forget_documents_of_parts()', part || '_insert_forgets_documents', part);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION forget_documents_of_parts()', part || '_update_forgets_documents', part);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION forget_documents_of_parts()', part || '_delete_forgets_documents', part);
    END LOOP;
END;
$$;
