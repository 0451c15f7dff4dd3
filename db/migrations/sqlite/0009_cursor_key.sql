-- The secret that keys cursor checksums (Common/CursorCodec.cs): a cursor a client edits or recomputes is
-- refused, and every process on this database accepts the cursors any of them issued, with nothing to
-- configure. Made once, here, from SQLite's randomness source (seeded by the operating system).
CREATE TABLE cursor_key (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    key  BLOB    NOT NULL CHECK (length(key) = 32)
);
INSERT INTO cursor_key (id, key) VALUES (1, randomblob(32));
