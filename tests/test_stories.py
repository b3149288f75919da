"""Story clusters on real text: copies, near copies, rewrites and paraphrases share a
cluster; different stories about the same states do not; linking is incremental.

The seeds are read from ../shared; the fixtures in tests/fixtures/stories are our
own words about public facts (the 2021 Norwegian-German 212CD submarine order,
Norway's 2023 choice of the Leopard 2A8).
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bilat.config import load_settings
from bilat.pipeline import process
from bilat.records import DocumentResult
from bilat.stories.cluster import align, tells_same_story
from bilat.stories.embed import alignment_sentences, sentence_encoder
from bilat.stories.link import link_new_documents
from bilat.stories.signatures import signature
from bilat.store import Store

STORIES = Path(__file__).resolve().parent / "fixtures" / "stories"


@pytest.fixture(scope="module")
def results(kb, nlp, seeds_dir, demo_dir) -> list[DocumentResult]:
    settings = load_settings(env={}, db=":memory:")
    items = process([seeds_dir, demo_dir, STORIES], settings, kb=kb, nlp=nlp)
    return [r for r in items if isinstance(r, DocumentResult)]


def _linked(kb, *batches: list[DocumentResult]) -> Store:
    store = Store(":memory:")
    for batch in batches:
        store.add_results(batch)
        link_new_documents(store, kb)
    return store


@pytest.fixture(scope="module")
def linked(kb, results) -> Store:
    return _linked(kb, results)


def clusters_by_name(store: Store, results: list[DocumentResult]) -> list[set[str]]:
    """The clusters with more than one member, as sets of file names."""
    names = {r.document.doc_id: Path(r.document.path).name for r in results}
    groups: dict[str, set[str]] = defaultdict(set)
    for doc_id, cluster in store.document_clusters().items():
        groups[cluster].add(names[doc_id])
    return [g for g in groups.values() if len(g) > 1]


def _cluster_of(store: Store, results: list[DocumentResult], prefix: str) -> str:
    (doc_id,) = [r.document.doc_id for r in results if Path(r.document.path).name.startswith(prefix)]
    return store.document_clusters()[doc_id]


def test_seed_003_retells_seed_000_and_they_cluster(linked, results):
    assert _cluster_of(linked, results, "000_") == _cluster_of(linked, results, "003_")


def test_the_other_seeds_each_tell_their_own_story(linked, results):
    clusters = {p: _cluster_of(linked, results, p) for p in ("000_", "001_", "002_", "004_")}
    assert len(set(clusters.values())) == 4


def test_the_demo_rewrite_clusters_with_its_original_and_nothing_else_in_the_demo_does(linked, results):
    demo = [g for g in clusters_by_name(linked, results)
            if any(n[:2].isdigit() and not n.startswith("00") for n in g)]
    assert demo == [{"04_poland-korea-k2-k9.txt", "05_poland-korea-deal-rewrite.txt"}]


def test_copy_with_another_header_is_a_duplicate_of_the_earlier_original(linked, results):
    original = _cluster_of(linked, results, "subs_original")
    assert _cluster_of(linked, results, "subs_copy_new_header") == original
    by_name = {Path(r.document.path).name: r.document.doc_id for r in results}
    duplicates = linked.document_duplicates()
    assert duplicates[by_name["subs_copy_new_header.txt"]] == by_name["subs_original.txt"]
    assert by_name["subs_original.txt"] not in duplicates


def test_near_copy_with_a_paragraph_added_is_a_duplicate(linked, results):
    by_name = {Path(r.document.path).name: r.document.doc_id for r in results}
    assert linked.document_duplicates()[by_name["subs_near_copy.txt"]] == by_name["subs_original.txt"]


def test_paraphrase_with_reordered_sentences_joins_the_story_but_is_no_duplicate(linked, results):
    by_name = {Path(r.document.path).name: r.document.doc_id for r in results}
    paraphrase = by_name["subs_paraphrase.txt"]
    assert linked.document_clusters()[paraphrase] == by_name["subs_original.txt"]
    assert paraphrase not in linked.document_duplicates()
    original = STORIES.joinpath("subs_original.txt").read_text(encoding="utf-8")
    reworded = STORIES.joinpath("subs_paraphrase.txt").read_text(encoding="utf-8")
    assert signature(original).jaccard(signature(reworded)) < 0.3   # MinHash alone would miss it


def test_another_story_about_the_same_two_states_stays_apart(linked, results):
    assert _cluster_of(linked, results, "tanks_same_pair") != _cluster_of(linked, results, "subs_original")
    encoder = sentence_encoder()
    subs = encoder.encode(alignment_sentences(STORIES.joinpath("subs_original.txt").read_text(encoding="utf-8")))
    tanks = encoder.encode(alignment_sentences(STORIES.joinpath("tanks_same_pair.txt").read_text(encoding="utf-8")))
    assert not tells_same_story(align(subs, tanks))


def test_ingesting_in_two_batches_gives_the_clusters_of_one_batch(kb, results, linked):
    names = [Path(r.document.path).name[:4] for r in results]
    assert names.index("000_") % 2 != names.index("003_") % 2 and names.index("04_p") % 2 != names.index("05_p") % 2
    first, second = results[1::2], results[::2]   # every pair that clusters is split between the batches
    store = _linked(kb, first, second)
    assert store.document_clusters() == linked.document_clusters()
    assert store.document_duplicates() == linked.document_duplicates()
    assert store.story_links() == linked.story_links()


def test_linking_again_without_new_documents_changes_nothing(kb, linked):
    before = (linked.checksum(), linked.counts())
    summary = link_new_documents(linked, kb)
    assert summary.documents_linked == 0
    assert (linked.checksum(), linked.counts()) == before


def test_only_candidate_documents_are_embedded(linked, results):
    counts = linked.counts()
    assert counts["document_signatures"] == len(results)
    assert 0 < counts["document_vectors"] < len(results)


def test_cli_lists_stories_and_exports_clusters_per_the_schema(kb, results, tmp_path, spec_dir):
    import json

    from jsonschema import Draft202012Validator
    from typer.testing import CliRunner

    from bilat.cli import app

    db = str(tmp_path / "stories.duckdb")
    with Store(db) as store:
        store.add_results(results)
        link_new_documents(store, kb)
    runner = CliRunner(env={"BILAT_DB": None, "BILAT_KB_FILES": None})
    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    sizes = sorted(len(c["documents"]) for c in json.loads(listed.stdout))
    assert sizes == [2, 2, 4]    # seeds 000+003, demo 04+05, the four submarine reports
    exported = runner.invoke(app, ["export", "documents", "--db", db])
    schema = json.loads((spec_dir / "document.schema.json").read_text(encoding="utf-8"))
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    for record in records:
        Draft202012Validator(schema).validate(record)
    copy = next(r for r in records if r["path"].endswith("subs_copy_new_header.txt"))
    original = next(r for r in records if r["path"].endswith("subs_original.txt"))
    assert copy["cluster"] == original["doc_id"] and copy["duplicate_of"] == original["doc_id"]


def test_linking_in_small_chunks_gives_the_same_clusters(kb, results, linked, monkeypatch):
    import bilat.stories.link as link_module

    monkeypatch.setattr(link_module, "CHUNK", 3)
    store = _linked(kb, results)
    assert store.document_clusters() == linked.document_clusters()
    assert store.story_links() == linked.story_links()
