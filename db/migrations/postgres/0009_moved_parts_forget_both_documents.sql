-- An UPDATE that moves a part row (a participant, quantity, citation, relation, tag or external id) from one
-- event to another changes what both events show. 0007's part-UPDATE triggers forgot only the documents of the
-- rows' new events, so a maintenance script that moved a participant left the old event's document showing it
-- (SQLite's row triggers forget both). An UPDATE trigger may see both transition tables: forget both sides.
CREATE FUNCTION forget_documents_of_updated_parts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_documents WHERE event_id IN (
        SELECT n.event_id FROM new_rows n UNION SELECT o.event_id FROM old_rows o);
    RETURN NULL;
END;
$$;

DO $$
DECLARE
    part text;
BEGIN
    FOREACH part IN ARRAY ARRAY['event_participants', 'event_quantities', 'event_citations', 'event_relations', 'event_tags', 'event_external_ids']
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', part || '_update_forgets_documents', part);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION forget_documents_of_updated_parts()', part || '_update_forgets_documents', part);
    END LOOP;
END;
$$;
