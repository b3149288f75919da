"""The DuckDB store: the only module that speaks SQL.

Writes are idempotent upserts keyed by content (documents by ``doc_id``, events
by event id, mentions by event id + document + offset), so ingesting the same
input twice leaves every table unchanged. DuckDB allows one writing process:
workers return records, the driver writes them here.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import duckdb

from ..errors import StoreError
from ..records import (
    Actor, Document, DocumentResult, Event, Item, Location, Mention, PubDate, TimeSpan,
)
from .migrations import migrate, pending

MEMORY = ":memory:"
BATCH_RESULTS = 256
CONTENT_TABLES = ("documents", "events", "event_countries", "event_actors", "event_items", "mentions",
                  "story_links", "document_origins")
BOOKKEEPING_TABLES = ("runs",)
# derived from the documents' text and events; rebuilt by linking, left out of checksum()
DERIVED_TABLES = ("document_signatures", "document_bands", "document_blocks", "document_vectors")
_SQL_TYPES = frozenset({"VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "DATE", "BOOLEAN", "BLOB"})

Columns = Sequence[tuple[str, str]]

_DOCUMENT_COLUMNS: Columns = (
    ("doc_id", "VARCHAR"), ("path", "VARCHAR"), ("text", "VARCHAR"), ("title", "VARCHAR"),
    ("url", "VARCHAR"), ("outlet", "VARCHAR"), ("author", "VARCHAR"),
    ("published_start", "DATE"), ("published_end", "DATE"), ("published_basis", "VARCHAR"),
    ("published_evidence", "VARCHAR"), ("genre", "VARCHAR"), ("source_format", "VARCHAR"),
    ("n_sentences", "INTEGER"), ("cluster", "VARCHAR"), ("duplicate_of", "VARCHAR"),
)
_EVENT_COLUMNS: Columns = (
    ("id", "VARCHAR"), ("category", "VARCHAR"), ("factuality", "VARCHAR"),
    ("date_start", "DATE"), ("date_end", "DATE"), ("date_granularity", "VARCHAR"),
    ("date_basis", "VARCHAR"), ("date_text", "VARCHAR"), ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"), ("stage", "VARCHAR"), ("summary", "VARCHAR"),
    ("attribution", "VARCHAR"), ("confidence", "DOUBLE"),
)
_COUNTRY_COLUMNS: Columns = (("event_id", "VARCHAR"), ("iso3", "VARCHAR"))
_ACTOR_COLUMNS: Columns = (
    ("event_id", "VARCHAR"), ("position", "INTEGER"), ("role", "VARCHAR"), ("name", "VARCHAR"),
    ("kind", "VARCHAR"), ("country", "VARCHAR"), ("sector", "VARCHAR"), ("title", "VARCHAR"),
)
_ITEM_COLUMNS: Columns = (
    ("event_id", "VARCHAR"), ("position", "INTEGER"), ("kind", "VARCHAR"), ("name", "VARCHAR"),
    ("quantity", "DOUBLE"), ("value", "VARCHAR"),
)
_MENTION_COLUMNS: Columns = (
    ("event_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
    ("doc_path", "VARCHAR"), ("sentence", "VARCHAR"), ("attribution", "VARCHAR"),
    ("factuality", "VARCHAR"),
)


@dataclass(frozen=True)
class LinkingDocument:
    """What story linking needs of a stored document."""

    doc_id: str
    text: str
    published_start: date | None
    published_end: date | None


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


@dataclass(frozen=True)
class StoredDocument:
    """A document as the store knows it: the ``Document`` fields plus what linking adds."""

    doc_id: str
    path: str
    text: str
    title: str | None
    url: str | None
    outlet: str | None
    author: str | None
    published: PubDate
    genre: str
    source_format: str
    n_sentences: int
    n_events: int
    cluster: str
    duplicate_of: str | None = None

    @property
    def document(self) -> Document:
        return Document(
            doc_id=self.doc_id, path=self.path, text=self.text, title=self.title, url=self.url,
            outlet=self.outlet, author=self.author, published=self.published,
            genre=self.genre,  # type: ignore[arg-type]
            source_format=self.source_format,
        )


# ---------------------------------------------------------------- opening

def _open_advice(path: str, exc: duckdb.Error) -> str:
    message = str(exc)
    if "lock" in message.lower():
        return (f"cannot open store {path}: another process is using it ({message}); "
                "wait for that process to finish, or pass --db with another file")
    if "not a valid DuckDB database" in message:
        return (f"{path} is not a DuckDB database; pass --db with a new file name "
                "or move that file out of the way")
    return (f"cannot open store {path}: {message}; if the file is damaged, move it aside "
            "and run `bilat ingest PATH` again to rebuild it")


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    if path == MEMORY:
        return duckdb.connect(MEMORY)
    file = Path(path).expanduser()
    if read_only and not file.exists():
        raise StoreError(f"no store at {path}; run `bilat ingest PATH` first")
    if file.is_dir():
        raise StoreError(f"{path} is a folder, not a store file; pass --db with a file name such as bilat.duckdb")
    if not read_only:
        file.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(file), read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(_open_advice(path, exc)) from exc


# ---------------------------------------------------------------- record -> rows

def _document_row(result: DocumentResult) -> tuple:
    d = result.document
    return (d.doc_id, d.path, d.text, d.title, d.url, d.outlet, d.author,
            d.published.start, d.published.end, d.published.basis, d.published.evidence,
            d.genre, d.source_format, result.n_sentences, d.doc_id, None)


def _event_row(e: Event) -> tuple:
    loc = e.location
    return (e.id, e.category, e.factuality, e.date.start, e.date.end, e.date.granularity,
            e.date.basis, e.date.text, loc.name if loc else None, loc.country if loc else None,
            e.stage, e.summary, e.attribution, float(e.confidence))


def _actor_rows(e: Event) -> Iterator[tuple]:
    for i, a in enumerate(e.actors):
        yield (e.id, i, a.role, a.name, a.kind, a.country, a.sector, a.title)


def _item_rows(e: Event) -> Iterator[tuple]:
    for i, it in enumerate(e.items):
        yield (e.id, i, it.kind, it.name, it.quantity, it.value)


def _mention_rows(e: Event) -> Iterator[tuple]:
    for m in e.mentions:
        yield (e.id, m.doc_id, m.start, m.end, m.doc_path, m.sentence, m.attribution, m.factuality)


def _unique(rows: Iterable[tuple], key: Callable[[tuple], tuple] = lambda row: row[:1]) -> list[tuple]:
    """First row wins for each key (by default the first field)."""
    seen: dict[tuple, tuple] = {}
    for row in rows:
        seen.setdefault(key(row), row)
    return list(seen.values())


def _whole(row: tuple) -> tuple:
    return row


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# ---------------------------------------------------------------- rows -> records

def _event_from_row(row: tuple, children: dict[str, dict[str, list]]) -> Event:
    (eid, category, factuality, start, end, granularity, basis, text, loc_name, loc_country,
     stage, summary, attribution, confidence) = row
    return Event(
        id=eid, category=category, factuality=factuality,
        date=TimeSpan(start=start, end=end, granularity=granularity, basis=basis, text=text),
        actors=tuple(children["actors"].get(eid, ())),
        countries=tuple(children["countries"].get(eid, ())),
        mentions=tuple(children["mentions"].get(eid, ())),
        items=tuple(children["items"].get(eid, ())),
        location=Location(loc_name, loc_country) if loc_name is not None else None,
        stage=stage, summary=summary, attribution=attribution, confidence=confidence,
    )


def _document_from_row(row: tuple) -> StoredDocument:
    (doc_id, path, text, title, url, outlet, author, p_start, p_end, p_basis, p_evidence,
     genre, source_format, n_sentences, cluster, duplicate_of, n_events) = row
    return StoredDocument(
        doc_id=doc_id, path=path, text=text, title=title, url=url, outlet=outlet, author=author,
        published=PubDate(start=p_start, end=p_end, basis=p_basis, evidence=p_evidence),
        genre=genre, source_format=source_format, n_sentences=n_sentences,
        n_events=n_events, cluster=cluster, duplicate_of=duplicate_of,
    )


def _filter_sql(countries: Sequence[str], categories: Sequence[str], factualities: Sequence[str],
                since: date | None, until: date | None) -> tuple[str, list[Any]]:
    """WHERE clause over ``events e`` and its parameters."""
    conds, params = ["TRUE"], []
    if categories:
        conds.append("e.category IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(categories))
    if factualities:
        conds.append("e.factuality IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(factualities))
    if countries:
        conds.append("e.id IN (SELECT event_id FROM event_countries WHERE iso3 IN (SELECT unnest(?::VARCHAR[])))")
        params.append([c.upper() for c in countries])
    if since is not None:
        conds.append("e.date_start IS NOT NULL AND coalesce(e.date_end, e.date_start) >= ?")
        params.append(since)
    if until is not None:
        conds.append("e.date_start IS NOT NULL AND e.date_start <= ?")
        params.append(until)
    return " AND ".join(conds), params


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _insert_sql(table: str, columns: Columns, conflict: str = "ON CONFLICT DO NOTHING") -> str:
    for _, sql_type in columns:
        if sql_type not in _SQL_TYPES:
            raise StoreError(f"column type {sql_type!r} is not one the store writes; use one of {sorted(_SQL_TYPES)}")
    names = ", ".join(_quote(n) for n, _ in columns)
    values = ", ".join(f"unnest(?::{t}[])" for _, t in columns)
    return f"INSERT INTO {_quote(table)} ({names}) SELECT {values} {conflict}"


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: Columns,
                 rows: Sequence[Sequence[Any]], conflict: str = "ON CONFLICT DO NOTHING") -> None:
    """Insert rows column-wise in one statement (one round trip per table per batch)."""
    if not rows:
        return
    by_column = [list(col) for col in zip(*rows)]
    con.execute(_insert_sql(table, columns, conflict), by_column)


def write_parquet(path: str | Path, columns: Columns, rows: Sequence[Sequence[Any]]) -> int:
    """Write flat typed rows to a Parquet file through an in-memory DuckDB; return the row count."""
    con = duckdb.connect(MEMORY)
    try:
        spec = ", ".join(f"{_quote(n)} {t}" for n, t in columns)
        con.execute(f"CREATE TABLE export ({spec})")
        _insert_rows(con, "export", columns, rows, conflict="")
        target = str(Path(path)).replace("'", "''")
        con.execute(f"COPY export TO '{target}' (FORMAT parquet)")
    except duckdb.Error as exc:
        raise StoreError(f"cannot write Parquet file {path}: {exc}; check the folder exists and is writable") from exc
    finally:
        con.close()
    return len(rows)


class Store:
    """A bilat store in one DuckDB file (or ``":memory:"``)."""

    def __init__(self, path: str | Path = "bilat.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        read_only = read_only and self.path != MEMORY
        self._con = _connect(self.path, read_only)
        try:
            self._prepare(read_only)
        except BaseException:
            self._con.close()
            raise

    def _prepare(self, read_only: bool) -> None:
        try:
            if not read_only:
                migrate(self._con)
                return
            todo = pending(self._con)
        except duckdb.Error as exc:
            raise StoreError(_open_advice(self.path, exc)) from exc
        if todo:
            raise StoreError(
                f"store {self.path} needs schema upgrade(s) {', '.join(m.name for m in todo)}; "
                "run `bilat ingest PATH --db " + self.path + "` once to apply them")

    # ------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # ------------------------------------------------------------ writing
    def has_document(self, doc_id: str) -> bool:
        row = self._con.execute("SELECT 1 FROM documents WHERE doc_id = ? LIMIT 1", [doc_id]).fetchone()
        return row is not None

    def add_results(self, results: Iterable[DocumentResult]) -> int:
        """Upsert documents with their events and mentions; return how many documents were new."""
        return sum(self._add_batch(batch) for batch in _chunks(results, BATCH_RESULTS))

    def _add_batch(self, batch: list[DocumentResult]) -> int:
        documents = _unique(_document_row(r) for r in batch)
        events = [e for r in batch for e in r.events]
        ids = [row[0] for row in documents]
        known = {d for (d,) in self._con.execute(
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()}
        tables = (
            ("documents", _DOCUMENT_COLUMNS, documents),
            ("events", _EVENT_COLUMNS, _unique(_event_row(e) for e in events)),
            ("event_countries", _COUNTRY_COLUMNS, _unique(((e.id, c) for e in events for c in e.countries), _whole)),
            ("event_actors", _ACTOR_COLUMNS,
             _unique((r for e in events for r in _actor_rows(e)), lambda r: (r[0], *r[2:5]))),
            ("event_items", _ITEM_COLUMNS,
             _unique((r for e in events for r in _item_rows(e)), lambda r: (r[0], *r[2:4]))),
            ("mentions", _MENTION_COLUMNS, _unique((r for e in events for r in _mention_rows(e)), lambda r: r[:3])),
        )
        self._write(tables)
        return len([i for i in ids if i not in known])

    def _write(self, tables: Sequence[tuple[str, Columns, list[tuple]]]) -> None:
        self._con.execute("BEGIN TRANSACTION")
        try:
            for table, columns, rows in tables:
                _insert_rows(self._con, table, columns, rows)
            self._con.execute("COMMIT")
        except duckdb.Error as exc:
            self._con.execute("ROLLBACK")
            raise StoreError(f"cannot write to store {self.path}: {exc}; nothing from this batch was kept") from exc

    def record_run(self, *, files_seen: int, documents_new: int, documents_known: int,
                   events_new: int, rejected: int) -> int:
        """Record one ingest run in the bookkeeping table; return its run id."""
        row = self._con.execute(
            "INSERT INTO runs SELECT coalesce(max(run_id), 0) + 1, current_timestamp, ?, ?, ?, ?, ? "
            "FROM runs RETURNING run_id",
            [files_seen, documents_new, documents_known, events_new, rejected]).fetchone()
        return int(row[0]) if row else 0

    # ------------------------------------------------------------ reading
    def documents(self, *, with_text: bool = True) -> list[StoredDocument]:
        """Every document, by publication date (unknown last), then path."""
        text = "d.text" if with_text else "''"
        rows = self._con.execute(f"""
            SELECT d.doc_id, d.path, {text}, d.title, d.url, d.outlet, d.author,
                   d.published_start, d.published_end, d.published_basis, d.published_evidence,
                   d.genre, d.source_format, d.n_sentences, d.cluster, d.duplicate_of,
                   coalesce(n.n_events, 0)
            FROM documents d
            LEFT JOIN (SELECT doc_id, count(DISTINCT event_id) AS n_events FROM mentions GROUP BY doc_id) n
              ON n.doc_id = d.doc_id
            ORDER BY d.published_start NULLS LAST, d.path, d.doc_id""").fetchall()
        return [_document_from_row(r) for r in rows]

    def events(self, countries: Sequence[str] = (), categories: Sequence[str] = (),
               factualities: Sequence[str] = (), since: date | None = None,
               until: date | None = None) -> list[Event]:
        """Events matching every given filter.

        ``countries``: events involving ANY of the given ISO3 codes. ``since``/``until``:
        events whose date interval overlaps [since, until]; undated events are then left out.
        Ordered by start date (unknown last), then id.
        """
        where, params = _filter_sql(countries, categories, factualities, since, until)
        rows = self._con.execute(
            f"SELECT {', '.join('e.' + _quote(n) for n, _ in _EVENT_COLUMNS)} FROM events e "
            f"WHERE {where} ORDER BY e.date_start NULLS LAST, e.id", params).fetchall()
        if not rows:
            return []
        children = self._children(where, params)
        return [_event_from_row(r, children) for r in rows]

    def _children(self, where: str, params: list[Any]) -> dict[str, dict[str, list]]:
        sel = f"(SELECT e.id FROM events e WHERE {where})"

        def grouped(sql: str, build: Any) -> dict[str, list]:
            out: dict[str, list] = {}
            for row in self._con.execute(sql, params).fetchall():
                out.setdefault(row[0], []).append(build(*row[1:]))
            return out

        return {
            "countries": grouped(
                f"SELECT event_id, iso3 FROM event_countries WHERE event_id IN {sel} ORDER BY event_id, iso3",
                lambda iso3: iso3),
            "actors": grouped(
                "SELECT event_id, role, name, kind, country, sector, title FROM event_actors "
                f"WHERE event_id IN {sel} ORDER BY event_id, position, role, name",
                lambda *a: Actor(*a)),
            "items": grouped(
                "SELECT event_id, kind, name, quantity, value FROM event_items "
                f"WHERE event_id IN {sel} ORDER BY event_id, position, kind, name",
                lambda *i: Item(*i)),
            "mentions": grouped(
                'SELECT event_id, doc_id, doc_path, sentence, start, "end", attribution, factuality '
                f"FROM mentions WHERE event_id IN {sel} ORDER BY event_id, doc_id, start",
                lambda *m: Mention(*m)),
        }

    def source_counts(self) -> dict[str, tuple[int, int]]:
        """event id -> (documents that mention it, story clusters among them)."""
        rows = self._con.execute("""
            SELECT m.event_id, count(DISTINCT m.doc_id), count(DISTINCT coalesce(d.cluster, m.doc_id))
            FROM mentions m LEFT JOIN documents d ON d.doc_id = m.doc_id
            GROUP BY m.event_id""").fetchall()
        return {eid: (int(n_docs), int(n_clusters)) for eid, n_docs, n_clusters in rows}

    # ------------------------------------------------------------ story linking
    def _ids_param(self, doc_ids: Iterable[str]) -> list[list[str]]:
        return [sorted(set(doc_ids))]

    def unlinked_documents(self) -> list[LinkingDocument]:
        """Documents that have no signature yet (new since the last linking), by doc_id."""
        rows = self._con.execute("""
            SELECT d.doc_id, d.text, d.published_start, d.published_end FROM documents d
            WHERE d.doc_id NOT IN (SELECT doc_id FROM document_signatures) ORDER BY d.doc_id""").fetchall()
        return [LinkingDocument(*row) for row in rows]

    def linking_documents(self, doc_ids: Iterable[str]) -> list[LinkingDocument]:
        rows = self._con.execute("""
            SELECT doc_id, text, published_start, published_end FROM documents
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
        of each other (an undated document is within any window); at most ``limit`` others per
        document, the closest in date first, then by doc_id."""
        rows = self._con.execute("""
            WITH pairs AS (
                SELECT DISTINCT a.doc_id AS doc, b.doc_id AS other FROM document_blocks a
                JOIN document_blocks b ON a.block = b.block AND a.doc_id <> b.doc_id
                WHERE a.doc_id IN (SELECT unnest(?::VARCHAR[]))),
            dated AS (
                SELECT p.doc, p.other,
                       CASE WHEN da.published_start IS NULL OR db.published_start IS NULL THEN 0
                            ELSE greatest(date_diff('day', coalesce(da.published_end, da.published_start), db.published_start),
                                          date_diff('day', coalesce(db.published_end, db.published_start), da.published_start),
                                          0) END AS gap
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

    def applied_migrations(self) -> list[str]:
        """Names of the schema migrations recorded in this store, oldest first."""
        return [n for (n,) in self._con.execute("SELECT name FROM migrations ORDER BY name").fetchall()]

    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        out = {}
        for table in CONTENT_TABLES + DERIVED_TABLES + BOOKKEEPING_TABLES:
            row = self._con.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def checksum(self) -> str:
        """SHA-256 over every content table's sorted rows (run bookkeeping excluded)."""
        digest = hashlib.sha256()
        for table in CONTENT_TABLES:
            row = self._con.execute(
                "SELECT coalesce(md5(string_agg(r, chr(10) ORDER BY r)), '') "
                f"FROM (SELECT CAST(t AS VARCHAR) AS r FROM {_quote(table)} t)").fetchone()
            digest.update(f"{table}:{row[0] if row else ''}\n".encode())
        return digest.hexdigest()
