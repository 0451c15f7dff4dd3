-- The change feed (design.md section 7): one row per change to a record, in commit order. Writers take
-- turns on SQLite, so the row id, taken as a write commits, is that order. Rows are never deleted.
-- Records written before the feed existed enter it from their history, oldest first, so that replaying
-- the feed from the start rebuilds the data.
CREATE TABLE changes (
    position    INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,   -- organization | actor | source | event
    record_id   INTEGER NOT NULL,
    action      TEXT    NOT NULL,   -- created | updated | deleted
    version     INTEGER NOT NULL,
    at          TEXT    NOT NULL
);
CREATE INDEX ix_changes_kind ON changes (kind, position);

INSERT INTO changes (kind, record_id, action, version, at)
SELECT entity_type, entity_id, action, version, changed_at FROM revisions ORDER BY id;
