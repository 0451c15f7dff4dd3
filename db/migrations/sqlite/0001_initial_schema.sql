-- EventTracker v1 schema (design.md section 1).
-- Dates are ISO-8601 TEXT, timestamps are UTC 'YYYY-MM-DDTHH:MM:SS.fffZ' so they sort as text.
-- Partial dates keep the text the client sent plus the first and last day of the span they denote.
-- Every resource has a version (optimistic concurrency) and a deleted_at (soft delete).

CREATE TABLE organizations (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    country_code  TEXT    NULL,
    parent_id     INTEGER NULL REFERENCES organizations (id),
    aliases       TEXT    NOT NULL DEFAULT '[]',   -- JSON array of strings
    wikidata_id   TEXT    NULL,
    cameo_code    TEXT    NULL,
    external_id   TEXT    NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    deleted_at    TEXT    NULL
);
CREATE INDEX ix_organizations_parent ON organizations (parent_id);
CREATE INDEX ix_organizations_country ON organizations (country_code);
CREATE UNIQUE INDEX ux_organizations_external_id ON organizations (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE actors (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    aliases       TEXT    NOT NULL DEFAULT '[]',   -- JSON array of strings
    wikidata_id   TEXT    NULL,
    external_id   TEXT    NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    deleted_at    TEXT    NULL
);
CREATE UNIQUE INDEX ux_actors_external_id ON actors (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE affiliations (
    id               INTEGER PRIMARY KEY,
    actor_id         INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id),
    title            TEXT    NULL,
    from_date        TEXT    NULL,
    to_date          TEXT    NULL
);
CREATE INDEX ix_affiliations_actor ON affiliations (actor_id, position);
CREATE INDEX ix_affiliations_organization ON affiliations (organization_id);

CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    url             TEXT    NULL,
    normalized_url  TEXT    NULL,
    title           TEXT    NOT NULL,
    publisher       TEXT    NULL,
    published_at    TEXT    NULL,
    language        TEXT    NULL,
    excerpt         TEXT    NULL,
    external_id     TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    deleted_at      TEXT    NULL
);
CREATE UNIQUE INDEX ux_sources_normalized_url ON sources (normalized_url)
    WHERE normalized_url IS NOT NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX ux_sources_external_id ON sources (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE event_types (
    code          TEXT    PRIMARY KEY,
    label         TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    cameo_code    TEXT    NOT NULL,
    cameo_note    TEXT    NULL,
    plover_type   TEXT    NULL,
    plover_mode   TEXT    NULL,
    sort_order    INTEGER NOT NULL
);

CREATE TABLE events (
    id                     INTEGER PRIMARY KEY,
    type                   TEXT    NOT NULL REFERENCES event_types (code),
    title                  TEXT    NOT NULL,
    summary                TEXT    NULL,
    date                   TEXT    NOT NULL,   -- as given: YYYY, YYYY-MM or YYYY-MM-DD
    date_precision         TEXT    NOT NULL,   -- year | month | day
    span_start             TEXT    NOT NULL,   -- first day the date can denote
    span_end               TEXT    NOT NULL,   -- last day the date can denote
    end_date               TEXT    NULL,
    end_date_precision     TEXT    NULL,
    status                 TEXT    NOT NULL,
    location_name          TEXT    NULL,
    location_country_code  TEXT    NULL,
    location_latitude      REAL    NULL,
    location_longitude     REAL    NULL,
    external_id            TEXT    NULL,
    version                INTEGER NOT NULL DEFAULT 1,
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    deleted_at             TEXT    NULL
);
-- Timeline shapes: by date alone, by type and date, by location country and date.
CREATE INDEX ix_events_live_by_date ON events (span_start, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_events_live_by_type_date ON events (type, span_start, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_events_live_by_country_date ON events (location_country_code, span_start, id)
    WHERE deleted_at IS NULL AND location_country_code IS NOT NULL;
CREATE UNIQUE INDEX ux_events_external_id ON events (external_id) WHERE external_id IS NOT NULL;

-- Participants carry a copy of the event's span_start so that "events of organization X in date
-- order" is one index range scan without a sort.
CREATE TABLE event_participants (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    organization_id  INTEGER NULL REFERENCES organizations (id),
    actor_id         INTEGER NULL REFERENCES actors (id),
    role             TEXT    NOT NULL,
    event_span_start TEXT    NOT NULL,
    CHECK ((organization_id IS NULL) <> (actor_id IS NULL))
);
CREATE INDEX ix_participants_event ON event_participants (event_id, position);
CREATE INDEX ix_participants_organization_date ON event_participants (organization_id, event_span_start, event_id)
    WHERE organization_id IS NOT NULL;
CREATE INDEX ix_participants_actor_date ON event_participants (actor_id, event_span_start, event_id)
    WHERE actor_id IS NOT NULL;

CREATE TABLE event_quantities (
    id        INTEGER PRIMARY KEY,
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    value     INTEGER NOT NULL CHECK (value >= 0),
    unit      TEXT    NULL,
    note      TEXT    NULL
);
CREATE INDEX ix_quantities_event ON event_quantities (event_id, position);

CREATE TABLE event_citations (
    id                INTEGER PRIMARY KEY,
    event_id          INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    source_id         INTEGER NOT NULL REFERENCES sources (id),
    quote             TEXT    NULL,
    speaker_actor_id  INTEGER NULL REFERENCES actors (id),
    claim             TEXT    NOT NULL
);
CREATE INDEX ix_citations_event ON event_citations (event_id, position);
CREATE INDEX ix_citations_source ON event_citations (source_id, event_id);
CREATE INDEX ix_citations_speaker ON event_citations (speaker_actor_id) WHERE speaker_actor_id IS NOT NULL;

CREATE TABLE event_relations (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    type             TEXT    NOT NULL,
    target_event_id  INTEGER NOT NULL REFERENCES events (id),
    CHECK (event_id <> target_event_id)
);
CREATE INDEX ix_relations_event ON event_relations (event_id, position);
CREATE INDEX ix_relations_target ON event_relations (target_event_id, event_id);

CREATE TABLE event_tags (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    tag       TEXT    NOT NULL,
    PRIMARY KEY (event_id, tag)
);
CREATE INDEX ix_tags_tag ON event_tags (tag, event_id);

CREATE TABLE event_external_ids (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    system    TEXT    NOT NULL,
    value     TEXT    NOT NULL,
    PRIMARY KEY (event_id, system, value)
);
CREATE INDEX ix_external_ids_value ON event_external_ids (system, value);

-- History: one row per create, update and delete, holding the full snapshot as JSON.
CREATE TABLE revisions (
    id           INTEGER PRIMARY KEY,
    entity_type  TEXT    NOT NULL,   -- organization | actor | source | event
    entity_id    INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    action       TEXT    NOT NULL,   -- created | updated | deleted
    snapshot     TEXT    NOT NULL,
    changed_by   TEXT    NULL,       -- the API key's name, never its value
    changed_at   TEXT    NOT NULL
);
CREATE INDEX ix_revisions_entity ON revisions (entity_type, entity_id, id);

-- Full-text indexes, kept in step by the application inside each write transaction;
-- rowid is the id of the indexed record.
CREATE VIRTUAL TABLE events_fts USING fts5 (title, summary, quotes, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE organizations_fts USING fts5 (names, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE actors_fts USING fts5 (names, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE sources_fts USING fts5 (title, publisher, tokenize = 'unicode61 remove_diacritics 2');
