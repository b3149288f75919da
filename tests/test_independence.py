"""Corroboration counts: one story cluster counts once, one named origin counts once."""
from __future__ import annotations

from bilat.stories.independence import count_independent, independent_groups


def test_no_documents_is_no_source():
    assert count_independent([], {}, {}) == 0


def test_unrelated_documents_each_count():
    assert count_independent(["a", "b", "c"], {}, {}) == 3


def test_documents_in_one_story_cluster_count_once():
    clusters = {"a": "a", "b": "a", "c": "c"}
    assert count_independent(["a", "b", "c"], clusters, {}) == 2


def test_documents_naming_the_same_origin_count_once():
    origins = {"a": frozenset({"afp"}), "b": frozenset({"afp"}), "c": frozenset({"reuters"})}
    assert count_independent(["a", "b", "c"], {}, origins) == 2


def test_cluster_and_origin_links_chain():
    # a and b tell one story; b and c both quote ISPR; d is alone.
    clusters = {"a": "k", "b": "k", "c": "c", "d": "d"}
    origins = {"b": frozenset({"ispr"}), "c": frozenset({"ispr", "afp"}), "d": frozenset()}
    assert count_independent(["a", "b", "c", "d"], clusters, origins) == 2
    assert independent_groups(["d", "c", "b", "a"], clusters, origins) == [
        frozenset({"a", "b", "c"}), frozenset({"d"}),
    ]


def test_cluster_links_hold_without_the_cluster_founder():
    # the cluster is named after a, which is not among the documents counted.
    clusters = {"a": "k", "b": "k", "c": "k"}
    assert count_independent(["b", "c"], clusters, {}) == 1
    assert count_independent(["b"], clusters, {}) == 1


def test_repeated_doc_ids_count_once_and_generators_work():
    assert count_independent((d for d in ["a", "a", "b"]), {}, {}) == 2


def test_a_document_with_several_origins_joins_them():
    origins = {"a": frozenset({"afp", "xinhua"}), "b": frozenset({"xinhua"}), "c": frozenset({"afp"})}
    assert count_independent(["a", "b", "c"], {}, origins) == 1
    assert count_independent(["b", "c"], {}, origins) == 2
