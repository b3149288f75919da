"""The `bilat` command line through Typer's CliRunner.

Most tests replace the NLP pipeline with hand-built results (``fake_pipeline``)
so they check the CLI and API alone. Tests marked ``needs_pipeline`` run the
real pipeline and the demo corpus; they are skipped until ``bilat.pipeline``
and ``bilat.demo`` exist.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Iterator

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from bilat import api
from bilat.cli import app
from bilat.config import load_settings
from bilat.records import CATEGORIES, DocumentResult, Rejected
from bilat.store import Store
from test_store import sample_results

REPO = Path(__file__).resolve().parents[1]
COMMANDS = ("ingest", "events", "timeline", "claims", "export", "stories", "demo")
runner = CliRunner(env={"BILAT_DB": None, "BILAT_KB_FILES": None})

PACKAGE = REPO / "src" / "bilat"
needs_pipeline = pytest.mark.skipif(
    not (PACKAGE / "pipeline.py").exists() or not (PACKAGE / "demo" / "__init__.py").exists(),
    reason="bilat/pipeline.py or bilat/demo/__init__.py not written yet: this test runs the real pipeline",
)


def _plain(text: str) -> str:
    """Terminal output without Rich panel borders, on one line."""
    return " ".join(re.sub(r"[\u2500-\u257f]", " ", text).split())


def _fake_process(results: list[DocumentResult], rejected: list[Rejected]):
    def process(paths, settings, *, kb=None, nlp=None, skip=None, on_progress=None) -> Iterator:
        for done, result in enumerate(results, 1):
            if on_progress:
                on_progress(done, None)
            if skip is None or not skip(result.document.doc_id):
                yield result
        yield from rejected
    return process


@pytest.fixture()
def fake_pipeline(monkeypatch):
    """Make `bilat ingest` yield the sample results plus one rejected file."""
    bad = Rejected("news/broken.bin", "binary file, not text", "convert it to .txt")
    monkeypatch.setattr(api, "_process", _fake_process(sample_results(), [bad]))


@pytest.fixture()
def db(tmp_path) -> str:
    path = tmp_path / "store.duckdb"
    with Store(path) as s:
        s.add_results(sample_results())
    return str(path)


@pytest.mark.parametrize("args", [[], *([c] for c in COMMANDS)])
def test_cli_help_everywhere(args):
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_cli_every_command_appears_in_readme():
    readme = REPO / "README.md"
    assert readme.exists(), "README.md at the repo root documents every CLI command"
    text = readme.read_text(encoding="utf-8")
    registered = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert registered == set(COMMANDS)
    missing = [c for c in sorted(registered) if f"bilat {c}" not in text]
    assert not missing, f"README.md does not show: {missing}"


@pytest.mark.parametrize(("option", "value", "listed"), [
    ("--category", "visits", "arms_transfer"),
    ("--factuality", "rumoured", "speculative"),
    ("--country", "XYZ", "ISO 3166-1 alpha-3"),
])
def test_cli_events_rejects_unknown_values_naming_valid_ones(db, option, value, listed):
    result = runner.invoke(app, ["events", "--db", db, option, value])
    assert result.exit_code == 2
    message = _plain(result.stderr)
    assert repr(value) in message and listed in message


def test_cli_events_suggests_close_category(db):
    result = runner.invoke(app, ["events", "--db", db, "--category", "visits"])
    assert "did you mean 'visit'" in _plain(result.stderr)


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_cli_events_rejects_bad_dates(db, option):
    result = runner.invoke(app, ["events", "--db", db, option, "March 2021"])
    assert result.exit_code == 2
    assert "'March 2021' is not a date" in _plain(result.stderr)


def test_cli_events_missing_store_says_ingest_first(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "run `bilat ingest PATH` first" in _plain(result.stderr)


def test_cli_events_json_applies_filters(db):
    result = runner.invoke(app, ["events", "--db", db, "--country", "chl", "--since", "2021",
                                 "--category", "visit", "--category", "arms_transfer", "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == ["ev-sale", "ev-visit"]


def test_cli_events_until_month_includes_its_last_day(db):
    result = runner.invoke(app, ["events", "--db", db, "--until", "2021-02", "--format", "json"])
    assert [r["id"] for r in json.loads(result.stdout)] == ["ev-drill", "ev-sale"]


def test_cli_events_csv_and_table(db):
    as_csv = runner.invoke(app, ["events", "--db", db, "--factuality", "negated", "--format", "csv"])
    assert as_csv.exit_code == 0
    (row,) = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert row["id"] == "ev-denial" and row["actors"] == "source:India(IND); target:Pakistan(PAK)"
    table = runner.invoke(app, ["events", "--db", db])
    assert table.exit_code == 0
    assert "4 events" in table.stdout and "exercise" in table.stdout


def test_cli_export_events_jsonl_to_stdout(db, spec_dir):
    schema = json.loads((spec_dir / "event.schema.json").read_text(encoding="utf-8"))
    result = runner.invoke(app, ["export", "events", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    for line in lines:
        Draft202012Validator(schema).validate(json.loads(line))


def test_cli_export_documents_csv_to_dash_and_file(db, tmp_path):
    to_stdout = runner.invoke(app, ["export", "documents", "--format", "csv", "--db", db, "-o", "-"])
    assert to_stdout.exit_code == 0
    assert [r["doc_id"] for r in csv.DictReader(io.StringIO(to_stdout.stdout))] == ["doc-c", "doc-a", "doc-b"]
    out = tmp_path / "docs.csv"
    to_file = runner.invoke(app, ["export", "documents", "--format", "csv", "--db", db, "-o", str(out)])
    assert to_file.exit_code == 0 and "wrote 3 documents" in to_file.stderr
    assert out.read_text(encoding="utf-8") == to_stdout.stdout


def test_cli_export_parquet_to_file_not_stdout(db, tmp_path):
    refused = runner.invoke(app, ["export", "events", "--format", "parquet", "--db", db])
    assert refused.exit_code == 2
    assert "-o events.parquet" in _plain(refused.stderr)
    out = tmp_path / "events.parquet"
    written = runner.invoke(app, ["export", "events", "--db", db, "-o", str(out)])  # format from the suffix
    assert written.exit_code == 0 and out.read_bytes()[:4] == b"PAR1"


def test_cli_export_rejects_unknown_kind_and_format(db):
    assert runner.invoke(app, ["export", "actors", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["export", "events", "--format", "xml", "--db", db]).exit_code == 2


def test_cli_export_missing_store_says_ingest_first(tmp_path):
    result = runner.invoke(app, ["export", "events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no store at" in result.stderr


def test_cli_ingest_summarises_and_lists_rejections(fake_pipeline, tmp_path):
    db = str(tmp_path / "new.duckdb")
    first = runner.invoke(app, ["ingest", "news", "--db", db])
    assert first.exit_code == 0, first.output
    out = _plain(first.stdout)
    assert "new documents 3" in out and "new events 4" in out
    assert "news/broken.bin" in out and "binary file, not text" in out
    with Store(db, read_only=True) as s:
        checksum = s.checksum()
    second = runner.invoke(app, ["ingest", "news", "--db", db])
    assert second.exit_code == 0
    assert "known documents 3" in _plain(second.stdout)
    with Store(db, read_only=True) as s:
        assert s.checksum() == checksum and s.counts()["runs"] == 2


def test_cli_ingest_exits_1_when_nothing_could_be_read(monkeypatch, tmp_path):
    monkeypatch.setattr(api, "_process", _fake_process([], [Rejected("empty.txt", "empty file")]))
    result = runner.invoke(app, ["ingest", "empty.txt", "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    assert "empty.txt" in result.stdout and "nothing could be read" in result.stderr


def test_cli_ingest_rejects_missing_knowledge_file(fake_pipeline, tmp_path):
    result = runner.invoke(app, ["ingest", "news", "--db", str(tmp_path / "s.duckdb"), "--kb", str(tmp_path / "no.yaml")])
    assert result.exit_code == 2 and "no.yaml" in _plain(result.stderr)


def test_cli_events_table_shows_dates_at_their_precision(db):
    out = runner.invoke(app, ["events", "--db", db]).stdout
    assert "2021-03-03" in out and "│ 2019 " in out and "│ ? " in out


def test_cli_ingest_api_summary_counts(fake_pipeline, tmp_path):
    settings = load_settings(env={}, db=str(tmp_path / "api.duckdb"))
    summary = api.ingest(["news"], settings)
    assert (summary.files_seen, summary.documents_new, summary.documents_known, summary.events_new) == (4, 3, 0, 4)
    assert [r.path for r in summary.rejected] == ["news/broken.bin"]
    again = api.ingest(["news"], settings)
    assert (again.documents_new, again.documents_known, again.events_new) == (0, 3, 0)
    assert {e.category for e in api.events(settings)} <= set(CATEGORIES)


# ---------------------------------------------------------------- real pipeline (needs bilat.pipeline)

@pytest.mark.slow
@needs_pipeline
def test_cli_demo_builds_a_store_and_is_idempotent(tmp_path, spec_dir):
    db = str(tmp_path / "demo.duckdb")
    first = runner.invoke(app, ["demo", "--db", db])
    assert first.exit_code == 0, first.output
    with Store(db, read_only=True) as s:
        checksum, counts = s.checksum(), s.counts()
    assert counts["documents"] > 0 and counts["events"] > 0
    again = runner.invoke(app, ["demo", "--db", db])
    assert again.exit_code == 0
    with Store(db, read_only=True) as s:
        assert s.checksum() == checksum
    exported = runner.invoke(app, ["export", "events", "--db", db])
    validator = Draft202012Validator(json.loads((spec_dir / "event.schema.json").read_text(encoding="utf-8")))
    for line in exported.stdout.splitlines():
        validator.validate(json.loads(line))


@pytest.mark.slow
@needs_pipeline
def test_cli_ingest_real_pipeline_on_demo_corpus(tmp_path, demo_dir):
    db = str(tmp_path / "ingest.duckdb")
    result = runner.invoke(app, ["ingest", str(demo_dir), "--db", db])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["events", "--db", db, "--format", "json"])
    assert listed.exit_code == 0 and json.loads(listed.stdout)


def test_cli_tables_print_bracketed_text_as_text():
    from bilat.cli import _timeline_table
    from rich.console import Console
    import io
    import bilat.cli as cli
    buffer = io.StringIO()
    record = {"when": "2022", "category": "arms_transfer", "factuality": "planned", "countries": ["KOR", "POL"],
              "summary": "[planned] KOR arms transfer to POL", "date": {"basis": "explicit", "text": "[2022]"}}
    original = cli.Console
    cli.Console = lambda **kw: Console(file=buffer, width=160, highlight=False)
    try:
        _timeline_table([record])
    finally:
        cli.Console = original
    assert "[planned] KOR arms transfer to POL" in buffer.getvalue()
