-- The search vectors of organizations, actors and sources become generated columns: PostgreSQL keeps them
-- from the row itself, so a write is one statement instead of an insert (or update) followed by a second
-- update of the same row for its vector. Same texts as before: name and aliases, or title and publisher.
-- (Events keep a written vector: theirs includes the quotes of their citations, held in another table.)
CREATE FUNCTION search_text_of_aliases(aliases text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN coalesce((SELECT string_agg(value, ' ') FROM jsonb_array_elements_text(aliases::jsonb)), '');

DROP INDEX ix_organizations_search;
ALTER TABLE organizations DROP COLUMN search;
ALTER TABLE organizations ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', name || ' ' || search_text_of_aliases(aliases))) STORED;
CREATE INDEX ix_organizations_search ON organizations USING gin (search);

DROP INDEX ix_actors_search;
ALTER TABLE actors DROP COLUMN search;
ALTER TABLE actors ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', name || ' ' || search_text_of_aliases(aliases))) STORED;
CREATE INDEX ix_actors_search ON actors USING gin (search);

DROP INDEX ix_sources_search;
ALTER TABLE sources DROP COLUMN search;
ALTER TABLE sources ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || coalesce(publisher, ''))) STORED;
CREATE INDEX ix_sources_search ON sources USING gin (search);
