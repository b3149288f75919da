-- bilat store, initial schema (migration 0001_initial).
-- Every table is keyed by content-derived ids so that writes are idempotent upserts.
-- Dates are DATE; nested parts of an event live in child tables keyed by the event id.

CREATE TABLE IF NOT EXISTS documents (
    doc_id          VARCHAR PRIMARY KEY,   -- hash of the normalised text
    path            VARCHAR NOT NULL,      -- path or URL as given at ingest
    text            VARCHAR NOT NULL,      -- cleaned text; mention offsets point into it
    title           VARCHAR,
    url             VARCHAR,
    outlet          VARCHAR,
    author          VARCHAR,
    published_start DATE,
    published_end   DATE,
    published_basis VARCHAR NOT NULL,
    published_evidence VARCHAR,
    genre           VARCHAR NOT NULL,
    source_format   VARCHAR NOT NULL,
    n_sentences     INTEGER NOT NULL,
    cluster         VARCHAR NOT NULL,      -- story cluster id (= doc_id until stories are linked)
    duplicate_of    VARCHAR                -- doc_id of an (almost) identical document
);

CREATE TABLE IF NOT EXISTS events (
    id               VARCHAR PRIMARY KEY,
    category         VARCHAR NOT NULL,
    factuality       VARCHAR NOT NULL,
    date_start       DATE,
    date_end         DATE,
    date_granularity VARCHAR NOT NULL,
    date_basis       VARCHAR NOT NULL,
    date_text        VARCHAR,
    location_name    VARCHAR,
    location_country VARCHAR,
    stage            VARCHAR,
    summary          VARCHAR NOT NULL,
    attribution      VARCHAR,
    confidence       DOUBLE NOT NULL
);

CREATE TABLE IF NOT EXISTS event_countries (
    event_id VARCHAR NOT NULL,
    iso3     VARCHAR NOT NULL,
    PRIMARY KEY (event_id, iso3)
);

CREATE TABLE IF NOT EXISTS event_actors (
    event_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,             -- order within the event as extracted
    role     VARCHAR NOT NULL,
    name     VARCHAR NOT NULL,
    kind     VARCHAR NOT NULL,
    country  VARCHAR,
    sector   VARCHAR,
    title    VARCHAR,
    PRIMARY KEY (event_id, role, name, kind)
);

CREATE TABLE IF NOT EXISTS event_items (
    event_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    kind     VARCHAR NOT NULL,
    name     VARCHAR NOT NULL,
    quantity DOUBLE,
    value    VARCHAR,
    PRIMARY KEY (event_id, kind, name)
);

CREATE TABLE IF NOT EXISTS mentions (
    event_id    VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL,
    start       INTEGER NOT NULL,          -- character offset of the sentence in the cleaned text
    "end"       INTEGER NOT NULL,
    doc_path    VARCHAR NOT NULL,
    sentence    VARCHAR NOT NULL,
    attribution VARCHAR,
    factuality  VARCHAR NOT NULL,
    PRIMARY KEY (event_id, doc_id, start)
);

-- One row per ingest run; bookkeeping only, left out of Store.checksum().
CREATE TABLE IF NOT EXISTS runs (
    run_id          INTEGER PRIMARY KEY,
    finished_at     TIMESTAMP NOT NULL,
    files_seen      INTEGER NOT NULL,
    documents_new   INTEGER NOT NULL,
    documents_known INTEGER NOT NULL,
    events_new      INTEGER NOT NULL,
    rejected        INTEGER NOT NULL
);
