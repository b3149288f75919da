"""Across documents: one event per happening, different happenings apart, transfer stages
linked, corroboration counts, incremental linking.

The fixture articles in ``fixtures/crossdoc`` are our own words about real, public
happenings: US Defense Secretary Lloyd Austin's visit to India in March 2021 (three
reports, one an agency copy of another), his next visit in June 2023, Indonesia's
Rafale talks (2021) and contract (February 2022), Japanese Prime Minister Fumio
Kishida's visit to Kyiv on 21 March 2023 (four reports) and President Zelenskyy's
visit to Japan for the Hiroshima G7 summit two months later.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bilat import api
from bilat.config import load_settings
from bilat.crossdoc.coref import blocking_keys, cluster_events, compatible, score_pair, transfer_stages
from bilat.crossdoc.merged import merge_events
from bilat.stories.independence import count_independent
from bilat.pipeline import process
from bilat.records import Actor, Event, Item, Mention, TimeSpan
from bilat.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "crossdoc"
VISIT_2021 = ("austin-india-2021-ledger.txt", "austin-india-2021-wire.txt", "austin-india-2021-review.txt")
VISIT_2023 = "austin-india-2023-ledger.txt"
RAFALE = ("rafale-indonesia-2021.txt", "rafale-indonesia-2022.txt")
KYIV = ("kishida-kyiv-2023-courier.txt", "kishida-kyiv-2023-wire.txt", "kishida-kyiv-2023-ledger.txt",
        "kishida-kyiv-2023-review.txt")
HIROSHIMA = "zelenskyy-hiroshima-2023-courier.txt"
ALL_FILES = sorted(FIXTURES.glob("*.txt"))


# ---------------------------------------------------------------- hand-made events

def _event(eid: str, doc: str, sentence: str, *, category: str = "visit", factuality: str = "asserted",
           day: date | None = None, granularity: str = "day", basis: str = "explicit",
           people: tuple[str, ...] = (), items: tuple[Item, ...] = (), stage: str | None = None,
           countries: tuple[str, ...] = ("IND", "USA")) -> Event:
    span = TimeSpan(day, day, granularity, basis) if day else TimeSpan.unknown()  # type: ignore[arg-type]
    actors = (Actor("source", "United States", "country", "USA"), Actor("target", "India", "country", "IND"),
              *(Actor("source", p, "person", "USA", "GOV", "defense secretary") for p in people))
    return Event(id=eid, category=category, factuality=factuality, date=span, actors=actors,  # type: ignore[arg-type]
                 countries=countries, mentions=(Mention(doc, f"{doc}.txt", sentence, 0, len(sentence),
                                                        factuality=factuality),),  # type: ignore[arg-type]
                 items=items, stage=stage)  # type: ignore[arg-type]


VISIT_A = "US Defense Secretary Lloyd Austin arrived in New Delhi on 19 March 2021 for a three-day visit."
VISIT_B = "Lloyd Austin, the US defence secretary, arrived in New Delhi on 19 March 2021 on a visit to India."
VISIT_LATER = "US Defense Secretary Lloyd Austin arrived in New Delhi on 4 June 2023 for a two-day visit."


def test_crossdoc_incompatible_explicit_dates_never_merge():
    a = _event("e1", "d1", VISIT_A, day=date(2021, 3, 19), people=("Lloyd Austin",))
    later = _event("e2", "d2", VISIT_LATER, day=date(2023, 6, 4), people=("Lloyd Austin",))
    assert not compatible(a, later)
    assert score_pair(a, later) == 0.0
    # and they never even meet: no blocking key in common
    assert not {k.key for k in blocking_keys(a) if k.precise} & {k.key for k in blocking_keys(later)}


def test_crossdoc_same_visit_in_two_documents_scores_above_threshold():
    a = _event("e1", "d1", VISIT_A, day=date(2021, 3, 19), people=("Lloyd Austin",))
    b = _event("e2", "d2", VISIT_B, day=date(2021, 3, 19), people=("Lloyd Austin",))
    assert cluster_events({"e1": a, "e2": b}, [("e1", "e2", score_pair(a, b))]) == {"e1": "e1", "e2": "e1"}


def test_crossdoc_a_vague_mention_cannot_chain_two_visits():
    """An undated report fits either visit; the two dated visits still stay apart."""
    a = _event("e1", "d1", VISIT_A, day=date(2021, 3, 19), people=("Lloyd Austin",))
    later = _event("e3", "d3", VISIT_LATER, day=date(2023, 6, 4), people=("Lloyd Austin",))
    vague = _event("e2", "d2", "US Defense Secretary Lloyd Austin arrived in New Delhi for a visit.",
                   people=("Lloyd Austin",))
    pairs = [("e1", "e2", score_pair(a, vague)), ("e2", "e3", score_pair(vague, later))]
    groups = cluster_events({"e1": a, "e2": vague, "e3": later}, pairs)
    assert groups["e1"] != groups["e3"]


def test_crossdoc_opposite_directions_and_proposals_stay_apart():
    a = _event("e1", "d1", VISIT_A, day=date(2021, 3, 19))
    reverse = Event(**{**a.__dict__, "id": "e2", "mentions": (Mention("d2", "d2.txt", VISIT_A, 0, 10),),
                       "actors": (Actor("source", "India", "country", "IND"), Actor("target", "United States", "country", "USA"))})
    assert not compatible(a, reverse)
    proposal = _event("e3", "d3", VISIT_A, factuality="proposed", day=date(2021, 3, 19))
    assert not compatible(a, proposal)


def test_crossdoc_merged_event_keeps_mentions_takes_precise_date_and_asserted():
    planned = _event("e2", "d2", "Austin will visit India in March 2021.", factuality="planned",
                     day=date(2021, 3, 1), granularity="month", people=("Lloyd Austin",))
    planned = Event(**{**planned.__dict__, "date": TimeSpan(date(2021, 3, 1), date(2021, 3, 31), "month", "explicit")})
    done = _event("e1", "d1", VISIT_A, day=date(2021, 3, 19), people=("Lloyd Austin",))
    merged = merge_events("e1", [planned, done], n_sources=2)
    assert merged.id == "e1" and merged.factuality == "asserted"
    assert merged.date.start == date(2021, 3, 19) and merged.date.granularity == "day"
    assert sorted(m.factuality for m in merged.mentions) == ["asserted", "planned"]
    assert {m.doc_id for m in merged.mentions} == {"d1", "d2"}


def test_crossdoc_transfer_stages_are_linked_not_merged():
    jets = (Item("weapon_system", "Dassault Rafale", 36),)
    intent = _event("e1", "d1", "Indonesia is in talks with France to buy 36 Rafale jets.", category="arms_transfer",
                    factuality="negotiating", items=jets, stage="negotiation", countries=("FRA", "IDN"))
    contract = _event("e2", "d2", "Indonesia signed a contract on 10 February 2022 to buy 42 Rafale jets.",
                      category="arms_transfer", day=date(2022, 2, 10), items=jets, stage="order", countries=("FRA", "IDN"))
    assert not compatible(intent, contract) and transfer_stages(intent, contract)


def test_crossdoc_count_independent_counts_clusters_and_origins_once():
    docs = ["a", "b", "c", "d"]
    assert count_independent(docs, {d: d for d in docs}, {}) == 4
    assert count_independent(docs, {"a": "a", "b": "a", "c": "c", "d": "d"}, {}) == 3       # b copies a
    assert count_independent(docs, {d: d for d in docs}, {"c": frozenset({"AFP"}), "d": frozenset({"AFP"})}) == 3
    assert count_independent([], {}, {}) == 0


# ---------------------------------------------------------------- the real pipeline on real text

@pytest.fixture(scope="module")
def ingest(kb, nlp):
    """ingest(paths, settings) -> IngestSummary: ``api.ingest`` with the session's model."""
    def go(paths: list[Path], settings) -> api.IngestSummary:
        original = api._process
        api._process = lambda p, s, **kw: process(p, s, kb=kb, nlp=nlp, **kw)  # type: ignore[assignment]
        try:
            return api.ingest(paths, settings)
        finally:
            api._process = original  # type: ignore[assignment]
    return go


