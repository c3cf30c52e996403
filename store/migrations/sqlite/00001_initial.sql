-- +goose Up
CREATE TABLE incidents (
    id         TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    title      TEXT NOT NULL,
    status     TEXT NOT NULL,
    severity   TEXT NOT NULL DEFAULT '',
    doc        TEXT NOT NULL,             -- the incident as JSON, without timeline and files
    created_at INTEGER NOT NULL,          -- unix nanoseconds, UTC
    updated_at INTEGER NOT NULL
);

CREATE TABLE events (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    at          INTEGER NOT NULL,         -- unix nanoseconds, UTC
    doc         TEXT NOT NULL,            -- the event as JSON
    PRIMARY KEY (incident_id, id)
);
CREATE INDEX events_by_time ON events (incident_id, at);

CREATE TABLE appendices (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    doc         TEXT NOT NULL,            -- the appendix metadata as JSON
    content     BLOB NOT NULL,
    PRIMARY KEY (incident_id, name)
);

-- +goose Down
DROP TABLE appendices;
DROP TABLE events;
DROP TABLE incidents;
