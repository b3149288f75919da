"""Contradictions: claims about the same subject and attribute that disagree beyond tolerance,
shown with both sides and their sources; and the claims export, store and CLI around them.

The three reports in tests/fixtures/claims/egypt-rafale are our own words about one real
deal (see the README there); one of them gets the number of aircraft, the price and the year
of the first contract wrong."""
from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from bilat import api
from bilat.claims import find_contradictions
from bilat.cli import app
from bilat.config import load_settings
from bilat.records import Claim, ClaimSubject, TimeSpan
from bilat.store import Store
from bilat.store.migrations import all_migrations

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "claims" / "egypt-rafale"
SCHEMA = json.loads((REPO / "docs" / "claims.schema.json").read_text(encoding="utf-8"))
runner = CliRunner(env={"BILAT_DB": None, "BILAT_KB_FILES": None})


def validator(definition: str) -> Draft202012Validator:
    return Draft202012Validator({**SCHEMA, "$ref": f"#/$defs/{definition}"})


@pytest.fixture(scope="module")
def rafale_db(tmp_path_factory, nlp) -> str:
    """The three reports plus two reports of another deal that agree with each other."""
    db = str(tmp_path_factory.mktemp("claims") / "claims.duckdb")
    demo = REPO / "src" / "bilat" / "demo" / "corpus"
    settings = load_settings(db=db)
    from bilat import pipeline
    with Store(db) as store:
        store.add_results(r for r in pipeline.process(
            [FIXTURES, demo / "04_poland-korea-k2-k9.txt", demo / "05_poland-korea-deal-rewrite.txt"],
            settings, nlp=nlp) if not hasattr(r, "reason"))
    return db


def sides(record: dict) -> set[str]:
    return {Path(s["evidence"]["doc_path"]).name for s in record["sides"]}


# ---------------------------------------------------------------- the three reports

def test_contradictions_flag_each_disagreement_with_both_sources(rafale_db):
    records = api.contradiction_records(load_settings(db=rafale_db), ["EGY"], include_not_comparable=False)
    by_attribute: dict[str, list[dict]] = {}
    for r in records:
        assert r["status"] == "contradiction"
        by_attribute.setdefault(r["attribute"], []).append(r)
    wrong = "b_riviera-wire.txt"
    # number of aircraft: 30 (two outlets) against 36
    counts = by_attribute["count.ordered"]
    assert {frozenset(sides(r)) for r in counts} == {
        frozenset({"a_nile-briefing.txt", wrong}), frozenset({"c_gulf-ledger.txt", wrong})}
    for r in counts:
        assert {s["value"] for s in r["sides"]} == {30, 36}
        assert r["subject"] == {"kind": "weapon_system", "name": "Dassault Rafale", "countries": ["EGY", "FRA"]}
    # price: 3.75 billion euros against 4.5 billion euros (the dollar figure is not compared)
    (price,) = by_attribute["price"]
    assert sides(price) == {"a_nile-briefing.txt", wrong}
    assert {(s["unit"], s["value"]) for s in price["sides"]} == {("EUR", 3.75e9), ("EUR", 4.5e9)}
    # year of the earlier contract: 2015 (two outlets) against 2016
    years = by_attribute["date.signed"]
    assert {frozenset(sides(r)) for r in years} == {
        frozenset({"a_nile-briefing.txt", wrong}), frozenset({"c_gulf-ledger.txt", wrong})}
    assert all("(earlier)" in r["subject"]["name"] for r in years)
    assert set(by_attribute) == {"count.ordered", "price", "date.signed"}


def test_contradictions_show_who_says_each_side(rafale_db):
    records = api.contradiction_records(load_settings(db=rafale_db), ["EGY"])
    count = next(r for r in records if r["attribute"] == "count.ordered" and "a_nile-briefing.txt" in sides(r))
    by_doc = {Path(s["evidence"]["doc_path"]).name: s for s in count["sides"]}
    assert by_doc["a_nile-briefing.txt"]["attribution"] == "Egyptian defence ministry"
    assert by_doc["a_nile-briefing.txt"]["attribution_basis"] == "text"
    assert by_doc["b_riviera-wire.txt"]["attribution"] == "French armed forces ministry"
    for side in count["sides"]:
        evidence = side["evidence"]
        assert side["text"] in evidence["sentence"] and side["outlet"]


def test_contradictions_other_currencies_are_not_comparable(rafale_db):
    records = api.contradiction_records(load_settings(db=rafale_db), ["EGY"])
    incomparable = [r for r in records if r["status"] == "not_comparable"]
    assert incomparable and all(r["attribute"] == "price" for r in incomparable)
    for r in incomparable:
        assert {s["unit"] for s in r["sides"]} == {"EUR", "USD"}


