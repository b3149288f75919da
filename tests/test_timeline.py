"""`bilat timeline` and `api.timeline`: events in date order with the precision shown,
and the same dates in exports (an interval open at the start still validates).

Hand-made pipeline output (``sample_results`` of test_store.py, our own
sentences) plus two events whose dates are open or coarse.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from bilat import api
from bilat.cli import app
from bilat.config import load_settings
from bilat.records import DocumentResult, TimeSpan
from bilat.store import Store
from test_store import sample_results

runner = CliRunner(env={"BILAT_DB": None, "BILAT_KB_FILES": None})


def results_with_open_dates() -> list[DocumentResult]:
    """The sample results, plus a training run open at the start and a decade-long partnership."""
    results = sample_results()
    a = results[0]
    visit = a.events[0]
    training = replace(visit, id="ev-training", category="training",
                       date=TimeSpan(None, date(2018, 12, 31), "year", "explicit", "before 2019"),
                       summary="NOR trains CHL")
    partnership = replace(visit, id="ev-partnership", category="other_cooperation",
                          date=TimeSpan(date(2010, 1, 1), date(2019, 12, 31), "decade", "explicit", "the 2010s"),
                          summary="CHL / NOR: other cooperation")
    return [replace(a, events=(*a.events, training, partnership)), *results[1:]]


@pytest.fixture()
def db(tmp_path) -> str:
    path = tmp_path / "timeline.duckdb"
    with Store(path) as s:
        s.add_results(results_with_open_dates())
    return str(path)


def settings(db: str):
    return load_settings(env={}, db=db)


def test_timeline_orders_events_by_date_with_undated_last(db):
    labels = [(r["when"], r["id"]) for r in api.timeline(settings(db))]
    assert labels == [("2010s", "ev-partnership"), ("before 2019", "ev-training"), ("2019", "ev-drill"),
                      ("2021", "ev-sale"), ("2021-03-03", "ev-visit"), ("?", "ev-denial")]


def test_timeline_filters_by_country_and_overlapping_dates(db):
    assert [r["id"] for r in api.timeline(settings(db), ["IND"])] == ["ev-denial"]
    since = [r["id"] for r in api.timeline(settings(db), since=date(2019, 6, 1))]
    assert since == ["ev-partnership", "ev-drill", "ev-sale", "ev-visit"]      # undated left out
    until = [r["id"] for r in api.timeline(settings(db), until=date(2015, 12, 31))]
    assert until == ["ev-partnership", "ev-training"]                          # an open start reaches back


def test_timeline_table_shows_the_precision(db):
    result = runner.invoke(app, ["timeline", "--db", db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for label in ("2010s", "before 2019", "│ 2019 ", "2021-03-03", "│ ? "):
        assert label in out
    assert out.index("before 2019") < out.index("2021-03-03") < out.index("│ ? ")


def test_timeline_json_keeps_the_export_dates(db, spec_dir):
    result = runner.invoke(app, ["timeline", "--db", db, "--country", "NOR", "--since", "2018", "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["when"] for r in records] == ["2010s", "before 2019", "2019", "2021", "2021-03-03"]
    training = next(r for r in records if r["id"] == "ev-training")
    assert training["date"] == {"start": None, "end": "2018-12-31", "granularity": "year", "basis": "explicit",
                                "text": "before 2019"}
    schema = json.loads((spec_dir / "event.schema.json").read_text(encoding="utf-8"))
    for record in records:
        Draft202012Validator(schema).validate({k: v for k, v in record.items() if k != "when"})


def test_export_carries_the_same_dates_as_the_timeline(db, spec_dir):
    result = runner.invoke(app, ["export", "events", "--db", db])
    assert result.exit_code == 0, result.output
    schema = json.loads((spec_dir / "event.schema.json").read_text(encoding="utf-8"))
    exported = {}
    for line in result.stdout.splitlines():
        record = json.loads(line)
        Draft202012Validator(schema).validate(record)
        exported[record["id"]] = record["date"]
    assert exported == {r["id"]: r["date"] for r in api.timeline(settings(db))}


@pytest.mark.parametrize(("args", "hint"), [
    (["--country", "XYZ"], "ISO 3166-1 alpha-3"),
    (["--since", "June 2021"], "YYYY-MM-DD"),
])
def test_timeline_rejects_bad_filters_with_advice(db, args, hint):
    result = runner.invoke(app, ["timeline", "--db", db, *args])
    assert result.exit_code == 2
    plain = re.sub(r"[\s│╭╮╰╯─]+", " ", result.stderr)      # Rich wraps the message in a box
    assert hint in plain


def test_timeline_missing_store_says_ingest_first(tmp_path):
    result = runner.invoke(app, ["timeline", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "bilat ingest" in result.stderr
