"""Exports follow the shared JSON Schemas exactly; CSV and Parquet round-trip."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest
from jsonschema import Draft202012Validator

from bilat.errors import ExportError
from bilat.export import (
    cameo_code, document_record, event_record, event_records, export, flatten_event, load_crosswalk,
    plover_code,
)
from bilat.export.tabular import DOCUMENT_COLUMNS, EVENT_COLUMNS, actor_label, item_label
from bilat.records import CATEGORIES, FACTUALITIES
from bilat.store import Store
from test_store import sample_results


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        s.add_results(sample_results())
        yield s


def _validator(spec_dir: Path, name: str) -> Draft202012Validator:
    schema = json.loads((spec_dir / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _assert_valid(validator: Draft202012Validator, record: dict) -> None:
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(record)]
    assert not errors, errors


def test_export_event_records_follow_event_schema(store, spec_dir):
    validator = _validator(spec_dir, "event.schema.json")
    records = event_records(store)
    assert len(records) == 4
    for record in records:
        _assert_valid(validator, record)
        assert set(record) <= set(validator.schema["properties"])


def test_export_document_records_follow_document_schema(store, spec_dir):
    validator = _validator(spec_dir, "document.schema.json")
    for doc in store.documents():
        record = document_record(doc)
        _assert_valid(validator, record)
        assert set(record) <= set(validator.schema["properties"])


def test_export_event_record_dates_countries_and_codes():
    sale = sample_results()[0].events[1]
    record = event_record(sale, n_documents=1, n_independent_sources=1)
    assert record["date"] == {"start": "2021-01-01", "end": "2021-12-31", "granularity": "year",
                              "basis": "document", "text": None}
    assert record["countries"] == ["CHL", "NOR"]
    assert record["cameo"] == "0332"          # planned arms transfer: intent to provide military aid
    assert record["plover"] == {"type": "AID", "mode": "military"}
    assert record["items"] == [{"kind": "equipment", "name": "patrol boat", "quantity": 12, "value": "$450 million"}]
    assert record["mentions"][0]["attribution"] == "the outlet"


def test_export_event_records_count_documents_and_clusters(store):
    by_id = {r["id"]: r for r in event_records(store)}
    assert (by_id["ev-visit"]["n_documents"], by_id["ev-visit"]["n_independent_sources"]) == (2, 2)
    assert by_id["ev-visit"]["location"] == {"name": "Santiago", "country": "CHL"}
    assert by_id["ev-denial"]["date"]["start"] is None


@pytest.mark.parametrize("category", CATEGORIES)
def test_export_crosswalk_maps_every_category(category):
    assert cameo_code(category, "asserted")
    assert plover_code(category, "asserted")["type"].isupper()
    assert cameo_code(category, "negated") is None
    intent, appeal = cameo_code(category, "planned"), cameo_code(category, "proposed")
    assert intent is None or intent.startswith("03")
    assert appeal is None or appeal.startswith("02")
    assert cameo_code(category, "negotiating") == intent


@pytest.mark.parametrize(("category", "factuality", "cameo"), [
    ("visit", "asserted", "042"), ("visit", "planned", "036"), ("visit", "proposed", "026"),
    ("exercise", "negotiating", "0312"), ("agreement", "asserted", "057"), ("criticism", "negated", None),
    ("recognition", "speculative", "054"),
])
def test_export_cameo_code_follows_factuality(category, factuality, cameo):
    assert cameo_code(category, factuality) == cameo


def test_export_plover_agreed_plans_map_to_agree():
    assert plover_code("agreement", "planned")["type"] == "AGREE"
    assert plover_code("agreement", "asserted")["type"] == "SUPPORT"


def test_export_crosswalk_declares_every_factuality_override():
    modes = load_crosswalk()["factuality"]
    assert set(modes["intent"]) | set(modes["appeal"]) | set(modes["no_cameo"]) <= set(FACTUALITIES)


def test_export_jsonl_to_text_binary_and_path(store, spec_dir, tmp_path):
    validator = _validator(spec_dir, "event.schema.json")
    text, binary, path = io.StringIO(), io.BytesIO(), tmp_path / "events.jsonl"
    assert export(store, "events", "jsonl", text) == 4
    assert export(store, "events", "jsonl", binary) == 4
    assert export(store, "events", "jsonl", path) == 4
    assert binary.getvalue().decode("utf-8") == text.getvalue() == path.read_text(encoding="utf-8")
    for line in text.getvalue().splitlines():
        _assert_valid(validator, json.loads(line))


def test_export_documents_jsonl_validates(store, spec_dir):
    validator = _validator(spec_dir, "document.schema.json")
    out = io.StringIO()
    assert export(store, "documents", "jsonl", out) == 3
    for line in out.getvalue().splitlines():
        _assert_valid(validator, json.loads(line))


def test_export_csv_flattens_nested_fields(store):
    out = io.StringIO()
    assert export(store, "events", "csv", out) == 4
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert list(next(iter(rows.values()))) == [name for name, _ in EVENT_COLUMNS]
    visit = rows["ev-visit"]
    assert visit["actors"] == "source:Kari Example(NOR); target:Chile(CHL)"
    assert visit["countries"] == "CHL; NOR"
    assert visit["n_mentions"] == "2" and visit["first_sentence"].startswith("The defence minister")
    assert visit["plover_type"] == "CONSULT" and visit["cameo"] == "042"
    assert rows["ev-sale"]["items"] == "equipment:patrol boat x12 ($450 million)"
    assert rows["ev-denial"]["date_start"] == "" and rows["ev-denial"]["cameo"] == ""


def test_export_csv_round_trips_flat_rows(store):
    out = io.StringIO()
    export(store, "events", "csv", out)
    expected = [{k: "" if v is None else str(v) for k, v in flatten_event(r).items()} for r in event_records(store)]
    assert list(csv.DictReader(io.StringIO(out.getvalue()))) == expected


def test_export_parquet_round_trips_with_types(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert export(store, "events", "parquet", path) == 4
    con = duckdb.connect()
    names = [name for name, _ in EVENT_COLUMNS]
    rows = con.execute(f"SELECT {', '.join(names)} FROM read_parquet(?) ORDER BY id", [str(path)]).fetchall()
    got = {r[0]: dict(zip(names, r)) for r in rows}
    assert got["ev-visit"]["date_start"] == date(2021, 3, 3)
    assert got["ev-visit"]["n_documents"] == 2 and got["ev-visit"]["confidence"] == pytest.approx(0.8)
    assert got["ev-sale"]["actors"] == "source:Norway(NOR); target:Chile(CHL)"
    assert got["ev-denial"]["date_start"] is None and got["ev-denial"]["cameo"] is None


def test_export_documents_parquet_to_binary_stream(store, tmp_path):
    buffer = io.BytesIO()
    assert export(store, "documents", "parquet", buffer) == 3
    path = tmp_path / "documents.parquet"
    path.write_bytes(buffer.getvalue())
    rows = duckdb.connect().execute("SELECT * FROM read_parquet(?) ORDER BY doc_id", [str(path)]).fetchall()
    assert [r[0] for r in rows] == ["doc-a", "doc-b", "doc-c"]
    assert len(rows[0]) == len(DOCUMENT_COLUMNS)


def test_export_parquet_refuses_text_stream(store):
    with pytest.raises(ExportError, match="Parquet is binary"):
        export(store, "events", "parquet", io.StringIO())


def test_export_unknown_format_names_valid_ones(store):
    with pytest.raises(ExportError, match="'xml'.*jsonl, csv, parquet"):
        export(store, "events", "xml", io.StringIO())  # type: ignore[arg-type]


def test_export_labels_leave_out_unknown_parts():
    assert actor_label({"role": "target", "name": "a navy", "country": None}) == "target:a navy"
    assert item_label({"kind": "other", "name": "radar", "quantity": None, "value": None}) == "other:radar"
