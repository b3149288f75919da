"""Corroboration: how many documents, and how many independent sources, report an event.

``n_documents`` counts distinct documents among an event's mentions.
``n_independent_sources`` counts them the way an analyst would: documents of one
story cluster count once, and so do documents that name the same origin.

The story clusters and origins come from the stories stage (``bilat.stories``);
``independent_source_counter`` is the one place that fetches them.
"""
from __future__ import annotations

from typing import Callable, Iterable, Protocol

from ..records import Event
from ..stories.independence import count_independent

SourceCounter = Callable[[Iterable[str]], int]


class StoryFacts(Protocol):
    """What the counter reads from the store (duck-typed: stages never import the store)."""

    def document_clusters(self) -> dict[str, str]: ...
    def document_origins(self) -> dict[str, frozenset[str]]: ...


def independent_source_counter(store: StoryFacts) -> SourceCounter:
    """A function doc_ids -> number of independent sources for ``store``: the story
    clusters and the origins the stories stage found, counted by
    :func:`bilat.stories.independence.count_independent`."""
    clusters, origins = store.document_clusters(), store.document_origins()
    return lambda doc_ids: count_independent(doc_ids, clusters, origins)


def n_documents(event: Event) -> int:
    """Distinct documents among the event's mentions."""
    return len({m.doc_id for m in event.mentions})


def documents_of(event: Event) -> frozenset[str]:
    return frozenset(m.doc_id for m in event.mentions)
