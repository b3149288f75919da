"""Story-linking tables of the store: signatures, LSH bands, blocking keys, sentence
vectors, story links and origins (migration 0004_stories). Mixed into ``Store``;
like the rest of the store, the only place these tables are spoken to in SQL.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Mapping, Sequence

import duckdb

from ..errors import StoreError


@dataclass(frozen=True)
class LinkingDocument:
    """What story linking needs of a stored document."""

    doc_id: str
    text: str
    published_start: date | None
    published_end: date | None
    url: str | None = None


@dataclass(frozen=True)
class StoryLink:
    """Two documents that tell one story (``relation`` story) or are near copies (duplicate)."""

    doc_a: str
    doc_b: str
    relation: str
    score: float


@dataclass(frozen=True)
class OriginRow:
    doc_id: str
    origin: str
    name: str
    evidence: str


class StoryTables:
    """Methods ``Store`` gets for story linking; they use its connection and batch writer."""

    _con: duckdb.DuckDBPyConnection
    path: str
    _write: Callable[[Sequence[tuple[str, Sequence[tuple[str, str]], list[tuple]]]], None]   # Store's batch writer

    def _ids_param(self, doc_ids: Iterable[str]) -> list[list[str]]:
        return [sorted(set(doc_ids))]

    def unlinked_documents(self, limit: int | None = None) -> list[LinkingDocument]:
        """Documents that have no signature yet (new since the last linking), by doc_id; at most ``limit``."""
        rows = self._con.execute("""
            SELECT d.doc_id, d.text, d.published_start, d.published_end, d.url FROM documents d
            WHERE d.doc_id NOT IN (SELECT doc_id FROM document_signatures) ORDER BY d.doc_id
            LIMIT ?""", [limit]).fetchall()
        return [LinkingDocument(*row) for row in rows]

    def linking_documents(self, doc_ids: Iterable[str]) -> list[LinkingDocument]:
        rows = self._con.execute("""
            SELECT doc_id, text, published_start, published_end, url FROM documents
            WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_id""", self._ids_param(doc_ids)).fetchall()
        return [LinkingDocument(*row) for row in rows]

    def document_countries(self, doc_ids: Iterable[str]) -> dict[str, frozenset[str]]:
        """doc_id -> the states its events involve (documents without events are left out)."""
        out: dict[str, set[str]] = {}
        for doc_id, iso3 in self._con.execute("""
                SELECT DISTINCT m.doc_id, c.iso3 FROM mentions m JOIN event_countries c ON c.event_id = m.event_id
                WHERE m.doc_id IN (SELECT unnest(?::VARCHAR[]))""", self._ids_param(doc_ids)).fetchall():
            out.setdefault(doc_id, set()).add(iso3)
        return {d: frozenset(c) for d, c in out.items()}

    def add_signatures(self, rows: Sequence[tuple[str, bytes, int, Sequence[int]]],
                       blocks: Sequence[tuple[str, str]]) -> None:
        """Store (doc_id, minhash bytes, n_shingles, band keys) and (block, doc_id) rows."""
        bands = [(band, key, doc_id) for doc_id, _, _, keys in rows for band, key in enumerate(keys)]
        self._write((
            ("document_signatures", (("doc_id", "VARCHAR"), ("minhash", "BLOB"), ("n_shingles", "INTEGER")),
             [(d, blob, n) for d, blob, n, _ in rows]),
            ("document_bands", (("band", "INTEGER"), ("bucket", "BIGINT"), ("doc_id", "VARCHAR")), bands),
            ("document_blocks", (("block", "VARCHAR"), ("doc_id", "VARCHAR")), list(blocks)),
        ))

    def signatures(self, doc_ids: Iterable[str]) -> dict[str, tuple[bytes, int]]:
        """doc_id -> (minhash bytes, n_shingles) for the given documents that have one."""
        rows = self._con.execute("""
            SELECT doc_id, minhash, n_shingles FROM document_signatures
            WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))""", self._ids_param(doc_ids)).fetchall()
        return {d: (bytes(blob), int(n)) for d, blob, n in rows}

    def band_partners(self, doc_ids: Iterable[str]) -> set[tuple[str, str]]:
        """(doc, other) pairs that share at least one LSH band key, for each of ``doc_ids``."""
        rows = self._con.execute("""
            SELECT DISTINCT a.doc_id, b.doc_id FROM document_bands a
            JOIN document_bands b ON a.band = b.band AND a.bucket = b.bucket AND a.doc_id <> b.doc_id
            WHERE a.doc_id IN (SELECT unnest(?::VARCHAR[]))""", self._ids_param(doc_ids)).fetchall()
        return {(a, b) for a, b in rows}

    def block_partners(self, doc_ids: Iterable[str], window_days: int, limit: int) -> set[tuple[str, str]]:
        """(doc, other) pairs that share a blocking key and were published within ``window_days``
        of each other (an open end of a publication interval reaches any date, so an undated
        document is within any window); at most ``limit`` others per
        document, the closest in date first, then by doc_id."""
        rows = self._con.execute("""
            WITH pairs AS (
                SELECT DISTINCT a.doc_id AS doc, b.doc_id AS other FROM document_blocks a
                JOIN document_blocks b ON a.block = b.block AND a.doc_id <> b.doc_id
                WHERE a.doc_id IN (SELECT unnest(?::VARCHAR[]))),
            dated AS (
                SELECT p.doc, p.other,
                       greatest(coalesce(date_diff('day', da.published_end, db.published_start), 0),
                                coalesce(date_diff('day', db.published_end, da.published_start), 0),
                                0) AS gap
                FROM pairs p JOIN documents da ON da.doc_id = p.doc JOIN documents db ON db.doc_id = p.other),
            ranked AS (
                SELECT doc, other, row_number() OVER (PARTITION BY doc ORDER BY gap, other) AS rank
                FROM dated WHERE gap <= ?)
            SELECT doc, other FROM ranked WHERE rank <= ?""",
            [*self._ids_param(doc_ids), window_days, limit]).fetchall()
        return {(a, b) for a, b in rows}

    def sentence_vectors(self, doc_ids: Iterable[str]) -> dict[str, tuple[int, bytes]]:
        """doc_id -> (number of sentences, float16 matrix bytes) for documents embedded before."""
        rows = self._con.execute("""
            SELECT doc_id, n_sentences, vectors FROM document_vectors
            WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))""", self._ids_param(doc_ids)).fetchall()
        return {d: (int(n), bytes(blob)) for d, n, blob in rows}

    def add_sentence_vectors(self, rows: Sequence[tuple[str, int, bytes]]) -> None:
        self._write((("document_vectors", (("doc_id", "VARCHAR"), ("n_sentences", "INTEGER"), ("vectors", "BLOB")),
                      list(rows)),))

    def add_story_links(self, links: Sequence[StoryLink]) -> None:
        self._write((("story_links", (("doc_a", "VARCHAR"), ("doc_b", "VARCHAR"), ("relation", "VARCHAR"),
                                      ("score", "DOUBLE")),
                      [(l.doc_a, l.doc_b, l.relation, float(l.score)) for l in links]),))

    def story_links_among(self, doc_ids: Iterable[str]) -> list[StoryLink]:
        """Links whose both ends are among ``doc_ids``."""
        rows = self._con.execute("""
            SELECT doc_a, doc_b, relation, score FROM story_links
            WHERE doc_a IN (SELECT unnest(?::VARCHAR[])) AND doc_b IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY doc_a, doc_b""", self._ids_param(doc_ids) * 2).fetchall()
        return [StoryLink(*row) for row in rows]

    def story_links(self) -> list[StoryLink]:
        rows = self._con.execute("SELECT doc_a, doc_b, relation, score FROM story_links ORDER BY doc_a, doc_b").fetchall()
        return [StoryLink(*row) for row in rows]

    def cluster_members(self, doc_ids: Iterable[str]) -> dict[str, tuple[date | None, str]]:
        """Every document in the clusters of ``doc_ids`` -> (published_start, current cluster)."""
        rows = self._con.execute("""
            SELECT doc_id, published_start, cluster FROM documents
            WHERE cluster IN (SELECT cluster FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[])))""",
            self._ids_param(doc_ids)).fetchall()
        return {d: (start, cluster) for d, start, cluster in rows}

    def set_clusters(self, assignments: Mapping[str, tuple[str, str | None]]) -> None:
        """doc_id -> (cluster, duplicate_of); rows that already say so are not touched."""
        rows = [(d, c, dup) for d, (c, dup) in sorted(assignments.items())]
        if not rows:
            return
        doc_ids, clusters, duplicates = (list(col) for col in zip(*rows))
        self._con.execute("BEGIN TRANSACTION")
        try:
            self._con.execute("""
                UPDATE documents SET cluster = u.cluster, duplicate_of = u.duplicate_of
                FROM (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS cluster,
                             unnest(?::VARCHAR[]) AS duplicate_of) u
                WHERE documents.doc_id = u.doc_id
                  AND (documents.cluster <> u.cluster OR documents.duplicate_of IS DISTINCT FROM u.duplicate_of)""",
                [doc_ids, clusters, duplicates])
            self._con.execute("COMMIT")
        except duckdb.Error as exc:
            self._con.execute("ROLLBACK")
            raise StoreError(f"cannot update story clusters in {self.path}: {exc}; "
                             "run `bilat ingest` again to retry the linking") from exc

    def document_clusters(self) -> dict[str, str]:
        """doc_id -> story cluster id, for every document."""
        return dict(self._con.execute("SELECT doc_id, cluster FROM documents").fetchall())

    def document_duplicates(self) -> dict[str, str]:
        """doc_id -> doc_id of the earlier near-identical document, for documents that have one."""
        return dict(self._con.execute(
            "SELECT doc_id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL").fetchall())

    def add_document_origins(self, rows: Sequence[OriginRow]) -> None:
        self._write((("document_origins", (("doc_id", "VARCHAR"), ("origin", "VARCHAR"), ("name", "VARCHAR"),
                                           ("evidence", "VARCHAR")),
                      [(r.doc_id, r.origin, r.name, r.evidence) for r in rows]),))

    def document_origins(self) -> dict[str, frozenset[str]]:
        """doc_id -> the origin keys it names, for documents that name any."""
        out: dict[str, set[str]] = {}
        for doc_id, origin in self._con.execute("SELECT doc_id, origin FROM document_origins").fetchall():
            out.setdefault(doc_id, set()).add(origin)
        return {d: frozenset(o) for d, o in out.items()}

    def origin_rows(self) -> list[OriginRow]:
        rows = self._con.execute(
            "SELECT doc_id, origin, name, evidence FROM document_origins ORDER BY doc_id, origin").fetchall()
        return [OriginRow(*row) for row in rows]

