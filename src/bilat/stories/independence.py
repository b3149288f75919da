"""How many independent sources a set of documents amounts to.

Two documents are *not* independent when they tell the same story (one story
cluster: a copy, a rewrite, a paraphrase) or when they name the same origin
(both say "ISPR said", both carry "(AFP)"). Dependence is transitive: a copy
of an AFP story and another outlet's AFP story and that outlet's rewrite all
count once. So the count is the number of connected components of the
documents under "same cluster" or "share an origin" (union-find).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping


class _UnionFind:
    """Disjoint sets over hashable keys, with path halving."""

    def __init__(self) -> None:
        self._parent: dict[object, object] = {}

    def find(self, key: object) -> object:
        parent = self._parent.setdefault(key, key)
        while parent != key:
            grandparent = self._parent[parent]
            self._parent[key] = grandparent
            key, parent = grandparent, self._parent[grandparent]
        return key

    def union(self, a: object, b: object) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[root_a] = root_b


def independent_groups(
    doc_ids: Iterable[str],
    clusters: Mapping[str, str],
    origins: Mapping[str, frozenset[str]],
) -> list[frozenset[str]]:
    """Partition ``doc_ids`` into groups that depend on each other (same cluster or shared origin).

    A document missing from ``clusters`` is its own cluster; one missing from
    ``origins`` names no origin. Groups are sorted by their smallest doc_id.
    """
    docs = sorted(set(doc_ids))
    sets = _UnionFind()
    for doc_id in docs:
        sets.find(("doc", doc_id))
        sets.union(("doc", doc_id), ("cluster", clusters.get(doc_id, doc_id)))
        for origin in origins.get(doc_id, frozenset()):
            sets.union(("doc", doc_id), ("origin", origin))
    groups: dict[object, set[str]] = {}
    for doc_id in docs:
        groups.setdefault(sets.find(("doc", doc_id)), set()).add(doc_id)
    return sorted((frozenset(g) for g in groups.values()), key=min)


def count_independent(
    doc_ids: Iterable[str],
    clusters: Mapping[str, str],
    origins: Mapping[str, frozenset[str]],
) -> int:
    """Number of independent sources among ``doc_ids``.

    Documents in one story cluster count once, and documents that name the same
    origin count once; both relations chain (union-find). ``clusters`` maps
    doc_id -> cluster id (a missing doc is its own cluster); ``origins`` maps
    doc_id -> origin keys (missing or empty: no named origin). Duplicated
    doc_ids count once. An empty input gives 0.
    """
    return len(independent_groups(doc_ids, clusters, origins))
