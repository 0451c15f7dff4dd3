-- The secret that keys cursor checksums (Common/CursorCodec.cs): a cursor a client edits or recomputes is
-- refused, and every instance accepts the cursors any of them issued, with nothing to configure. Made once,
-- here (under the migration's advisory lock), from two version-4 UUIDs: gen_random_uuid draws on the
-- operating system's strong random source and needs no extension (pgcrypto's gen_random_bytes would).
CREATE TABLE cursor_key (
    id   integer PRIMARY KEY CHECK (id = 1),
    key  bytea   NOT NULL CHECK (length(key) = 32)
);
INSERT INTO cursor_key (id, key)
VALUES (1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
