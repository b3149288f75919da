"""The DuckDB store: idempotent upserts, filters, ordering, errors with advice.

``sample_results()`` builds hand-made pipeline output (our own sentences) and is
shared with test_export.py and test_cli.py.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bilat.errors import StoreError
from bilat.records import (
    Actor, Document, DocumentResult, Event, Item, Location, Mention, PubDate, TimeSpan,
)
from bilat.store import Store
from bilat.store.migrations import all_migrations

VISIT = "The defence minister of Norway arrived in Santiago on 3 March 2021 for talks with Chilean officers."
VISIT_AGAIN = "Norway's defence minister spent two days in Chile in early March 2021."
SALE = "Chile is expected to order twelve patrol boats from a Norwegian yard for $450 million."
DENIAL = "India's foreign ministry denied that it had summoned Pakistan's envoy."
EXERCISE = "Troops from Chile and Norway held a joint winter drill in 2019."


def _doc(doc_id: str, path: str, text: str, published: date | None, title: str | None = None) -> Document:
    pub = PubDate(published, published, "metadata") if published else PubDate()
    return Document(doc_id=doc_id, path=path, text=text, title=title, published=pub, genre="news")


def _mention(doc: Document, sentence: str, attribution: str | None = None) -> Mention:
    start = doc.text.index(sentence)
    return Mention(doc.doc_id, doc.path, sentence, start, start + len(sentence), attribution)


def sample_results() -> list[DocumentResult]:
    """Three documents: two report the same visit, one has no events."""
    a = _doc("doc-a", "news/a.txt", f"{VISIT} {SALE}", date(2021, 3, 5), "Minister in Santiago")
    b = _doc("doc-b", "news/b.txt", f"{VISIT_AGAIN} {DENIAL} {EXERCISE}", None)
    c = _doc("doc-c", "news/c.txt", "A short note without any state relations.", date(2020, 1, 2))
    minister = Actor("source", "Kari Example", "person", "NOR", "MIL", "defence minister")
    visit = Event(
        id="ev-visit", category="visit", factuality="asserted",
        date=TimeSpan(date(2021, 3, 3), date(2021, 3, 3), "day", "explicit", "on 3 March 2021"),
        actors=(minister, Actor("target", "Chile", "country", "CHL")),
        countries=("CHL", "NOR"), mentions=(_mention(a, VISIT),),
        location=Location("Santiago", "CHL"), summary="NOR defence minister visits CHL", confidence=0.8,
    )
    sale = Event(
        id="ev-sale", category="arms_transfer", factuality="planned", stage="order",
        date=TimeSpan(date(2021, 1, 1), date(2021, 12, 31), "year", "document"),
        actors=(Actor("source", "Norway", "country", "NOR"), Actor("target", "Chile", "country", "CHL")),
        countries=("NOR", "CHL"), mentions=(_mention(a, SALE, "the outlet"),),
        items=(Item("equipment", "patrol boat", 12, "$450 million"),), confidence=0.6,
    )
    denial = Event(
        id="ev-denial", category="criticism", factuality="negated", date=TimeSpan.unknown(),
        actors=(Actor("source", "India", "country", "IND"), Actor("target", "Pakistan", "country", "PAK")),
        countries=("IND", "PAK"), mentions=(_mention(b, DENIAL, "foreign ministry"),),
    )
    drill = Event(
        id="ev-drill", category="exercise", factuality="asserted",
        date=TimeSpan(date(2019, 1, 1), date(2019, 12, 31), "year", "explicit", "in 2019"),
        actors=(Actor("participant", "Chile", "country", "CHL"), Actor("participant", "Norway", "country", "NOR")),
        countries=("CHL", "NOR"), mentions=(_mention(b, EXERCISE),),
    )
    visit_in_b = replace(visit, mentions=(_mention(b, VISIT_AGAIN),))
    return [
        DocumentResult(a, 2, (visit, sale)),
        DocumentResult(b, 3, (visit_in_b, denial, drill)),
        DocumentResult(c, 1, ()),
    ]


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        s.add_results(sample_results())
        yield s


def test_store_add_results_counts_only_new_documents():
    with Store(":memory:") as s:
        assert s.add_results(sample_results()) == 3
        assert s.add_results(sample_results()) == 0
        assert s.add_results(sample_results()[:1] * 2) == 0


def test_store_add_results_twice_changes_nothing(store):
    before = (store.checksum(), store.counts())
    store.add_results(sample_results())
    store.add_results(reversed(sample_results()))
    assert (store.checksum(), store.counts()) == before


def test_store_checksum_changes_with_content(store):
    before = store.checksum()
    extra = _doc("doc-d", "news/d.txt", "Another unrelated note.", None)
    store.add_results([DocumentResult(extra, 1, ())])
    assert store.checksum() != before


def test_store_counts_every_table(store):
    counts = store.counts()
    assert counts["documents"] == 3
    assert counts["events"] == 4
    assert counts["mentions"] == 5  # the visit has a mention in each of two documents
    assert counts["event_countries"] == 8
    assert counts["runs"] == 0


def test_store_merges_mentions_of_the_same_event(store):
    (visit,) = [e for e in store.events() if e.id == "ev-visit"]
    assert [m.doc_id for m in visit.mentions] == ["doc-a", "doc-b"]
    assert visit.mentions[1].sentence == VISIT_AGAIN


def test_store_events_round_trip_nested_fields(store):
    original = sample_results()[0].events[1]
    (sale,) = store.events(categories=["arms_transfer"])
    assert sale == replace(original, countries=tuple(sorted(original.countries)))


def test_store_events_countries_match_any(store):
    assert [e.id for e in store.events(countries=["PAK"])] == ["ev-denial"]
    assert {e.id for e in store.events(countries=["pak", "NOR"])} == {"ev-denial", "ev-drill", "ev-sale", "ev-visit"}
    assert store.events(countries=["FRA"]) == []


def test_store_events_filter_category_and_factuality(store):
    assert [e.id for e in store.events(factualities=["negated"])] == ["ev-denial"]
    assert [e.id for e in store.events(categories=["visit", "exercise"], factualities=["asserted"])] == [
        "ev-drill", "ev-visit"]
    assert store.events(categories=["visit"], factualities=["planned"]) == []


def test_store_events_since_until_overlap_and_drop_undated(store):
    assert [e.id for e in store.events(since=date(2021, 3, 3))] == ["ev-sale", "ev-visit"]
    # the sale is dated to the year 2021, which overlaps June
    assert [e.id for e in store.events(since=date(2021, 6, 1), until=date(2021, 6, 30))] == ["ev-sale"]
    assert [e.id for e in store.events(until=date(2020, 12, 31))] == ["ev-drill"]
    assert "ev-denial" not in {e.id for e in store.events(until=date(2030, 1, 1))}


def test_store_events_ordered_by_start_with_undated_last(store):
    assert [e.id for e in store.events()] == ["ev-drill", "ev-sale", "ev-visit", "ev-denial"]


def test_store_documents_carry_counts_and_cluster(store):
    docs = {d.doc_id: d for d in store.documents()}
    assert docs["doc-a"].n_events == 2 and docs["doc-b"].n_events == 3 and docs["doc-c"].n_events == 0
    assert docs["doc-a"].cluster == "doc-a" and docs["doc-a"].duplicate_of is None
    assert docs["doc-a"].published.start == date(2021, 3, 5)
    assert docs["doc-b"].n_sentences == 3
    assert docs["doc-a"].document == sample_results()[0].document
    assert all(d.text == "" for d in store.documents(with_text=False))


def test_store_publication_days_give_known_dates_only(store):
    assert store.publication_days(["doc-a", "doc-b", "doc-c", "doc-unknown"]) == {
        "doc-a": (date(2021, 3, 5), date(2021, 3, 5)), "doc-c": (date(2020, 1, 2), date(2020, 1, 2))}
    assert store.publication_days([]) == {}


def test_store_source_counts_count_documents_and_clusters(store):
    counts = store.source_counts()
    assert counts["ev-visit"] == (2, 2)
    assert counts["ev-sale"] == (1, 1)


def test_store_has_document(store):
    assert store.has_document("doc-a")
    assert not store.has_document("doc-zzz")


def test_store_record_run_is_left_out_of_checksum(store):
    before = store.checksum()
    assert store.record_run(files_seen=3, documents_new=3, documents_known=0, events_new=4, rejected=1) == 1
    assert store.record_run(files_seen=3, documents_new=0, documents_known=3, events_new=0, rejected=1) == 2
    assert store.counts()["runs"] == 2
    assert store.checksum() == before


def test_store_file_survives_reopening(tmp_path: Path):
    path = tmp_path / "sub" / "bilat.duckdb"
    with Store(path) as s:
        s.add_results(sample_results())
        checksum = s.checksum()
        assert s.applied_migrations() == [m.name for m in all_migrations()]
    with Store(path) as s:
        assert s.checksum() == checksum
        assert s.add_results(sample_results()) == 0
    with Store(path, read_only=True) as s:
        assert s.checksum() == checksum


def test_store_rejects_a_file_that_is_not_duckdb(tmp_path: Path):
    path = tmp_path / "notes.duckdb"
    path.write_text("just some words, not a database\n")
    with pytest.raises(StoreError, match="not a DuckDB database.*--db"):
        Store(path)


def test_store_read_only_missing_file_says_ingest_first(tmp_path: Path):
    with pytest.raises(StoreError, match="no store at .*bilat ingest PATH"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_store_locked_by_another_process_gives_advice(tmp_path: Path):
    path = tmp_path / "busy.duckdb"
    Store(path).close()
    holder = textwrap.dedent(f"""
        import sys, duckdb
        con = duckdb.connect({str(path)!r})
        print("ready", flush=True)
        sys.stdin.readline()
    """)
    proc = subprocess.Popen([sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="another process is using it"):
            Store(path)
    finally:
        proc.communicate("\n", timeout=30)