@pytest.fixture(scope="module")
def ingest_into(ingest, tmp_path_factory):
    """ingest_into(name, [paths...], [paths...]) -> settings of a new store fed batch by batch."""
    root = tmp_path_factory.mktemp("crossdoc")

    def go(name: str, *batches: list[Path]):
        settings = load_settings(env={}, db=str(root / f"{name}.duckdb"))
        for paths in batches:
            ingest(paths, settings)
        return settings
    return go


def _docs_by_name(settings) -> dict[str, str]:
    with Store(settings.db, read_only=True) as s:
        return {d.doc_id: Path(d.path).name for d in s.documents(with_text=False)}


@pytest.fixture(scope="module")
def fixture_store(ingest_into):
    return ingest_into("all", [FIXTURES])


def test_crossdoc_three_reports_of_one_visit_are_one_event(fixture_store):
    names = _docs_by_name(fixture_store)
    visits = api.event_records(fixture_store, categories=["visit"])
    by_docs = {frozenset(names[m["doc_id"]] for m in r["mentions"]): r for r in visits}
    first = by_docs[frozenset(VISIT_2021)]
    assert first["n_documents"] == 3
    # the agency copy and the report it copies name the same origin (the Indian defence
    # ministry): three documents, two independent sources
    assert first["n_independent_sources"] == 2
    assert first["date"]["start"] == "2021-03-19"
    later = by_docs[frozenset({VISIT_2023})]
    assert later["id"] != first["id"] and later["n_documents"] == 1
    assert later["date"]["start"] == "2023-06-04"