def test_contradictions_identical_claims_from_two_outlets_agree(rafale_db):
    claims = api.claims(load_settings(db=rafale_db), ["POL"])
    tanks = [c for c in claims if c.subject.name == "K2 Black Panther" and c.attribute == "count.ordered"]
    assert len({c.doc_id for c in tanks}) == 2 and {c.value for c in tanks} == {180}
    assert api.contradictions(load_settings(db=rafale_db), ["POL"]) == []
    records = api.contradiction_records(load_settings(db=rafale_db), ["EGY"])
    assert not any(sides(r) == {"a_nile-briefing.txt", "c_gulf-ledger.txt"} and r["status"] == "contradiction"
                   for r in records)


# ---------------------------------------------------------------- the rules, on constructed claims

def claim(value: float | None = 30, *, doc: str = "a", start: int = 0, attribute: str = "count.ordered",
          kind: str = "quantity", qualifier: str = "exact", unit: str | None = "jet", year: int | None = 2021,
          when: TimeSpan | None = None, text: str | None = None) -> Claim:
    return Claim(id=f"{doc}{start}{attribute}", doc_id=doc, doc_path=f"{doc}.txt", kind=kind,  # type: ignore[arg-type]
                 subject=ClaimSubject("weapon_system", "Dassault Rafale", ("EGY", "FRA")), attribute=attribute,
                 text=text or str(value), start=start, end=start + 2, sentence="s", sentence_start=start,
                 sentence_end=start + 10, value=value, unit=unit, date=when, context_year=year,
                 qualifier=qualifier)  # type: ignore[arg-type]


@pytest.mark.parametrize(("a", "b", "conflict"), [
    (claim(30), claim(36, doc="b"), True),
    (claim(30), claim(30, doc="b"), False),
    (claim(30, year=2015), claim(36, doc="b", year=2021), False),         # different facts
    (claim(30, qualifier="approximate"), claim(32, doc="b"), False),        # within 10%
    (claim(30, qualifier="approximate"), claim(36, doc="b"), True),
    (claim(1000, qualifier="at_most"), claim(180, doc="b"), False),         # "up to 1,000"
    (claim(100, qualifier="at_least"), claim(80, doc="b"), True),
    (claim(30, qualifier="increment"), claim(54, doc="b"), False),          # "30 more" vs a total
    (claim(30), claim(36, start=5), True),                                   # within one document
    (claim(30), replace(claim(36, start=5), sentence_start=0), False),       # never within one sentence
    (claim(3.75e9, kind="money", attribute="price", unit="EUR", text="3.75 billion euros"),
     claim(4.0e9, doc="b", kind="money", attribute="price", unit="EUR", text="4 billion euros"), False),  # rounded
    (claim(3.75e9, kind="money", attribute="price", unit="EUR", text="3.75 billion euros"),
     claim(3.8e9, doc="b", kind="money", attribute="price", unit="EUR", text="3.8 billion euros"), False),
    (claim(16e9, kind="money", attribute="price", unit="EUR", text="16 billion euros"),
     claim(17e9, doc="b", kind="money", attribute="price", unit="EUR", text="€17bn"), True),   # 6% apart, both plain
    (claim(16e9, kind="money", attribute="price", unit="EUR", text="16 billion euros", qualifier="approximate"),
     claim(17e9, doc="b", kind="money", attribute="price", unit="EUR", text="€17bn"), False),  # "about 16 billion"
    (claim(5.2e9, kind="money", attribute="price", unit="EUR", text="5.2 billion euros"),
     claim(5.9e9, doc="b", kind="money", attribute="price", unit="EUR", text="5.9 billion euros"), True),
    (claim(3.75e9, kind="money", attribute="price", unit="EUR"),
     claim(4.5e9, doc="b", kind="money", attribute="price", unit="EUR"), True),
    (claim(3.75e9, kind="money", attribute="price", unit="SAR"),
     claim(1.0e9, doc="b", kind="money", attribute="price", unit="USD"), False),   # pegged: equal
    (claim(None, kind="date", attribute="date.signed", when=TimeSpan(date(2015, 1, 1), date(2015, 12, 31), "year")),
     claim(None, doc="b", kind="date", attribute="date.signed",
           when=TimeSpan(date(2015, 2, 1), date(2015, 2, 28), "month")), False),
    (claim(None, kind="date", attribute="date.signed", when=TimeSpan(date(2015, 1, 1), date(2015, 12, 31), "year")),
     claim(None, doc="b", kind="date", attribute="date.signed",
           when=TimeSpan(date(2016, 1, 1), date(2016, 12, 31), "year")), True),
    (claim(1, kind="rank", attribute="rank:state to recognise", unit=None),
     claim(2, doc="b", kind="rank", attribute="rank:state to recognise", unit=None), True),
    (claim(1, kind="rank", attribute="rank:state to recognise", unit=None, qualifier="approximate"),
     claim(2, doc="b", kind="rank", attribute="rank:state to recognise", unit=None), False),
])
def test_contradictions_rules(a, b, conflict):
    found = [c for c in find_contradictions([a, b]) if c.status == "contradiction"]
    assert bool(found) is conflict
    if found:
        assert {found[0].first.doc_id, found[0].second.doc_id} == {a.doc_id, b.doc_id}


