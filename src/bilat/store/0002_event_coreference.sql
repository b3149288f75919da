-- bilat store, migration 0002_event_coreference: cross-document event coreference.
-- The events table keeps one row per happening as one document reports it; these
-- tables say which of those rows are the same happening (event_links), why
-- (event_pairs), and where to look for candidates when new documents arrive (event_blocks).

CREATE TABLE IF NOT EXISTS event_blocks (
    event_id VARCHAR NOT NULL,
    key      VARCHAR NOT NULL,             -- e.g. 'visit|AZE+PAK|2021', 'visit|AZE+PAK|*', 'arms_transfer|AZE+PAK|item:jf-17 thunder'
    precise  BOOLEAN NOT NULL,             -- a year or item key; a loose key ('*') pairs only where one side is not anchored
    anchored BOOLEAN NOT NULL,             -- the event has at least one precise key
    PRIMARY KEY (event_id, key)
);
CREATE INDEX IF NOT EXISTS event_blocks_key ON event_blocks (key);

CREATE TABLE IF NOT EXISTS event_pairs (
    event_a  VARCHAR NOT NULL,             -- event_a < event_b
    event_b  VARCHAR NOT NULL,
    relation VARCHAR NOT NULL,             -- 'same' (coreference candidate above threshold) | 'transfer' (stages of one arms transfer)
    score    DOUBLE NOT NULL,
    PRIMARY KEY (event_a, event_b)
);

CREATE TABLE IF NOT EXISTS event_links (
    event_id     VARCHAR PRIMARY KEY,      -- a document-level event
    canonical_id VARCHAR NOT NULL          -- the cross-document event it belongs to (the smallest member id)
);