def test_crossdoc_four_reports_of_a_leaders_trip_are_one_event(fixture_store):
    """Four outlets, one a wire copy, one without the date; the return visit two months later stays apart."""
    names = _docs_by_name(fixture_store)
    visits = api.event_records(fixture_store, categories=["visit"], countries=["UKR"])
    docs = sorted(sorted(names[m["doc_id"]] for m in {m["doc_id"]: m for m in r["mentions"]}.values()) for r in visits)
    assert docs == [sorted(KYIV), [HIROSHIMA]]


def test_crossdoc_every_event_has_counts_and_follows_the_schema(fixture_store, spec_dir):
    import json
    from jsonschema import Draft202012Validator
    validator = Draft202012Validator(json.loads((spec_dir / "event.schema.json").read_text(encoding="utf-8")))
    records = api.event_records(fixture_store)
    for r in records:
        validator.validate(r)
        assert set(r) <= set(validator.schema["properties"])
        assert r["n_documents"] == len({m["doc_id"] for m in r["mentions"]}) >= r["n_independent_sources"] >= 1


def test_crossdoc_arms_deal_stages_are_two_events_linked(fixture_store):
    names = _docs_by_name(fixture_store)
    transfers = api.event_records(fixture_store, categories=["arms_transfer"])
    by_doc = {names[r["mentions"][0]["doc_id"]]: r for r in transfers}
    talks, contract = by_doc[RAFALE[0]], by_doc[RAFALE[1]]
    assert talks["id"] != contract["id"]
    assert (talks["factuality"], contract["stage"]) == ("negotiating", "order")
    assert contract["id"] in api.related_events(fixture_store)[talks["id"]]


def test_crossdoc_blocking_never_compares_all_pairs(fixture_store):
    with Store(fixture_store.db, read_only=True) as s:
        n = s.counts()["events"]
        pairs = s.candidate_pairs([e.id for e in s.events()], 200)
    assert 0 < len(pairs) < n * (n - 1) // 2


