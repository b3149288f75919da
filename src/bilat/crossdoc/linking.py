"""Incremental linking: merge newly stored events into the cross-document events.

Only the new events' blocking keys are looked up, so the cost of an ingest grows
with what is new, not with the store. Each new event's coreference component (the
events connected to it by stored 'same' pairs) is clustered again from scratch, so
ingesting A then B gives exactly the links that ingesting A and B together gives.
The store is reached through ``LinkStore`` (duck-typed; stages never import it).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping, Protocol, Sequence

from ..records import Event
from .coref import LOOSE_LIMIT, PRECISE_LIMIT, blocking_keys, cluster_events, score_candidates


class LinkStore(Protocol):
    def add_blocking_keys(self, rows: Iterable[tuple[str, str, bool, bool]]) -> None: ...
    def candidate_pairs(self, event_ids: Sequence[str], loose_limit: int,
                        precise_limit: int | None = None) -> list[tuple[str, str]]: ...
    def events_by_id(self, event_ids: Sequence[str]) -> list[Event]: ...
    def publication_days(self, doc_ids: Iterable[str]) -> dict[str, tuple[date, date]]: ...
    def add_event_pairs(self, rows: Iterable[tuple[str, str, str, float]]) -> None: ...
    def event_pairs_touching(self, event_ids: Iterable[str], relation: str) -> list[tuple[str, str, float]]: ...
    def set_canonical_ids(self, links: Mapping[str, str]) -> None: ...
    def canonical_ids(self, event_ids: Iterable[str] | None = None) -> dict[str, str]: ...


@dataclass(frozen=True)
class LinkSummary:
    events_seen: int        # new document-level events looked at
    pairs_scored: int       # candidate pairs from the blocking keys
    pairs_kept: int         # of those, 'same' or 'transfer' pairs written to the store
    events_relinked: int    # events whose cross-document event was recomputed
    events_merged: int = 0  # new events that joined another document's report of the same happening


def _component(store: LinkStore, seeds: Iterable[str]) -> tuple[set[str], list[tuple[str, str, float]]]:
    """Every event reachable from ``seeds`` over stored 'same' pairs, and those pairs."""
    seen = set(seeds)
    frontier = set(seen)
    edges: dict[tuple[str, str], float] = {}
    while frontier:
        reached = set()
        for a, b, score in store.event_pairs_touching(frontier, "same"):
            edges[(a, b)] = score
            reached.update(x for x in (a, b) if x not in seen)
        seen |= reached
        frontier = reached
    return seen, [(a, b, s) for (a, b), s in sorted(edges.items())]


def _documents_by_group(links: Mapping[str, str], events: Mapping[str, Event]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for eid, event in events.items():
        out.setdefault(links.get(eid, eid), set()).update(m.doc_id for m in event.mentions)
    return out


def _joins_another_document(event: Event, links: Mapping[str, str], docs: Mapping[str, set[str]]) -> bool:
    """Does ``event``'s cross-document event hold a report from another document? (Two
    categories of one family in one document may share it too; they alone are no merge.)"""
    return bool(docs.get(links.get(event.id, event.id), set()) - {m.doc_id for m in event.mentions})


def link_new_events(store: LinkStore, event_ids: Iterable[str]) -> LinkSummary:
    """Block, score and cluster the events ``event_ids`` against everything stored."""
    ids = sorted(set(event_ids))
    new_events = store.events_by_id(ids)
    if not new_events:
        return LinkSummary(0, 0, 0, 0)
    store.add_blocking_keys((k.event_id, k.key, k.precise, k.anchored) for e in new_events for k in blocking_keys(e))
    pairs = store.candidate_pairs(ids, LOOSE_LIMIT, PRECISE_LIMIT)
    involved = {e.id: e for e in store.events_by_id(sorted({x for p in pairs for x in p}))}
    undated_docs = {m.doc_id for e in involved.values() if not e.date.known for m in e.mentions}
    scored = score_candidates(pairs, involved, store.publication_days(undated_docs))
    store.add_event_pairs((p.a, p.b, p.relation, p.score) for p in scored)
    members, edges = _component(store, ids)
    events = {e.id: e for e in store.events_by_id(sorted(members))}
    links = cluster_events(events, edges)
    store.set_canonical_ids(links)
    docs = _documents_by_group(links, events)
    merged = sum(1 for e in new_events if _joins_another_document(e, links, docs))
    return LinkSummary(len(new_events), len(pairs), len(scored), len(events), merged)
