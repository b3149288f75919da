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
    Actor, Claim, ClaimSubject, Document, DocumentResult, Event, Item, Location, Mention, PubDate, TimeSpan,
)
from .migrations import migrate, pending
from .stories import LinkingDocument, OriginRow, StoryLink, StoryTables

__all__ = ["LinkingDocument", "MEMORY", "OriginRow", "Store", "StoredDocument", "StoryLink", "write_parquet"]

MEMORY = ":memory:"
BATCH_RESULTS = 256
CONTENT_TABLES = ("documents", "events", "event_countries", "event_actors", "event_items", "mentions",
                  "event_blocks", "event_pairs", "event_links", "claims", "claim_countries",
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
_BLOCK_COLUMNS: Columns = (("event_id", "VARCHAR"), ("key", "VARCHAR"), ("precise", "BOOLEAN"), ("anchored", "BOOLEAN"))
_PAIR_COLUMNS: Columns = (("event_a", "VARCHAR"), ("event_b", "VARCHAR"), ("relation", "VARCHAR"), ("score", "DOUBLE"))
_LINK_COLUMNS: Columns = (("event_id", "VARCHAR"), ("canonical_id", "VARCHAR"))

_CLAIM_COLUMNS: Columns = (
    ("id", "VARCHAR"), ("doc_id", "VARCHAR"), ("doc_path", "VARCHAR"), ("kind", "VARCHAR"),
    ("subject_kind", "VARCHAR"), ("subject_name", "VARCHAR"), ("subject_key", "VARCHAR"),
    ("attribute", "VARCHAR"), ("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
    ("sentence", "VARCHAR"), ("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"),
    ("value", "DOUBLE"), ("value_max", "DOUBLE"), ("previous", "DOUBLE"), ("unit", "VARCHAR"),
    ("date_start", "DATE"), ("date_end", "DATE"), ("date_granularity", "VARCHAR"),
    ("date_basis", "VARCHAR"), ("date_text", "VARCHAR"), ("context_year", "INTEGER"),
    ("qualifier", "VARCHAR"), ("description", "VARCHAR"), ("attribution", "VARCHAR"), ("outlet", "VARCHAR"),
)
_CLAIM_COUNTRY_COLUMNS: Columns = (("claim_id", "VARCHAR"), ("iso3", "VARCHAR"))


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


def subject_key(subject: ClaimSubject) -> str:
    """One string for a claim's subject: kind, name and states (the blocking key of contradictions)."""
    return f"{subject.kind}|{subject.name}|{','.join(subject.countries)}"


def _claim_row(c: Claim) -> tuple:
    d = c.date
    return (c.id, c.doc_id, c.doc_path, c.kind, c.subject.kind, c.subject.name, subject_key(c.subject),
            c.attribute, c.text, c.start, c.end, c.sentence, c.sentence_start, c.sentence_end,
            c.value, c.value_max, c.previous, c.unit,
            d.start if d else None, d.end if d else None, d.granularity if d else None,
            d.basis if d else None, d.text if d else None, c.context_year, c.qualifier,
            c.description, c.attribution, c.outlet)


def _claim_from_row(row: tuple, countries: dict[str, list[str]]) -> Claim:
    (cid, doc_id, doc_path, kind, subject_kind, subject_name, _key, attribute, text, start, end,
     sentence, sentence_start, sentence_end, value, value_max, previous, unit, d_start, d_end,
     d_grain, d_basis, d_text, context_year, qualifier, description, attribution, outlet) = row
    when = (TimeSpan(d_start, d_end, d_grain, d_basis, d_text)
            if d_grain is not None else None)
    return Claim(
        id=cid, doc_id=doc_id, doc_path=doc_path, kind=kind,
        subject=ClaimSubject(subject_kind, subject_name, tuple(countries.get(cid, ()))),
        attribute=attribute, text=text, start=start, end=end, sentence=sentence,
        sentence_start=sentence_start, sentence_end=sentence_end, value=value, value_max=value_max,
        previous=previous, unit=unit, date=when, context_year=context_year, qualifier=qualifier,
        description=description, attribution=attribution, outlet=outlet,
    )


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
    if since is not None:      # open ends count as unbounded ("before 2019" has no start)
        conds.append("(e.date_start IS NOT NULL OR e.date_end IS NOT NULL) "
                     "AND coalesce(e.date_end, DATE '9999-12-31') >= ?")
        params.append(since)
    if until is not None:
        conds.append("(e.date_start IS NOT NULL OR e.date_end IS NOT NULL) "
                     "AND coalesce(e.date_start, DATE '0001-01-01') <= ?")
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


class Store(StoryTables):
    """A bilat store in one DuckDB file (or ``":memory:"``); story-linking methods come from
    :class:`~bilat.store.stories.StoryTables`."""

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
            ("claims", _CLAIM_COLUMNS, _unique(_claim_row(c) for r in batch for c in r.claims)),
            ("claim_countries", _CLAIM_COUNTRY_COLUMNS,
             _unique(((c.id, iso3) for r in batch for c in r.claims for iso3 in c.subject.countries), _whole)),
        )
        self._write(tables)
        return len([i for i in ids if i not in known])

    def _write(self, tables: Sequence[tuple[str, Columns, list[tuple]]],
               conflict: str = "ON CONFLICT DO NOTHING") -> None:
        self._con.execute("BEGIN TRANSACTION")
        try:
            for table, columns, rows in tables:
                _insert_rows(self._con, table, columns, rows, conflict)
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
        """Document-level events (one per happening per document, before cross-document
        merging; ``bilat.export.merged_events`` merges them) matching every given filter.

        ``countries``: events involving ANY of the given ISO3 codes. ``since``/``until``:
        events whose date interval overlaps [since, until]; undated events are then left out.
        Ordered by start date (unknown last), then id.
        """
        return self._events_ordered(countries, categories, factualities, since, until,
                                    "e.date_start NULLS LAST, e.id")

    def timeline(self, countries: Sequence[str] = (), since: date | None = None,
                 until: date | None = None) -> list[Event]:
        """Events in date order: by the day they start (an open start, "before 2019", by its
        end), the shorter interval first on ties, then id; undated events last (and left
        out when ``since`` or ``until`` is given)."""
        return self._events_ordered(countries, (), (), since, until,
                                    "(e.date_start IS NULL AND e.date_end IS NULL), "
                                    "coalesce(e.date_start, e.date_end), e.date_end NULLS LAST, e.id")

    def _events_ordered(self, countries: Sequence[str], categories: Sequence[str], factualities: Sequence[str],
                        since: date | None, until: date | None, order: str) -> list[Event]:
        where, params = _filter_sql(countries, categories, factualities, since, until)
        rows = self._con.execute(
            f"SELECT {', '.join('e.' + _quote(n) for n, _ in _EVENT_COLUMNS)} FROM events e "
            f"WHERE {where} ORDER BY {order}", params).fetchall()
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

    def claims(self, countries: Sequence[str] = (), kinds: Sequence[str] = (), *,
               shared_only: bool = False) -> list[Claim]:
        """Stored claims whose subject concerns ANY of ``countries`` (all when none), of the given
        kinds (all when none), ordered by document path and offset. ``shared_only`` keeps the
        claims whose subject and attribute another claim shares: the only ones that can
        contradict each other (the blocking step of contradictions, done by the database)."""
        conds, params = ["TRUE"], []
        if shared_only:
            conds.append("EXISTS (SELECT 1 FROM claims o WHERE o.subject_key = c.subject_key "
                         "AND o.attribute = c.attribute AND o.id <> c.id)")
        if countries:
            conds.append("c.id IN (SELECT claim_id FROM claim_countries WHERE iso3 IN (SELECT unnest(?::VARCHAR[])))")
            params.append([code.upper() for code in countries])
        if kinds:
            conds.append("c.kind IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(kinds))
        where = " AND ".join(conds)
        rows = self._con.execute(
            f"SELECT {', '.join('c.' + _quote(n) for n, _ in _CLAIM_COLUMNS)} FROM claims c "
            f"WHERE {where} ORDER BY c.doc_path, c.start, c.id", params).fetchall()
        countries_of: dict[str, list[str]] = {}
        for cid, iso3 in self._con.execute(
                f"SELECT claim_id, iso3 FROM claim_countries WHERE claim_id IN (SELECT c.id FROM claims c WHERE {where}) "
                "ORDER BY claim_id, iso3", params).fetchall():
            countries_of.setdefault(cid, []).append(iso3)
        return [_claim_from_row(r, countries_of) for r in rows]

    def source_counts(self) -> dict[str, tuple[int, int]]:
        """event id -> (documents that mention it, story clusters among them)."""
        rows = self._con.execute("""
            SELECT m.event_id, count(DISTINCT m.doc_id), count(DISTINCT coalesce(d.cluster, m.doc_id))
            FROM mentions m LEFT JOIN documents d ON d.doc_id = m.doc_id
            GROUP BY m.event_id""").fetchall()
        return {eid: (int(n_docs), int(n_clusters)) for eid, n_docs, n_clusters in rows}

    # ------------------------------------------------------------ cross-document events
    def add_blocking_keys(self, rows: Iterable[tuple[str, str, bool, bool]]) -> None:
        """Record (event id, key, precise, anchored) blocking keys; known rows are kept as they are."""
        self._write((("event_blocks", _BLOCK_COLUMNS, _unique(rows, lambda r: r[:2])),))

    def candidate_pairs(self, event_ids: Sequence[str], loose_limit: int,
                        precise_limit: int | None = None) -> list[tuple[str, str]]:
        """Pairs (a < b) of events sharing a blocking key, at least one of them in ``event_ids``.

        Precise keys (year, item) pair directly; a loose key pairs two events only when one
        of them is not anchored (has no precise key). Each given event takes at most
        ``loose_limit`` loose partners and ``precise_limit`` precise ones (smallest ids
        first), so that a crowded block costs a bounded amount per new event.
        """
        if not event_ids:
            return []
        rows = self._con.execute("""
            WITH given AS (SELECT b.* FROM event_blocks b WHERE b.event_id IN (SELECT unnest(?::VARCHAR[]))),
            hits AS (
                SELECT DISTINCT g.event_id AS a, o.event_id AS b, g.precise AS precise
                FROM given g JOIN event_blocks o ON o.key = g.key AND o.event_id <> g.event_id
                WHERE g.precise OR NOT g.anchored OR NOT o.anchored),
            ranked AS (
                SELECT a, b, precise, row_number() OVER (PARTITION BY a, precise ORDER BY b) AS n FROM hits)
            SELECT DISTINCT least(a, b), greatest(a, b) FROM ranked
            WHERE n <= CASE WHEN precise THEN ? ELSE ? END
            ORDER BY 1, 2""", [list(event_ids), precise_limit or 2 ** 31 - 1, loose_limit]).fetchall()
        return [(a, b) for a, b in rows]

    def events_by_id(self, event_ids: Sequence[str]) -> list[Event]:
        """The document-level events with these ids (those the store has), by id."""
        ids = sorted(set(event_ids))
        if not ids:
            return []
        where, params = "e.id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        rows = self._con.execute(
            f"SELECT {', '.join('e.' + _quote(n) for n, _ in _EVENT_COLUMNS)} FROM events e "
            f"WHERE {where} ORDER BY e.id", params).fetchall()
        children = self._children(where, params)
        return [_event_from_row(r, children) for r in rows]

    def add_event_pairs(self, rows: Iterable[tuple[str, str, str, float]]) -> None:
        """Record scored pairs (a, b, relation, score) with a < b; a pair already known is kept."""
        self._write((("event_pairs", _PAIR_COLUMNS, _unique(rows, lambda r: r[:2])),))

    def event_pairs_touching(self, event_ids: Iterable[str], relation: str) -> list[tuple[str, str, float]]:
        """Stored pairs of this relation with either side in ``event_ids``."""
        ids = sorted(set(event_ids))
        rows = self._con.execute("""
            SELECT event_a, event_b, score FROM event_pairs
            WHERE relation = ? AND (event_a IN (SELECT unnest(?::VARCHAR[])) OR event_b IN (SELECT unnest(?::VARCHAR[])))
            ORDER BY event_a, event_b""", [relation, ids, ids]).fetchall()
        return [(a, b, float(score)) for a, b, score in rows]

    def set_canonical_ids(self, links: Mapping[str, str]) -> None:
        """Say which cross-document event each document-level event belongs to (upsert)."""
        rows = sorted(links.items())
        self._write((("event_links", _LINK_COLUMNS, rows),),
                    conflict="ON CONFLICT (event_id) DO UPDATE SET canonical_id = excluded.canonical_id")

    def publication_days(self, doc_ids: Iterable[str]) -> dict[str, tuple[date, date]]:
        """doc id -> (first, last) possible publication day, for the documents whose
        publication date is known."""
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        rows = self._con.execute(
            "SELECT doc_id, published_start, published_end FROM documents "
            "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) AND published_start IS NOT NULL", [ids]).fetchall()
        return {doc: (start, end or start) for doc, start, end in rows}

    def canonical_ids(self, event_ids: Iterable[str] | None = None) -> dict[str, str]:
        """document-level event id -> cross-document event id (an unlinked event is its own)."""
        sql = "SELECT e.id, coalesce(l.canonical_id, e.id) FROM events e LEFT JOIN event_links l ON l.event_id = e.id"
        if event_ids is None:
            return dict(self._con.execute(sql).fetchall())
        return dict(self._con.execute(sql + " WHERE e.id IN (SELECT unnest(?::VARCHAR[]))",
                                      [sorted(set(event_ids))]).fetchall())

    def event_groups(self, countries: Sequence[str] = (), categories: Sequence[str] = ()) -> dict[str, list[Event]]:
        """cross-document event id -> its document-level events, for the cross-document events
        involving ANY of ``countries`` (through any member) and of one of ``categories``."""
        where, params = _filter_sql(countries, categories, (), None, None)
        canonical = "coalesce(l.canonical_id, e.id)"
        members = (f"SELECT e.id FROM events e LEFT JOIN event_links l ON l.event_id = e.id WHERE {canonical} IN "
                   f"(SELECT {canonical} FROM events e LEFT JOIN event_links l ON l.event_id = e.id WHERE {where})")
        ids = [i for (i,) in self._con.execute(members, params).fetchall()]
        links = self.canonical_ids(ids)
        groups: dict[str, list[Event]] = {}
        for event in self.events_by_id(ids):
            groups.setdefault(links[event.id], []).append(event)
        return groups

    def transfer_links(self) -> list[tuple[str, str]]:
        """Pairs of cross-document events that are stages of one arms transfer (a < b)."""
        rows = self._con.execute("""
            SELECT DISTINCT least(ca, cb), greatest(ca, cb) FROM (
                SELECT coalesce(la.canonical_id, p.event_a) AS ca, coalesce(lb.canonical_id, p.event_b) AS cb
                FROM event_pairs p
                LEFT JOIN event_links la ON la.event_id = p.event_a
                LEFT JOIN event_links lb ON lb.event_id = p.event_b
                WHERE p.relation = 'transfer')
            WHERE ca <> cb ORDER BY 1, 2""").fetchall()
        return [(a, b) for a, b in rows]

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
