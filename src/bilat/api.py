"""The Python API: the same verbs as the CLI. Returns data, prints nothing."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

import pycountry

from .config import Settings
from .errors import BilatError, StoreError
from .claims.contradictions import Contradiction, find_contradictions
from .crossdoc.linking import link_new_events
from .export import Format, What, event_record as _event_record, event_records as _event_records, export as _export, merged_events
from .export.claims import claim_record, contradiction_record
from .records import CATEGORIES, FACTUALITIES, Claim, DocumentResult, Event, Rejected
from .store import MEMORY, Store
from .temporal.labels import date_label

if TYPE_CHECKING:
    from .stories.link import LinkSummary

WRITE_BATCH = 64
Progress = Callable[[int, "int | None"], None]

__all__ = [
    "IngestSummary", "check_filters", "claim_records", "claims", "contradiction_records", "contradictions",
    "demo", "event_records", "events", "export", "ingest", "link_stories", "open_store", "related_events",
    "stories", "timeline", "valid_iso3",
]


@dataclass(frozen=True)
class IngestSummary:
    files_seen: int
    documents_new: int
    documents_known: int
    events_new: int
    rejected: tuple[Rejected, ...]
    events_merged: int = 0    # new events that are reports of a happening another document also reports

    @property
    def nothing_read(self) -> bool:
        """True when not a single document could be read (all inputs rejected or none found)."""
        return self.documents_new + self.documents_known == 0


# ---------------------------------------------------------------- validation

@lru_cache(maxsize=1)
def valid_iso3() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 code."""
    return frozenset(c.alpha_3 for c in pycountry.countries)