def test_crossdoc_ingest_a_then_b_equals_a_and_b_together(ingest_into, fixture_store):
    first = [FIXTURES / n for n in (VISIT_2021[0], VISIT_2023, RAFALE[1], KYIV[2], HIROSHIMA)]
    second = [p for p in ALL_FILES if p not in first]
    stepwise = ingest_into("stepwise", first, second)
    together_records = api.event_records(fixture_store)
    assert api.event_records(stepwise) == together_records
    assert api.related_events(stepwise) == api.related_events(fixture_store)
    with Store(stepwise.db, read_only=True) as a, Store(fixture_store.db, read_only=True) as b:
        assert a.checksum() == b.checksum()


def test_crossdoc_ingest_again_changes_nothing(ingest, fixture_store):
    with Store(fixture_store.db, read_only=True) as s:
        before = s.checksum()
    summary = ingest([FIXTURES], fixture_store)
    assert summary.documents_new == 0
    with Store(fixture_store.db, read_only=True) as s:
        assert s.checksum() == before


def test_crossdoc_seeds_000_and_003_share_the_army_chief_visit(ingest_into, seeds_dir):
    settings = ingest_into("seeds", [seeds_dir])
    names = {d: n[:3] for d, n in _docs_by_name(settings).items()}
    records = api.event_records(settings)
    spanning = [r for r in records if r["n_documents"] > 1]
    assert spanning, "seed 003 retells seed 000: their shared happenings must merge"
    for r in spanning:
        assert {names[m["doc_id"]] for m in r["mentions"]} == {"000", "003"}
    visits = [r for r in spanning if r["category"] == "visit"]
    assert len(visits) == 1 and any("Asim Munir" in a["name"] for a in visits[0]["actors"])


