-- An event's status becomes optional: null means the sources do not say (statements, accusations and
-- records imported from other data sets often have none).
--
-- SQLite cannot drop a NOT NULL constraint with ALTER TABLE, and rebuilding the events table would
-- cascade-delete every event's parts when the old table is dropped (foreign keys cannot be switched
-- off inside the migration's transaction). Removing a NOT NULL constraint changes nothing on disk, so
-- it is done as SQLite's documentation describes for exactly this case ("Making Other Kinds Of Table
-- Schema Changes"): the stored CREATE TABLE text is edited, and a schema change after it moves the
-- schema version on, so that every open connection reloads the schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'status                 TEXT    NOT NULL,', 'status                 TEXT    NULL,')
WHERE type = 'table' AND name = 'events';
PRAGMA writable_schema = OFF;

CREATE TABLE schema_version_bump (id INTEGER);
DROP TABLE schema_version_bump;
