"""Corroboration: how many documents, and how many independent sources, report an event.

``n_documents`` counts distinct documents among an event's mentions.
``n_independent_sources`` counts them the way an analyst would: documents of one
story cluster count once, and so do documents that name the same origin.

The story clusters and origins come from the stories stage (``bilat.stories``);
``independent_source_counter`` is the one place that fetches them.
"""
from __future__ import annotations

from typing import Callable, Iterable, Mapping, Protocol

from ..records import Event

SourceCounter = Callable[[Iterable[str]], int]


class StoryFacts(Protocol):
    """What the counter reads from the store (duck-typed: stages never import the store)."""

    def documents(self, *, with_text: bool = True) -> list: ...
    def mention_attributions(self) -> dict[str, frozenset[str]]: ...


def independent_source_counter(store: StoryFacts) -> SourceCounter:
    """MERGE SEAM: a function doc_ids -> number of independent sources for ``store``.

    Until ``bilat.stories`` lands this uses a local fallback: clusters are the
    documents' ``cluster`` column (= doc_id before stories are linked) and a document's
    origins are the attributions of its mentions. With the stories branch merged the body is:

        from ..stories.independence import count_independent
        clusters, origins = store.document_clusters(), store.document_origins()
        return lambda doc_ids: count_independent(doc_ids, clusters, origins)

    (and ``count_independent`` below, ``StoryFacts.mention_attributions`` and
    ``Store.mention_attributions`` can go).
    """
    clusters = {d.doc_id: d.cluster for d in store.documents(with_text=False)}
    origins = store.mention_attributions()
    return lambda doc_ids: count_independent(doc_ids, clusters, origins)


def count_independent(doc_ids: Iterable[str], clusters: Mapping[str, str],
                      origins: Mapping[str, frozenset[str]]) -> int:
    """Fallback with the contract of ``bilat.stories.independence.count_independent``:
    documents in one cluster count once; documents sharing an origin count once."""
    docs = sorted(set(doc_ids))
    parent = {d: d for d in docs}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    first_with: dict[str, str] = {}
    for d in docs:
        for label in {f"cluster:{clusters.get(d, d)}"} | {f"origin:{o}" for o in origins.get(d, ())}:
            other = first_with.setdefault(label, d)
            parent[find(d)] = find(other)
    return len({find(d) for d in docs})


def n_documents(event: Event) -> int:
    """Distinct documents among the event's mentions."""
    return len({m.doc_id for m in event.mentions})


def documents_of(event: Event) -> frozenset[str]:
    return frozenset(m.doc_id for m in event.mentions)
