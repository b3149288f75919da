"""Export records: events and documents as JSON Lines, CSV or Parquet.

``event_record`` and ``document_record`` produce exactly the shapes of
``event.schema.json`` and ``document.schema.json`` (dates as ``YYYY-MM-DD``);
CAMEO codes and PLOVER types come from ``data/crosswalk.yaml``.
"""
from __future__ import annotations

import io
import shutil
import tempfile
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator, Literal, Sequence, TextIO, get_args

from ..crossdoc.merged import merge_events
from ..crossdoc.corroboration import SourceCounter, documents_of, independent_source_counter
from ..datafiles import read_data_yaml
from ..errors import ExportError, KnowledgeError
from ..records import CATEGORIES, Event
from ..store import Store, StoredDocument
from .claims import CLAIM_COLUMNS, claim_record, contradiction_record, flatten_claim
from .jsonl import write_jsonl
from .tabular import (
    DOCUMENT_COLUMNS, EVENT_COLUMNS, flatten_document, flatten_event, write_csv, write_parquet,
)

What = Literal["events", "documents", "claims"]
Format = Literal["jsonl", "csv", "parquet"]
WHATS: tuple[str, ...] = get_args(What)
FORMATS: tuple[str, ...] = get_args(Format)
Sink = BinaryIO | TextIO | Path | str

CROSSWALK_FILE = "crosswalk.yaml"

__all__ = [
    "FORMATS", "WHATS", "cameo_code", "claim_record", "claim_records", "contradiction_record",
    "document_record", "document_records", "event_record", "event_records", "export", "flatten_claim",
    "flatten_document", "flatten_event", "load_crosswalk", "merged_events", "plover_code",
]


# ---------------------------------------------------------------- crosswalk

@lru_cache(maxsize=1)
def load_crosswalk() -> dict[str, Any]:
    """The category crosswalk, checked to cover every category."""
    data = read_data_yaml(CROSSWALK_FILE) or {}
    categories = data.get("categories") or {}
    for category in CATEGORIES:
        entry = categories.get(category)
        if not isinstance(entry, dict) or not isinstance(entry.get("cameo"), str) \
                or not isinstance((entry.get("plover") or {}).get("type"), str):
            raise KnowledgeError(
                f"{CROSSWALK_FILE}: category {category!r} needs a 'cameo' code string and a "
                "'plover: {type, mode}' mapping; add them to the file")
    return data


def cameo_code(category: str, factuality: str) -> str | None:
    """CAMEO code: the category's own, its 03x intent form (planned/negotiating),
    its 02x appeal form (proposed), or None (negated, or no such form)."""
    data = load_crosswalk()
    entry = data["categories"][category]
    modes = data.get("factuality") or {}
    if factuality in modes.get("no_cameo", ()):
        return None
    if factuality in modes.get("intent", ()):
        return entry.get("intent")
    if factuality in modes.get("appeal", ()):
        return entry.get("appeal")
    return entry["cameo"]


def plover_code(category: str, factuality: str) -> dict[str, str | None]:
    """PLOVER ``{type, mode}``; agreed future plans may map to another type (AGREE)."""
    data = load_crosswalk()
    entry = data["categories"][category]
    intent = factuality in (data.get("factuality") or {}).get("intent", ())
    plover = entry.get("plover_intent") if intent and entry.get("plover_intent") else entry["plover"]
    return {"type": plover["type"], "mode": plover.get("mode")}


# ---------------------------------------------------------------- records

def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def event_record(event: Event, *, n_documents: int, n_independent_sources: int) -> dict[str, Any]:
    """One event as ``event.schema.json`` describes it."""
    d, loc = event.date, event.location
    return {
        "id": event.id,
        "category": event.category,
        "plover": plover_code(event.category, event.factuality),
        "cameo": cameo_code(event.category, event.factuality),
        "factuality": event.factuality,
        "stage": event.stage,
        "summary": event.summary,
        "date": {"start": _iso(d.start), "end": _iso(d.end), "granularity": d.granularity,
                 "basis": d.basis, "text": d.text},
        "location": {"name": loc.name, "country": loc.country} if loc else None,
        "actors": [{"role": a.role, "name": a.name, "kind": a.kind, "country": a.country,
                    "sector": a.sector, "title": a.title} for a in event.actors],
        "countries": sorted(set(event.countries)),
        "items": [{"kind": i.kind, "name": i.name, "quantity": i.quantity, "value": i.value}
                  for i in event.items],
        "mentions": [{"doc_id": m.doc_id, "doc_path": m.doc_path, "sentence": m.sentence,
                      "start": m.start, "end": m.end, "attribution": m.attribution}
                     for m in event.mentions],
        "n_documents": n_documents,
        "n_independent_sources": n_independent_sources,
        "confidence": float(event.confidence),
    }


