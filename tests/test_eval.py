"""The eval gate: matcher, scoring and floors on hand-built records; the gold files; the gate itself."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import load_eval_script

ev = load_eval_script("run_eval")

# Sentences from the demo corpus (our own words).
S400 = ("India and Russia on Friday signed a contract worth about 5.43 billion dollars "
        "for five S-400 Triumf long-range air defence systems.")
VISIT = "President Vladimir Putin arrived in New Delhi on Thursday for a two-day visit."
SANCTIONS = ("The purchase could expose India to American sanctions under the Countering "
             "America's Adversaries Through Sanctions Act.")
RECAP = "Their armed forces exercise together often."


def gold_event(anchors, category="arms_transfer", factuality="asserted", countries=("IND", "RUS")):
    return ev.GoldEvent(tuple(anchors), category, factuality, tuple(countries))


def pred(sentences, category="arms_transfer", factuality="asserted", countries=("IND", "RUS")):
    return ev.PredEvent(category, factuality, tuple(countries), tuple(sentences))


def gold_doc(events, ignore=(), corpus="demo"):
    return ev.GoldDoc("07_s400-india-russia.txt", corpus, Path("07_s400-india-russia.txt"), None,
                      tuple(events), tuple(ignore))


def test_eval_normalise_folds_quotes_case_and_spaces():
    assert ev.normalise("Pakistan\u2019s  Chief\nof Army") == ev.normalise("pakistan's chief of army")


def test_eval_anchor_found_in_mention_sentence_despite_whitespace():
    p = pred([S400.replace("signed a", "signed\n  a")])
    assert ev.anchor_hits(p, ["on Friday signed a contract"]) == 1
    assert ev.anchor_hits(p, ["met in Goa"]) == 0


def test_eval_match_prefers_same_category_in_a_shared_sentence():
    sentence = "India and Russia sign S-400 contract during Putin visit"
    golds = [gold_event(["contract during Putin visit"], category="visit"),
             gold_event(["India and Russia sign S-400 contract"])]
    preds = [pred([sentence], category="arms_transfer"), pred([sentence], category="visit")]
    assert ev.match_events(preds, golds) == [(0, 1), (1, 0)]


def test_eval_match_is_one_to_one():
    golds = [gold_event(["signed a contract worth about"])]
    preds = [pred([S400]), pred([S400], factuality="planned")]
    pairs = ev.match_events(preds, golds)
    assert pairs == [(0, 0)]


def test_eval_prediction_spanning_sentences_matches_any_anchor():
    golds = [gold_event(["arrived in New Delhi on Thursday"], category="visit")]
    preds = [pred([S400, VISIT], category="visit")]
    assert ev.match_events(preds, golds) == [(0, 0)]


def test_eval_unmatched_prediction_in_ignored_sentence_drops_out():
    doc = gold_doc([gold_event(["signed a contract worth about"])], ignore=["exercise together often"])
    outcome = ev.score_document(doc, [pred([RECAP], category="exercise"), pred([S400])])
    assert len(outcome.preds) == 1 and outcome.pairs == ((0, 0),)


def test_eval_score_detection_category_factuality_and_states():
    doc = gold_doc([
        gold_event(["signed a contract worth about"]),
        gold_event(["arrived in New Delhi on Thursday"], category="visit"),
        gold_event(["could expose India to American sanctions"], category="criticism",
                   factuality="speculative", countries=("IND", "USA")),
    ])
    preds = [
        pred([S400]),                                               # right
        pred([VISIT], category="meeting"),                          # matched, wrong category
        pred([SANCTIONS], category="criticism", countries=("IND",)),  # matched, shown as fact
        pred([RECAP], category="exercise"),                         # false positive
    ]
    result = ev.score([ev.score_document(doc, preds)])
    assert result["event_precision"] == pytest.approx(3 / 4)
    assert result["event_recall"] == pytest.approx(1.0)
    assert result["category_precision"] == pytest.approx(2 / 4)
    assert result["category_recall"] == pytest.approx(2 / 3)
    assert result["factuality_accuracy"] == pytest.approx(2 / 3)
    # 4 predicted asserted, 2 matched to gold asserted: the recap and the speculation count against.
    assert result["asserted_precision"] == pytest.approx(2 / 4)
    assert result["asserted_precision_matched"] == pytest.approx(2 / 3)
    assert result["states_precision"] == pytest.approx(5 / 5)
    assert result["states_recall"] == pytest.approx(5 / 6)


def test_eval_rejected_document_counts_all_gold_as_missed():
    doc = gold_doc([gold_event(["signed a contract worth about"])])
    result = ev.score([ev.score_document(doc, [], rejected="x: empty file")])
    assert result["event_recall"] == 0.0 and result["gold_events"] == 1.0


def test_eval_macro_f1_over_factuality_labels():
    pairs = [("asserted", "asserted"), ("proposed", "asserted"), ("proposed", "proposed")]
    # asserted: P 1/2 R 1 -> 2/3; proposed: P 1 R 1/2 -> 2/3
    assert ev.macro_f1(pairs) == pytest.approx(2 / 3)
    assert ev.macro_f1([]) == 0.0


def test_eval_score_corpora_splits_seeds_and_demo():
    seeds = ev.score_document(gold_doc([gold_event(["signed a contract worth about"])], corpus="seeds"), [pred([S400])])
    demo = ev.score_document(gold_doc([gold_event(["arrived in New Delhi"], category="visit")]), [])
    results = ev.score_corpora([seeds, demo])
    assert results["seeds"]["event_recall"] == 1.0
    assert results["demo"]["event_recall"] == 0.0
    assert results["all"]["event_recall"] == 0.5


def test_eval_raise_floors_only_raises():
    floors = {"all": {"event_f1": 0.5, "states_f1": 0.9}}
    results = {"all": {m: 0.7 for m in ev.GATED_METRICS}}
    new, changes = ev.raise_floors(floors, results)
    assert new["all"]["event_f1"] == 0.7
    assert new["all"]["states_f1"] == 0.9
    assert "all.event_f1: 0.500 -> 0.700" in changes
    assert not any(c.startswith("all.states_f1") for c in changes)


def test_eval_raise_floors_rounds_down():
    new, _ = ev.raise_floors({}, {"demo": {m: 0.66666 for m in ev.GATED_METRICS}})
    assert new["demo"]["event_f1"] == 0.666


def test_eval_lowered_floors_are_detected():
    committed = {"all": {"event_f1": 0.6, "states_f1": 0.8}}
    assert ev.lowered_floors(committed, {"all": {"event_f1": 0.6, "states_f1": 0.8}}) == []
    assert ev.lowered_floors(committed, {"all": {"event_f1": 0.5, "states_f1": 0.8}}) == ["all.event_f1: 0.600 -> 0.500"]
    assert ev.lowered_floors(committed, {"all": {"event_f1": 0.6}}) == ["all.states_f1: 0.800 -> 0.000"]


def test_eval_below_floors_names_metric_and_values():
    failures = ev.below_floors({"all": {"event_f1": 0.4}}, {"all": {"event_f1": 0.5}, "seeds": {"event_f1": 0.9}})
    assert failures == ["all.event_f1 = 0.400 < floor 0.500"]


def test_eval_result_key_reads_jsonl_record_suffix():
    assert ev._result_key("src/x/16_asia-briefs.jsonl#2") == ("16_asia-briefs.jsonl", 2)
    assert ev._result_key("a/b/01_x.txt") == ("01_x.txt", None)


def test_eval_sentence_containing_finds_the_sentence():
    text = f"{S400} {VISIT}\n\n{RECAP}"
    assert ev.sentence_containing(text, "arrived in New Delhi") == VISIT


def test_eval_gold_file_rejects_long_anchor(tmp_path):
    bad = tmp_path / "01_x.yaml"
    bad.write_text("doc: 01_x.txt\nevents:\n  - anchors: ['one two three four five six seven eight nine']\n"
                   "    category: visit\n    factuality: asserted\n    countries: [FRA, IND]\n", encoding="utf-8")
    with pytest.raises(ev.GoldError, match="01_x.yaml: event 1: anchor"):
        ev.load_gold_file(bad, tmp_path, tmp_path)


def test_eval_gold_file_rejects_unsorted_countries_and_bad_category(tmp_path):
    bad = tmp_path / "01_x.yaml"
    bad.write_text("doc: 01_x.txt\nevents:\n  - anchors: ['a visit']\n    category: visit\n"
                   "    factuality: asserted\n    countries: [IND, FRA]\n", encoding="utf-8")
    with pytest.raises(ev.GoldError, match="sorted"):
        ev.load_gold_file(bad, tmp_path, tmp_path)
    bad.write_text(bad.read_text().replace("category: visit", "category: visiting"), encoding="utf-8")
    with pytest.raises(ev.GoldError, match="'category'"):
        ev.load_gold_file(bad, tmp_path, tmp_path)


def test_eval_demo_gold_anchors_occur_in_their_articles():
    golds = [g for g in ev.load_gold() if g.corpus == "demo"]
    assert len(golds) >= 12
    assert {g.doc: ev.missing_anchors(g) for g in golds if ev.missing_anchors(g)} == {}


def test_eval_seed_gold_covers_every_seed_and_anchors_occur(seeds_dir):
    golds = [g for g in ev.load_gold(seeds_dir=seeds_dir) if g.corpus == "seeds"]
    assert {g.path.name for g in golds} == {p.name for p in seeds_dir.glob("*.txt")}
    assert {g.doc: ev.missing_anchors(g) for g in golds if ev.missing_anchors(g)} == {}


def test_eval_floors_file_is_valid_and_covers_every_metric():
    floors = ev.load_floors()
    assert set(floors) == set(ev.CORPORA)
    for metrics in floors.values():
        assert set(metrics) == set(ev.GATED_METRICS)
        assert all(0.0 <= v <= 1.0 for v in metrics.values())
    json.dumps(floors)


@pytest.mark.slow
def test_eval_gate_passes_on_the_pipeline():
    pytest.importorskip("bilat.pipeline")
    assert ev.main(["--json"]) == 0


def test_eval_run_pipeline_maps_results_records_and_rejections(monkeypatch, tmp_path):
    import types

    from bilat.records import Document, DocumentResult, Event, Mention, Rejected, TimeSpan

    (tmp_path / "07_s400.txt").write_text(S400, encoding="utf-8")
    (tmp_path / "16_briefs.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n', encoding="utf-8")
    golds = [
        ev.GoldDoc("07_s400.txt", "demo", tmp_path / "07_s400.txt", None,
                   (gold_event(["on Friday signed a contract"]),)),
        ev.GoldDoc("16_briefs.jsonl#1", "demo", tmp_path / "16_briefs.jsonl", 1, (gold_event(["a"]),)),
        ev.GoldDoc("16_briefs.jsonl#2", "demo", tmp_path / "16_briefs.jsonl", 2, (gold_event(["b"]),)),
    ]

    def fake_process(paths, settings, **_):
        assert settings.db == ":memory:"
        assert sorted(Path(p).name for p in paths) == ["07_s400.txt", "16_briefs.jsonl"]
        path = str(tmp_path / "07_s400.txt")
        mention = Mention("d1", path, S400, 0, len(S400))
        event = Event("e1", "arms_transfer", "asserted", TimeSpan.unknown(), (), ("RUS", "IND"), (mention,))
        yield DocumentResult(Document("d1", path, S400), 1, (event,))
        yield Rejected(str(tmp_path / "16_briefs.jsonl") + "#2", "malformed JSON")

    monkeypatch.setitem(sys.modules, "bilat.pipeline", types.SimpleNamespace(process=fake_process))
    outcomes = {o.gold.doc: o for o in ev.run_pipeline(golds)}
    assert outcomes["07_s400.txt"].pairs == ((0, 0),)
    assert outcomes["07_s400.txt"].preds[0].countries == ("IND", "RUS")
    assert "malformed JSON" in outcomes["16_briefs.jsonl#2"].rejected
    assert "returned nothing" in outcomes["16_briefs.jsonl#1"].rejected
