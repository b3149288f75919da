"""CSV and Parquet: nested export records flattened to one typed row each.

Nested fields become readable strings: actors as ``role:name(country)``,
items as ``kind:name xQUANTITY (value)``, joined with ``"; "``; mentions as their
count plus the first sentence and its document. Parquet keeps the column types
(dates as DATE, counts as INTEGER, confidence as DOUBLE).
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterable, Sequence, TextIO

from ..store import write_parquet as _store_write_parquet

SEPARATOR = "; "
Columns = Sequence[tuple[str, str]]

EVENT_COLUMNS: Columns = (
    ("id", "VARCHAR"), ("category", "VARCHAR"), ("factuality", "VARCHAR"), ("cameo", "VARCHAR"),
    ("plover_type", "VARCHAR"), ("plover_mode", "VARCHAR"), ("stage", "VARCHAR"),
    ("summary", "VARCHAR"), ("date_start", "DATE"), ("date_end", "DATE"),
    ("date_granularity", "VARCHAR"), ("date_basis", "VARCHAR"), ("date_text", "VARCHAR"),
    ("location", "VARCHAR"), ("location_country", "VARCHAR"), ("countries", "VARCHAR"),
    ("actors", "VARCHAR"), ("items", "VARCHAR"), ("n_mentions", "INTEGER"),
    ("first_sentence", "VARCHAR"), ("first_doc_path", "VARCHAR"), ("attribution", "VARCHAR"),
    ("n_documents", "INTEGER"), ("n_independent_sources", "INTEGER"), ("confidence", "DOUBLE"),
)

DOCUMENT_COLUMNS: Columns = (
    ("doc_id", "VARCHAR"), ("path", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"),
    ("outlet", "VARCHAR"), ("author", "VARCHAR"), ("genre", "VARCHAR"),
    ("published_start", "DATE"), ("published_end", "DATE"), ("published_basis", "VARCHAR"),
    ("published_evidence", "VARCHAR"), ("cluster", "VARCHAR"), ("duplicate_of", "VARCHAR"),
    ("n_sentences", "INTEGER"), ("n_events", "INTEGER"),
)


def actor_label(actor: dict[str, Any]) -> str:
    """``source:Jane Doe(NOR)``; the country part is left out when unknown."""
    country = f"({actor['country']})" if actor.get("country") else ""
    return f"{actor['role']}:{actor['name']}{country}"


def item_label(item: dict[str, Any]) -> str:
    """``weapon_system:Some Jet x12 ($450 million)``."""
    label = f"{item['kind']}:{item['name']}"
    if item.get("quantity") is not None:
        label += f" x{item['quantity']:g}"
    if item.get("value"):
        label += f" ({item['value']})"
    return label


def flatten_event(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row for an event export record (see ``EVENT_COLUMNS``)."""
    plover = record.get("plover") or {}
    location = record.get("location") or {}
    date = record["date"]
    first = record["mentions"][0] if record["mentions"] else {}
    return {
        "id": record["id"], "category": record["category"], "factuality": record["factuality"],
        "cameo": record.get("cameo"), "plover_type": plover.get("type"), "plover_mode": plover.get("mode"),
        "stage": record.get("stage"), "summary": record.get("summary", ""),
        "date_start": date["start"], "date_end": date["end"], "date_granularity": date["granularity"],
        "date_basis": date["basis"], "date_text": date.get("text"),
        "location": location.get("name"), "location_country": location.get("country"),
        "countries": SEPARATOR.join(record["countries"]),
        "actors": SEPARATOR.join(actor_label(a) for a in record["actors"]),
        "items": SEPARATOR.join(item_label(i) for i in record.get("items", ())),
        "n_mentions": len(record["mentions"]), "first_sentence": first.get("sentence"),
        "first_doc_path": first.get("doc_path"), "attribution": first.get("attribution"),
        "n_documents": record["n_documents"], "n_independent_sources": record["n_independent_sources"],
        "confidence": record["confidence"],
    }


def flatten_document(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row for a document export record (see ``DOCUMENT_COLUMNS``)."""
    published = record["published"]
    flat = {k: v for k, v in record.items() if k not in {"published", "stance"}}
    flat.update({
        "published_start": published["start"], "published_end": published["end"],
        "published_basis": published["basis"], "published_evidence": published.get("evidence"),
    })
    return {name: flat.get(name) for name, _ in DOCUMENT_COLUMNS}


def write_csv(rows: Iterable[dict[str, Any]], columns: Columns, stream: TextIO) -> int:
    """Header plus one line per row; empty cells for nulls. Returns the row count."""
    writer = csv.DictWriter(stream, fieldnames=[name for name, _ in columns], lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_parquet(rows: Iterable[dict[str, Any]], columns: Columns, path: Path) -> int:
    """Typed Parquet file with the same columns as the CSV. Returns the row count."""
    table = [tuple(row.get(name) for name, _ in columns) for row in rows]
    return _store_write_parquet(path, columns, table)
