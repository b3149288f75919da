"""The data flow end to end: paths in, DocumentResults and Rejected out; idempotent storage.

Runs the real pipeline (reader, cleaner, dating, spaCy, extractor) over the
seeds, the reader fixtures and small files written here in our own words.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilat import api
from bilat.config import load_settings
from bilat.pipeline import process
from bilat.records import DocumentResult, Rejected
from bilat.store import Store

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
GOOD, BAD = FIXTURES / "good", FIXTURES / "bad"
SUPPORTED = {".txt", ".md", ".html", ".htm", ".json", ".jsonl"}

EXERCISE = "Norway and Finland held a joint winter exercise in March 2021.\n"
VISIT = "The Japanese foreign minister visited the Philippines on 4 May 2022.\n"


@pytest.fixture(scope="module")
def run(kb, nlp):
    """run(paths, **kwargs) -> everything ``process`` yields, with the session's model."""
    def go(paths, **kwargs) -> list[DocumentResult | Rejected]:
        return list(process(list(paths), load_settings(env={}, db=":memory:"), kb=kb, nlp=nlp, **kwargs))
    return go


def results_of(items) -> list[DocumentResult]:
    return [r for r in items if isinstance(r, DocumentResult)]


def rejections_of(items) -> list[Rejected]:
    return [r for r in items if isinstance(r, Rejected)]


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in SUPPORTED
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


@pytest.fixture(scope="module")
def seed_results(run, seeds_dir) -> list[DocumentResult]:
    return results_of(run([seeds_dir]))


# ---------------------------------------------------------------- seeds

def test_pipeline_yields_one_dated_result_per_seed(seed_results, seeds_dir):
    assert sorted(Path(r.document.path).name for r in seed_results) == sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert len({r.document.doc_id for r in seed_results}) == len(seed_results)
    for result in seed_results:
        assert result.n_sentences > 0
        assert result.document.published.basis != "metadata"   # seeds have no metadata: dates come from the text
        assert all(m.doc_id == result.document.doc_id for e in result.events for m in e.mentions)


def test_pipeline_is_deterministic(run, seeds_dir, seed_results):
    again = results_of(run([seeds_dir]))
    assert [r.document for r in again] == [r.document for r in seed_results]
    assert [r.events for r in again] == [r.events for r in seed_results]


def test_pipeline_ingesting_the_seeds_twice_leaves_the_store_unchanged(run, seeds_dir, seed_results):
    with Store(":memory:") as store:
        assert store.add_results(seed_results) == len(seed_results)
        before = (store.checksum(), store.counts())
        assert before[1]["events"] > 0 and before[1]["mentions"] >= before[1]["events"]
        assert store.add_results(results_of(run([seeds_dir]))) == 0
        assert (store.checksum(), store.counts()) == before


def test_pipeline_skips_documents_the_caller_already_has(run, seeds_dir, seed_results):
    known = {r.document.doc_id for r in seed_results}
    done: list[int] = []
    items = run([seeds_dir], skip=known.__contains__, on_progress=lambda n, _total: done.append(n))
    assert items == []
    assert done and max(done) == len(known)


def test_pipeline_same_document_twice_in_one_run_is_analysed_once(run, tmp_path):
    first, copy = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(EXERCISE, encoding="utf-8")
    copy.write_text(EXERCISE, encoding="utf-8")
    results = results_of(run([first, copy]))
    assert [Path(r.document.path).name for r in results] == ["a.txt"]


def test_pipeline_api_ingest_twice_changes_nothing(monkeypatch, kb, nlp, seeds_dir, tmp_path):
    monkeypatch.setattr(api, "_process", lambda paths, settings, **kw: process(paths, settings, kb=kb, nlp=nlp, **kw))
    settings = load_settings(env={}, db=str(tmp_path / "seeds.duckdb"))
    first = api.ingest([seeds_dir], settings)
    with Store(settings.db) as store:
        before = store.checksum()
    second = api.ingest([seeds_dir], settings)
    with Store(settings.db) as store:
        assert store.checksum() == before
    assert (first.documents_new, first.rejected) == (5, ())
    assert first.events_new > 0
    assert (second.documents_new, second.documents_known, second.events_new) == (0, 5, 0)


# ---------------------------------------------------------------- bad input

def test_pipeline_bad_inputs_are_rejected_with_path_and_reason_and_good_ones_processed(run):
    items = run([BAD, GOOD, FIXTURES / "missing.txt"])
    rejected = rejections_of(items)
    for path in [*files_in(BAD), FIXTURES / "missing.txt"]:
        if path.suffix == ".pdf":
            continue                      # unsupported types inside folders are ignored, not rejected
        mine = [r for r in rejected if r.path.split("#")[0] == str(path)]
        assert mine, f"{path.name} was not reported"
        assert all(r.reason and r.message().startswith(f"{r.path}: ") for r in mine)
    processed = {r.document.path.split("#")[0] for r in results_of(items)}
    assert processed == {str(p) for p in files_in(GOOD)}


def test_pipeline_good_file_beside_bad_ones_still_yields_its_events(run, tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text(json.dumps({"text": VISIT}) + "\n{not json\n", encoding="utf-8")
    (tmp_path / "brief.txt").write_text("Winter drill\n\n" + EXERCISE, encoding="utf-8")
    items = run([tmp_path])
    rejected = {Path(r.path.split("#")[0]).name: r.reason for r in rejections_of(items)}
    assert set(rejected) == {"binary.txt", "empty.md", "broken.jsonl"}
    results = {Path(r.document.path.split("#")[0]).name: r for r in results_of(items)}
    assert set(results) == {"brief.txt", "broken.jsonl"}
    assert [(e.category, set(e.countries)) for e in results["brief.txt"].events] == [("exercise", {"FIN", "NOR"})]
    assert [(e.category, set(e.countries)) for e in results["broken.jsonl"].events] == [("visit", {"JPN", "PHL"})]


def test_pipeline_never_raises_on_a_missing_path(run, tmp_path):
    items = run([tmp_path / "nowhere"])
    assert [type(i) for i in items] == [Rejected]
    assert str(tmp_path / "nowhere") in items[0].message()