def test_crossdoc_cli_events_related_shows_transfer_links(fixture_store):
    import json
    from typer.testing import CliRunner
    from bilat.cli import app
    result = CliRunner().invoke(app, ["events", "--db", fixture_store.db, "--category", "arms_transfer",
                                      "--format", "json", "--related"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    linked = [r for r in records if r["related"]]
    assert len(linked) == 2 and {linked[0]["id"], *linked[0]["related"]} == {linked[1]["id"], *linked[1]["related"]}


def test_crossdoc_store_blocking_pairs_loose_keys_only_with_undated_events():
    """Two dated visits of different years share only the loose key: not candidates. An
    undated report meets both there."""
    from bilat.crossdoc.coref import LOOSE_LIMIT
    from bilat.records import Document, DocumentResult
    events = [_event("e1", "d1", VISIT_A, day=date(2021, 3, 19)), _event("e2", "d2", VISIT_LATER, day=date(2023, 6, 4)),
              _event("e3", "d3", "US Defense Secretary Lloyd Austin visited India.")]
    with Store(":memory:") as s:
        s.add_results(DocumentResult(Document(e.mentions[0].doc_id, f"{e.id}.txt", e.mentions[0].sentence), 1, (e,))
                      for e in events)
        s.add_blocking_keys((k.event_id, k.key, k.precise, k.anchored) for e in events for k in blocking_keys(e))
        assert s.candidate_pairs(["e1", "e2", "e3"], LOOSE_LIMIT) == [("e1", "e3"), ("e2", "e3")]
        assert s.candidate_pairs(["e3"], 1) == [("e1", "e3")]      # a crowded loose block is cut to its limit


def test_crossdoc_ingest_summary_counts_reports_merged_across_documents(ingest, tmp_path):
    settings = load_settings(env={}, db=str(tmp_path / "summary.duckdb"))
    first = ingest([FIXTURES / VISIT_2021[0]], settings)
    second = ingest([FIXTURES / VISIT_2021[1]], settings)
    assert first.events_merged == 0
    assert 0 < second.events_merged <= second.events_new


@pytest.mark.parametrize(("left", "right", "same"), [
    ("Lloyd Austin", "Lloyd Austin", 1.0),
    ("Asim Munir", "General Asim Munir", 1.0),
    ("Ilham Aliyev", "Heydar Aliyev", 0.0),          # father and son: a shared surname is not one person
])
def test_crossdoc_people_match_by_name_not_surname(left, right, same):
    from bilat.crossdoc.coref import features
    a = _event("e1", "d1", VISIT_A, people=(left,))
    b = _event("e2", "d2", VISIT_B, people=(right,))
    assert features(a, b)["people"] == same


def test_crossdoc_merged_actor_takes_the_role_most_reports_give_it():
    a = _event("e1", "d1", VISIT_A, day=date(2021, 3, 19), people=("Lloyd Austin",))
    b = _event("e2", "d2", VISIT_B, day=date(2021, 3, 19), people=("Lloyd Austin",))
    muddled = Event(**{**b.__dict__, "id": "e3", "mentions": (Mention("d3", "d3.txt", VISIT_B, 0, 10),),
                       "actors": (*b.actors[:2], Actor("target", "Lloyd Austin", "person", "USA"))})
    merged = merge_events("e1", [a, b, muddled])
    assert [(x.role, x.name) for x in merged.actors if x.kind == "person"] == [("source", "Lloyd Austin")]


def test_crossdoc_named_items_must_agree():
    def drill(eid: str, name: str) -> Event:
        return _event(eid, f"d{eid}", f"Troops of the two states held the {name} drills in April 2023.", category="exercise",
                      day=date(2023, 4, 11), items=(Item("exercise", name),), countries=("PHL", "USA"))
    assert compatible(drill("1", "Balikatan"), drill("2", "Balikatan exercise"))
    assert not compatible(drill("1", "Balikatan"), drill("2", "Salaknib"))


def test_crossdoc_cli_events_table_shows_ids_links_and_factuality_prefix(fixture_store):
    from typer.testing import CliRunner
    from bilat.cli import app
    result = CliRunner().invoke(app, ["events", "--db", fixture_store.db, "--category", "arms_transfer", "--related"],
                                terminal_width=250)
    assert result.exit_code == 0, result.output
    assert "[negotiating] FRA arms transfer to IDN" in result.stdout
    assert "related" in result.stdout


def test_crossdoc_a_visit_reported_as_talks_on_the_same_day_is_one_happening():
    a = _event("e1", "d1", VISIT_A, day=date(2021, 3, 19), people=("Lloyd Austin",))
    talks = _event("e2", "d2", "Lloyd Austin held talks with Indian officials in New Delhi on 19 March 2021.",
                   category="meeting", day=date(2021, 3, 19), people=("Lloyd Austin",))
    undated = _event("e3", "d3", "Lloyd Austin held talks with Indian officials in New Delhi.",
                     category="meeting", people=("Lloyd Austin",))
    assert compatible(a, talks) and not compatible(a, undated)
    assert {k.key for k in blocking_keys(a)} & {k.key for k in blocking_keys(talks)}
    merged = merge_events("e1", [a, talks])
    assert merged.category == "visit" and len(merged.mentions) == 2


def test_crossdoc_the_opening_and_the_close_of_one_named_exercise_are_one_happening():
    drill = Item("exercise", "Zapad-2021")
    opening = _event("e1", "d1", "Russia and Belarus began the Zapad-2021 exercise on 10 September 2021.",
                     category="exercise", day=date(2021, 9, 10), items=(drill,), countries=("BLR", "RUS"))
    close = _event("e2", "d2", "Russia and Belarus ended the Zapad-2021 exercise on 16 September 2021.",
                   category="exercise", day=date(2021, 9, 16), items=(drill,), countries=("BLR", "RUS"))
    previous = _event("e3", "d3", "Zapad-2017 was held in September 2017.", category="exercise",
                      day=date(2017, 9, 14), items=(Item("exercise", "Zapad-2017"),), countries=("BLR", "RUS"))
    assert compatible(opening, close)
    assert not compatible(opening, previous)
