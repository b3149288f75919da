"""The held-out cross-document eval (eval/run_crossdoc_eval.py): its gold agrees with its
documents, and its scorer counts what its docstring says on hand-built records."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import load_eval_script

xe = load_eval_script("run_crossdoc_eval")
SETS = {name: (xe.EVAL_DIR / name / "groups") for name in ("crossdoc", "crossdoc2", "crossdoc3", "crossdoc4", "crossdoc5")}
GOLDS = {name: xe.load_gold(xe.EVAL_DIR / name / "gold.yaml", groups) for name, groups in SETS.items()}
# every group of both sets, with the folder holding its documents
GROUPS = [(name, group, SETS[s] / name) for s, gold in GOLDS.items() for name, group in gold.items()]


def _body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


def test_crossdoc_eval_has_seventeen_groups_of_four_to_six_short_dated_reports():
    assert tuple(len(GOLDS[name]) for name in SETS) == (5, 3, 3, 3, 3)
    for name, group, folder in GROUPS:
        assert 4 <= len(group["documents"]) <= 6, name
        for doc in group["documents"]:
            path = folder / doc
            head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
            assert re.search(r"^TITLE: .+$", head, re.M) and re.search(r"^DATE: \d{4}-\d\d-\d\d$", head, re.M), doc
            assert re.search(r"^URL: https://(?:[a-z0-9-]+\.)+example/", head, re.M), doc
            assert 120 <= len(_body(path).split()) <= 300, doc


def test_crossdoc_eval_every_anchor_occurs_in_its_document():
    for name, group, folder in GROUPS:
        for happening in [group["main"], *group["distinct"]]:
            for doc, anchors in happening["anchors"].items():
                text = xe.squash((folder / doc).read_text(encoding="utf-8"))
                for anchor in anchors:
                    assert xe.squash(anchor) in text, (name, doc, anchor)


def test_crossdoc_eval_gold_partitions_cover_every_document():
    for name, group, _ in GROUPS:
        docs = set(group["documents"])
        for key in ("clusters", "independent_groups"):
            members = [d for g in group[key] for d in g]
            assert sorted(members) == sorted(docs), (name, key)
        assert len(group["independent_groups"]) == group["independent_sources"], name
        assert set(group["main"]["anchors"]) == docs, name


def test_crossdoc_eval_near_copies_share_their_agency_body():
    for name, group, folder in GROUPS:
        for copy, source in group["duplicate_of"].items():
            a, b = (_body(folder / d) for d in (copy, source))
            first_a = a.split("\n\n")[1]
            assert first_a in b, (name, copy)


EVENTS = [
    {"id": "e1", "mentions": [
        {"doc_path": "/x/a.txt", "sentence": "Qatar signed a contract with Britain on Sunday."},
        {"doc_path": "/x/b.txt", "sentence": "The contract was signed in Doha on Sunday."},
        {"doc_path": "/x/b.txt", "sentence": "In September 2017 they signed a letter of intent."}]},
    {"id": "e2", "mentions": [{"doc_path": "/x/c.txt", "sentence": "Doha bought  24 jets."}]},
]


def test_crossdoc_eval_winner_is_the_event_holding_most_documents_main_mentions():
    hits = xe.mentions_holding(EVENTS, {"a.txt": ["signed a contract"], "b.txt": ["signed in Doha"],
                                        "c.txt": ["bought 24 jets"]})
    assert {e: sorted(d for d, _ in h) for e, h in hits.items()} == {"e1": ["a.txt", "b.txt"], "e2": ["c.txt"]}
    assert xe.winning_event(hits) == "e1"


def test_crossdoc_eval_gold_sources_on_the_documents_that_landed():
    groups = [["a1", "a2"], ["b", "b2"], ["c"], ["d"]]
    assert xe.gold_independent_count(groups, ["a1", "a2", "c"]) == 2
    assert xe.gold_independent_count(groups, ["a1", "b2", "c", "d"]) == 4


def _side(doc, value=None, unit=None, start=None):
    return {"value": value, "unit": unit, "date": {"start": start} if start else None,
            "evidence": {"doc_path": f"/g/{doc}"}}


def test_crossdoc_eval_contradiction_needs_both_gold_sides_documents():
    expected = {"kind": "money", "attribute_prefix": "price", "unit": "GBP", "values": [6e9, 5e9],
                "sides": [["a1.txt", "d.txt"], ["b.txt"]]}
    across = {"status": "contradiction", "attribute": "price",
              "sides": [_side("b.txt", 5e9, "GBP"), _side("a1.txt", 6.02e9, "GBP")]}
    within = {"status": "contradiction", "attribute": "price",
              "sides": [_side("a1.txt", 6e9, "GBP"), _side("d.txt", 5e9, "GBP")]}
    other_currency = {"status": "contradiction", "attribute": "price",
                      "sides": [_side("b.txt", 5e9, "USD"), _side("a1.txt", 6e9, "GBP")]}
    assert xe.record_matches(across, expected) == (True, True)
    assert xe.record_matches(within, expected) == (True, False)
    assert xe.record_matches(other_currency, expected) == (False, False)


def test_crossdoc_eval_date_contradiction_compares_years():
    expected = {"kind": "date", "attribute_prefix": "date", "values": [2017, 2016],
                "sides": [["a1.txt"], ["b2.txt"]]}
    record = {"status": "contradiction", "attribute": "date.signed",
              "sides": [_side("a1.txt", start="2017-09-01"), _side("b2.txt", start="2016-01-01")]}
    assert xe.record_matches(record, expected) == (True, True)


def test_crossdoc_eval_cluster_pairs_and_duplicates():
    docs = [{"doc_id": "1", "path": "/g/a1.txt", "cluster": "s1", "duplicate_of": None},
            {"doc_id": "2", "path": "/g/a2.txt", "cluster": "s1", "duplicate_of": "1"},
            {"doc_id": "3", "path": "/g/b.txt", "cluster": "s1", "duplicate_of": None},
            {"doc_id": "4", "path": "/g/c.txt", "cluster": "s4", "duplicate_of": None}]
    scores = xe.cluster_scores(docs, [["a1.txt", "a2.txt"], ["b.txt"], ["c.txt"]], {"a2.txt": "a1.txt"})
    assert (scores["true_pairs"], scores["predicted_pairs"], scores["gold_pairs"]) == (1, 3, 1)
    assert scores["duplicates_correct"] == 1 and scores["linked"]
