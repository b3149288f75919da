"""bilat: evidence-linked, time-resolved records of relations between states from news text.

The public API is loaded lazily so that ``import bilat.records`` (what every
pipeline stage does) stays light: DuckDB, Typer and spaCy load only when used.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # verbs (same names as the CLI)
    "ingest": "bilat.api", "events": "bilat.api", "export": "bilat.api", "demo": "bilat.api",
    "event_records": "bilat.api", "IngestSummary": "bilat.api",
    # settings and the store
    "Settings": "bilat.config", "load_settings": "bilat.config",
    "Store": "bilat.store", "StoredDocument": "bilat.store",
    # export records
    "event_record": "bilat.export", "document_record": "bilat.export",
    # records
    "Actor": "bilat.records", "Document": "bilat.records", "DocumentResult": "bilat.records",
    "Event": "bilat.records", "Item": "bilat.records", "Location": "bilat.records",
    "Mention": "bilat.records", "PubDate": "bilat.records", "Rejected": "bilat.records",
    "TimeSpan": "bilat.records",
    # errors
    "BilatError": "bilat.errors", "ExportError": "bilat.errors", "InputError": "bilat.errors",
    "KnowledgeError": "bilat.errors", "StoreError": "bilat.errors",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'bilat' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
