-- The data version read caches key their entries by (see Caching/DataVersion.cs): every committed change
-- to organizations, actors, sources and events moves it, whichever instance or client made it, and a
-- read that starts after the commit sees the new value. One counter row would make every writer wait for
-- the one before it to commit (the row stays locked until then), so the counter is spread over 64 rows:
-- a write bumps the row of its own connection (backend pid), writers on different rows never wait on each
-- other, and the version is the sum. Events carry their parts (participants, citations, ...) and every
-- change to those bumps the event's row, so the four record tables are enough.
CREATE TABLE data_version (
    slot   integer PRIMARY KEY,
    value  bigint  NOT NULL
);
INSERT INTO data_version (slot, value) SELECT slot, 0 FROM generate_series(0, 63) AS slot;

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET value = value + 1 WHERE slot = pg_backend_pid() % 64;
    RETURN NULL;
END;
$$;

CREATE TRIGGER organizations_changed AFTER INSERT OR UPDATE OR DELETE ON organizations
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER actors_changed AFTER INSERT OR UPDATE OR DELETE ON actors
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER sources_changed AFTER INSERT OR UPDATE OR DELETE ON sources
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER events_changed AFTER INSERT OR UPDATE OR DELETE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