def _unknown(kind: str, value: str, valid: Iterable[str], listing: str | None = None) -> BilatError:
    options = list(valid)
    close = difflib.get_close_matches(value, options, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return BilatError(f"unknown {kind} {value!r}{hint}. Valid: {listing or ', '.join(options)}")


def check_filters(countries: Sequence[str] = (), categories: Sequence[str] = (),
                  factualities: Sequence[str] = ()) -> None:
    """Raise BilatError naming the first unknown country code, category or factuality."""
    for code in countries:
        if code.upper() not in valid_iso3():
            raise _unknown("country code", code, sorted(valid_iso3()),
                           "any ISO 3166-1 alpha-3 code, e.g. FRA, IND, NGA")
    for category in categories:
        if category not in CATEGORIES:
            raise _unknown("category", category, CATEGORIES)
    for factuality in factualities:
        if factuality not in FACTUALITIES:
            raise _unknown("factuality", factuality, FACTUALITIES)


# ---------------------------------------------------------------- stores

def open_store(settings: Settings, *, read_only: bool = True) -> Store:
    """Open ``settings.db``; reading a store that does not exist is an error with advice."""
    if read_only and settings.db != MEMORY and not Path(settings.db).expanduser().exists():
        raise StoreError(f"no store at {settings.db}; run `bilat ingest PATH` first")
    return Store(settings.db, read_only=read_only)


# ---------------------------------------------------------------- ingest

def _process(paths: Sequence[str | Path], settings: Settings, **kwargs: Any) -> Iterator[DocumentResult | Rejected]:
    from .pipeline import process  # spaCy loads only when something is ingested
    return process(paths, settings, **kwargs)


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


@dataclass
class _Tally:
    progress: int = 0     # documents the pipeline reported done (analysed, skipped or repeated)
    skipped: int = 0      # documents already in the store
    results: int = 0      # documents analysed in this run
    documents_new: int = 0
    events_merged: int = 0

    @property
    def documents_seen(self) -> int:
        return max(self.progress, self.results + self.skipped)


def ingest(paths: Sequence[str | Path], settings: Settings, on_progress: Progress | None = None) -> IngestSummary:
    """Read, analyse and store the documents under ``paths``; already-stored ones are skipped.

    ``files_seen`` counts every input seen: documents read plus rejected inputs.
    """
    tally = _Tally()
    rejected: list[Rejected] = []

    def progress(done: int, total: int | None) -> None:
        tally.progress = max(tally.progress, done)
        if on_progress is not None:
            on_progress(done, total)

    with Store(settings.db) as store:
        def skip(doc_id: str) -> bool:
            known = store.has_document(doc_id)
            tally.skipped += known
            return known

        events_before = store.counts()["events"]
        stream = _process(list(paths), settings, skip=skip, on_progress=progress)
        for batch in _batches(stream, WRITE_BATCH):
            rejected.extend(r for r in batch if isinstance(r, Rejected))
            results = [r for r in batch if isinstance(r, DocumentResult)]
            tally.results += len(results)
            tally.documents_new += store.add_results(results)
            tally.events_merged += link_new_events(store, [e.id for r in results for e in r.events]).events_merged
        link_stories(store, settings)
        summary = IngestSummary(
            files_seen=tally.documents_seen + len(rejected),
            documents_new=tally.documents_new,
            documents_known=tally.documents_seen - tally.documents_new,
            events_new=store.counts()["events"] - events_before,
            rejected=tuple(rejected),
            events_merged=tally.events_merged,
        )
        store.record_run(files_seen=summary.files_seen, documents_new=summary.documents_new,
                         documents_known=summary.documents_known, events_new=summary.events_new,
                         rejected=len(summary.rejected))
    return summary


def link_stories(store: Store, settings: Settings) -> LinkSummary:
    """Link the store's not-yet-linked documents into story clusters (see bilat.stories.link)."""
    from .knowledge import load_knowledge
    from .stories.link import link_new_documents
    return link_new_documents(store, load_knowledge(settings.kb_files))


def stories(settings: Settings, min_size: int = 2) -> list[dict[str, Any]]:
    """Story clusters with at least ``min_size`` documents, largest first: each with its
    documents (doc_id, path, title, outlet, published, duplicate_of, origins)."""
    with open_store(settings) as store:
        origins = store.document_origins()
        members: dict[str, list[dict[str, Any]]] = {}
        for doc in store.documents(with_text=False):
            members.setdefault(doc.cluster, []).append({
                "doc_id": doc.doc_id, "path": doc.path, "title": doc.title, "outlet": doc.outlet,
                "published": doc.published.start.isoformat() if doc.published.start else None,
                "duplicate_of": doc.duplicate_of, "origins": sorted(origins.get(doc.doc_id, ())),
            })
    clusters = [{"cluster": c, "documents": docs} for c, docs in members.items() if len(docs) >= min_size]
    return sorted(clusters, key=lambda c: (-len(c["documents"]), c["cluster"]))


def demo(settings: Settings, on_progress: Progress | None = None) -> IngestSummary:
    """Ingest the bundled demo corpus into ``settings.db``."""
    from .demo import corpus_path
    return ingest([corpus_path()], settings, on_progress=on_progress)


# ---------------------------------------------------------------- query and export

def events(settings: Settings, countries: Sequence[str] = (), categories: Sequence[str] = (),
           factualities: Sequence[str] = (), since: date | None = None,
           until: date | None = None) -> list[Event]:
    """Stored events, each report of one happening merged into one event, involving ANY
    of ``countries`` and matching every other filter."""
    check_filters(countries, categories, factualities)
    with open_store(settings) as store:
        return merged_events(store, countries, categories, factualities, since, until)


def related_events(settings: Settings) -> dict[str, list[str]]:
    """event id -> ids of the events that are other stages of the same arms transfer
    (a statement of intent, the contract, the delivery): linked, not merged."""
    with open_store(settings) as store:
        out: dict[str, list[str]] = {}
        for a, b in store.transfer_links():
            out.setdefault(a, []).append(b)
            out.setdefault(b, []).append(a)
    return {k: sorted(v) for k, v in sorted(out.items())}


def event_records(settings: Settings, countries: Sequence[str] = (), categories: Sequence[str] = (),
                  factualities: Sequence[str] = (), since: date | None = None,
                  until: date | None = None) -> list[dict[str, Any]]:
    """Like ``events`` but as export records (event.schema.json), with source counts."""
    check_filters(countries, categories, factualities)
    with open_store(settings) as store:
        return _event_records(store, countries, categories, factualities, since, until)


def timeline(settings: Settings, countries: Sequence[str] = (), since: date | None = None,
             until: date | None = None) -> list[dict[str, Any]]:
    """Events involving ANY of ``countries`` in date order, as export records (event.schema.json)
    each with a ``when`` label giving the date as precisely as it is known ("2021-06-09",
    "2021-06", "2021", "2020s", "before 2019", "?"). Undated events come last; ``since`` /
    ``until`` keep the events whose interval overlaps them, which leaves the undated out."""
    check_filters(countries)
    with open_store(settings) as store:
        sources = store.source_counts()
        out = []
        for event in store.timeline(countries, since, until):
            n_docs, n_clusters = sources.get(event.id, (0, 0))
            record = _event_record(event, n_documents=n_docs, n_independent_sources=n_clusters)
            out.append({"when": date_label(event.date), **record})
        return out


def claims(settings: Settings, countries: Sequence[str] = ()) -> list[Claim]:
    """Stored claims whose subject concerns ANY of ``countries`` (all when none)."""
    check_filters(countries)
    with open_store(settings) as store:
        return store.claims(countries)


def claim_records(settings: Settings, countries: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Like ``claims`` but as export records (docs/claims.schema.json)."""
    return [claim_record(c) for c in claims(settings, countries)]


def contradictions(settings: Settings, countries: Sequence[str] = (),
                   include_not_comparable: bool = True) -> list[Contradiction]:
    """Pairs of stored claims about the same subject and attribute that disagree beyond the
    tolerances of data/claim_tolerances.yaml; with ``include_not_comparable`` also amounts in
    currencies that cannot be compared without a market rate."""
    check_filters(countries)
    with open_store(settings) as store:
        candidates = store.claims(countries, shared_only=True)
    return find_contradictions(candidates, include_not_comparable=include_not_comparable)


def contradiction_records(settings: Settings, countries: Sequence[str] = (),
                          include_not_comparable: bool = True) -> list[dict[str, Any]]:
    """Like ``contradictions`` but as export records, both sides with their sources."""
    return [contradiction_record(c) for c in contradictions(settings, countries, include_not_comparable)]


def export(settings: Settings, what: What, fmt: Format, out: Any) -> int:
    """Write all events, documents or claims of ``settings.db`` to ``out`` (path or stream)."""
    with open_store(settings) as store:
        return _export(store, what, fmt, out)
