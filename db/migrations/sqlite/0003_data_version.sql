-- One counter that every committed change to the data moves forward, whichever process made it
-- (the service, the import command, a maintenance script). Read caches key their entries by it, so a
-- change is visible to the very next request. Events carry their parts (participants, citations, ...)
-- and every change to those bumps the event's version, so the four record tables are enough.
CREATE TABLE data_version (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    value  INTEGER NOT NULL
);
INSERT INTO data_version (id, value) VALUES (1, 0);

CREATE TRIGGER organizations_changed_insert AFTER INSERT ON organizations BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER organizations_changed_update AFTER UPDATE ON organizations BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER organizations_changed_delete AFTER DELETE ON organizations BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER actors_changed_insert AFTER INSERT ON actors BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER actors_changed_update AFTER UPDATE ON actors BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER actors_changed_delete AFTER DELETE ON actors BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER sources_changed_insert AFTER INSERT ON sources BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER sources_changed_update AFTER UPDATE ON sources BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER sources_changed_delete AFTER DELETE ON sources BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER events_changed_insert AFTER INSERT ON events BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER events_changed_update AFTER UPDATE ON events BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER events_changed_delete AFTER DELETE ON events BEGIN UPDATE data_version SET value = value + 1 WHERE id = 1; END;
