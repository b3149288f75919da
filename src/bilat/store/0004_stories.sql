-- bilat store, migration 0004_stories: what story linking keeps per document.
-- Signatures, band keys, blocking keys and sentence vectors are derived from
-- the documents (left out of Store.checksum()); links and origins are content.

CREATE TABLE IF NOT EXISTS document_signatures (
    doc_id     VARCHAR PRIMARY KEY,
    minhash    BLOB NOT NULL,               -- NUM_PERM little-endian uint64 values
    n_shingles INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS document_bands (
    band   INTEGER NOT NULL,
    bucket BIGINT NOT NULL,                 -- hash of the band's MinHash rows
    doc_id VARCHAR NOT NULL,
    PRIMARY KEY (band, bucket, doc_id)
);

CREATE TABLE IF NOT EXISTS document_blocks (
    block  VARCHAR NOT NULL,                -- e.g. a pair of states the document's events involve
    doc_id VARCHAR NOT NULL,
    PRIMARY KEY (block, doc_id)
);

CREATE TABLE IF NOT EXISTS document_vectors (
    doc_id      VARCHAR PRIMARY KEY,
    n_sentences INTEGER NOT NULL,
    vectors     BLOB NOT NULL               -- n_sentences x 384 float16, row-major
);

CREATE TABLE IF NOT EXISTS story_links (
    doc_a    VARCHAR NOT NULL,              -- doc_a < doc_b
    doc_b    VARCHAR NOT NULL,
    relation VARCHAR NOT NULL,              -- duplicate | story
    score    DOUBLE NOT NULL,
    PRIMARY KEY (doc_a, doc_b)
);

CREATE TABLE IF NOT EXISTS document_origins (
    doc_id   VARCHAR NOT NULL,
    origin   VARCHAR NOT NULL,              -- key from origins.yaml, maybe qualified: defence_ministry:PAK
    name     VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, origin)
);
