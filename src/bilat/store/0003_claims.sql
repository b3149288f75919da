-- bilat store, claims (migration 0003_claims).
-- One row per claim, keyed by a content-derived id (document + offsets + kind + attribute);
-- the states a claim's subject concerns live in claim_countries. Contradictions are not
-- stored: they are computed from these rows when asked for, so new documents update them.

CREATE TABLE IF NOT EXISTS claims (
    id               VARCHAR PRIMARY KEY,
    doc_id           VARCHAR NOT NULL,
    doc_path         VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,     -- quantity | money | date | rank | description
    subject_kind     VARCHAR NOT NULL,     -- weapon_system | item | agreement | relation | actor
    subject_name     VARCHAR NOT NULL,
    subject_key      VARCHAR NOT NULL,     -- subject kind, name and states in one string (blocking key)
    attribute        VARCHAR NOT NULL,
    text             VARCHAR NOT NULL,     -- the claim's words; start/end point into documents.text
    start            INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    sentence         VARCHAR NOT NULL,
    sentence_start   INTEGER NOT NULL,
    sentence_end     INTEGER NOT NULL,
    value            DOUBLE,
    value_max        DOUBLE,
    previous         DOUBLE,
    unit             VARCHAR,
    date_start       DATE,
    date_end         DATE,
    date_granularity VARCHAR,
    date_basis       VARCHAR,
    date_text        VARCHAR,
    context_year     INTEGER,
    qualifier        VARCHAR NOT NULL,
    description      VARCHAR,
    attribution      VARCHAR,
    outlet           VARCHAR
);

CREATE INDEX IF NOT EXISTS claims_subject ON claims (subject_key, attribute);

CREATE TABLE IF NOT EXISTS claim_countries (
    claim_id VARCHAR NOT NULL,
    iso3     VARCHAR NOT NULL,
    PRIMARY KEY (claim_id, iso3)
);