def document_record(doc: StoredDocument) -> dict[str, Any]:
    """One document as ``document.schema.json`` describes it."""
    p = doc.published
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "url": doc.url,
        "title": doc.title,
        "outlet": doc.outlet,
        "author": doc.author,
        "genre": doc.genre,
        "published": {"start": _iso(p.start), "end": _iso(p.end), "basis": p.basis, "evidence": p.evidence},
        "cluster": doc.cluster,
        "duplicate_of": doc.duplicate_of,
        "n_sentences": doc.n_sentences,
        "n_events": doc.n_events,
    }


def _matches(event: Event, factualities: Sequence[str], since: date | None, until: date | None) -> bool:
    """The filters the store cannot apply before merging: factuality and date overlap
    (an undated event never matches a date filter)."""
    if factualities and event.factuality not in factualities:
        return False
    start, end = event.date.start, event.date.end or event.date.start
    if (since is not None or until is not None) and start is None:
        return False
    return (since is None or (end is not None and end >= since)) and (until is None or (start is not None and start <= until))


def merged_events(store: Store, countries: Sequence[str] = (), categories: Sequence[str] = (),
                  factualities: Sequence[str] = (), since: date | None = None, until: date | None = None,
                  counter: SourceCounter | None = None) -> list[Event]:
    """Cross-document events (every report of one happening merged into one event)
    matching every filter; ``countries`` matches ANY. Ordered by start date (unknown last), then id."""
    counter = counter or independent_source_counter(store)
    out = []
    for canonical_id, members in store.event_groups(countries, categories).items():
        n_sources = counter({d for e in members for d in documents_of(e)})
        event = merge_events(canonical_id, members, n_sources)
        if _matches(event, factualities, since, until):
            out.append(event)
    return sorted(out, key=lambda e: (e.date.start is None, e.date.start or date.min, e.id))


def event_records(store: Store, countries: Sequence[str] = (), categories: Sequence[str] = (),
                  factualities: Sequence[str] = (), since: date | None = None,
                  until: date | None = None) -> list[dict[str, Any]]:
    """Export records of the cross-document events matching the filters, with their
    document and independent-source counts."""
    counter = independent_source_counter(store)
    return [event_record(e, n_documents=len(documents_of(e)), n_independent_sources=counter(documents_of(e)))
            for e in merged_events(store, countries, categories, factualities, since, until, counter)]


def document_records(store: Store) -> list[dict[str, Any]]:
    return [document_record(d) for d in store.documents(with_text=False)]


def claim_records(store: Store, countries: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Export records (docs/claims.schema.json) of the claims about ANY of ``countries``."""
    return [claim_record(c) for c in store.claims(countries)]


# ---------------------------------------------------------------- sinks

@contextmanager
def _text_sink(out: Sink) -> Iterator[TextIO]:
    """A text stream over a path, a text stream or a binary stream (left open)."""
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            yield stream
    elif isinstance(out, io.TextIOBase):
        yield out  # type: ignore[misc]
        out.flush()
    else:
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)  # type: ignore[arg-type]
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


def _write_parquet(rows: list[dict[str, Any]], columns: Sequence[tuple[str, str]], out: Sink) -> int:
    if isinstance(out, (str, Path)):
        return write_parquet(rows, columns, Path(out))
    if isinstance(out, io.TextIOBase):
        raise ExportError("Parquet is binary and cannot go to a text stream; "
                          "write it to a file instead (e.g. -o events.parquet)")
    with tempfile.TemporaryDirectory(prefix="bilat-export-") as tmp:
        path = Path(tmp) / "export.parquet"
        n = write_parquet(rows, columns, path)
        with open(path, "rb") as data:
            shutil.copyfileobj(data, out)  # type: ignore[misc]
    return n


def _check_choice(kind: str, value: str, valid: Sequence[str]) -> None:
    if value not in valid:
        raise ExportError(f"unknown export {kind} {value!r}; choose one of {', '.join(valid)}")


_FLATTEN: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], Sequence[tuple[str, str]]]] = {
    "events": (flatten_event, EVENT_COLUMNS),
    "documents": (flatten_document, DOCUMENT_COLUMNS),
    "claims": (flatten_claim, CLAIM_COLUMNS),
}
_RECORDS: dict[str, Callable[[Store], list[dict[str, Any]]]] = {
    "events": event_records, "documents": document_records, "claims": claim_records,
}


def export(store: Store, what: What, fmt: Format, out: Sink) -> int:
    """Write every event, document or claim of the store to ``out``; return the record count."""
    _check_choice("kind", what, WHATS)
    _check_choice("format", fmt, FORMATS)
    records = _RECORDS[what](store)
    if fmt == "jsonl":
        with _text_sink(out) as stream:
            return write_jsonl(records, stream)
    flatten, columns = _FLATTEN[what]
    rows = [flatten(r) for r in records]
    if fmt == "csv":
        with _text_sink(out) as stream:
            return write_csv(rows, columns, stream)
    return _write_parquet(rows, columns, out)