def test_contradictions_need_the_same_subject_and_attribute():
    other_pair = replace(claim(36, doc="b"), subject=ClaimSubject("weapon_system", "Dassault Rafale", ("FRA", "IND")))
    delivered = claim(36, doc="c", attribute="count.delivered")
    assert find_contradictions([claim(30), other_pair, delivered]) == []


def test_contradictions_list_every_source_of_each_side():
    agreeing = [claim(30, doc=f"d{i}") for i in range(20)]
    found = find_contradictions([*agreeing, claim(36, doc="z")])
    assert len(found) == 20 and {c.second.doc_id for c in found} == {"z"}
    assert {c.first.doc_id for c in found} == {f"d{i}" for i in range(20)}


def test_contradictions_currencies_without_a_peg_are_not_comparable():
    (pair,) = find_contradictions([claim(3.75e9, kind="money", attribute="price", unit="EUR"),
                                   claim(4.5e9, doc="b", kind="money", attribute="price", unit="USD")])
    assert pair.status == "not_comparable"


# ---------------------------------------------------------------- export, store, CLI

def test_claims_export_validates_against_the_documented_schema(rafale_db):
    out = io.StringIO()
    n = api.export(load_settings(db=rafale_db), "claims", "jsonl", out)
    lines = out.getvalue().splitlines()
    assert n == len(lines) > 10
    check = validator("claim")
    for line in lines:
        check.validate(json.loads(line))
    for record in api.contradiction_records(load_settings(db=rafale_db)):
        validator("contradiction").validate(record)


def test_claims_export_csv_has_one_row_per_claim(rafale_db, tmp_path):
    target = tmp_path / "claims.csv"
    result = runner.invoke(app, ["export", "claims", "--db", rafale_db, "-o", str(target)])
    assert result.exit_code == 0, result.output
    rows = target.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,kind,subject_kind") and len(rows) == 1 + len(api.claims(load_settings(db=rafale_db)))


def test_cli_claims_contradictions_json_and_table(rafale_db):
    result = runner.invoke(app, ["claims", "--db", rafale_db, "--contradictions", "--country", "EGY", "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert {r["attribute"] for r in records} == {"count.ordered", "price", "date.signed"}
    table = runner.invoke(app, ["claims", "--db", rafale_db, "--contradictions"])
    assert table.exit_code == 0 and "b_riviera-wire.txt" in table.stdout and "contradiction" in table.stdout
    listed = runner.invoke(app, ["claims", "--db", rafale_db, "--country", "POL", "--format", "json"])
    assert all("POL" in r["subject"]["countries"] for r in json.loads(listed.stdout))


def test_cli_claims_rejects_unknown_country_and_missing_store(rafale_db, tmp_path):
    assert runner.invoke(app, ["claims", "--db", rafale_db, "--country", "XYZ"]).exit_code == 2
    missing = runner.invoke(app, ["claims", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no store at" in missing.stderr


def test_claims_ingest_twice_leaves_the_checksum_unchanged(tmp_path):
    settings = load_settings(db=str(tmp_path / "twice.duckdb"))
    api.ingest([FIXTURES], settings)
    with Store(settings.db) as store:
        before = (store.checksum(), store.counts())
    assert before[1]["claims"] > 0 and before[1]["claim_countries"] > 0
    api.ingest([FIXTURES], settings)
    with Store(settings.db) as store:
        assert (store.checksum(), store.counts()["claims"]) == (before[0], before[1]["claims"])


def test_store_upgrades_an_old_store_with_the_claims_migration(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
    first = all_migrations()[0]
    con.execute(first.sql)
    con.execute("INSERT INTO migrations (name) VALUES (?)", [first.name])
    con.close()
    with Store(path) as store:
        assert store.applied_migrations() == [m.name for m in all_migrations()]
        assert "0003_claims" in store.applied_migrations()
        assert store.claims() == []
