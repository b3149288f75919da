"""The ``bilat`` command line: parse, call ``bilat.api``, render with Rich, set the exit code."""
from __future__ import annotations

import calendar
import json
import re
import sys
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, Iterator, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import api
from .config import Settings, load_settings
from .errors import BilatError
from .records import CATEGORIES, FACTUALITIES, TimeSpan
from .temporal.labels import date_label
from .export.tabular import EVENT_COLUMNS, flatten_event, write_csv

app = typer.Typer(
    name="bilat", no_args_is_help=True, add_completion=False,
    help="Evidence-linked, time-resolved records of relations between states from news text.",
)
DEMO_DB = "bilat-demo.duckdb"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class EventsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class TableOrJson(str, Enum):
    """Output of the listings that have no flat form (timeline, claims)."""
    table = "table"
    json = "json"


class What(str, Enum):
    events = "events"
    documents = "documents"
    claims = "claims"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


# ---------------------------------------------------------------- helpers

def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _settings(db: str | None, kb: list[Path] | None = None, fallback: bool | None = None) -> Settings:
    with _errors():
        base = load_settings()
    extra = tuple(str(p) for p in kb or ())
    return base.with_overrides(db=db, kb_files=base.kb_files + extra if extra else None, fallback=fallback)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn a BilatError into its message on stderr and exit code 1."""
    try:
        yield
    except BilatError as exc:
        _err().print(f"error: {exc}", style="red", markup=False, soft_wrap=True)
        raise typer.Exit(1) from exc


@contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int | None], None]]:
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=_err(), transient=True) as progress:
        task = progress.add_task(label, total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


def _parse_date(value: str | None, *, end: bool) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; ``end`` picks the last day of a year or month."""
    if value is None:
        return None
    m = _DATE.match(value.strip())
    try:
        if not m:
            raise ValueError
        year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
        last = calendar.monthrange(year, month)[1]
        return date(year, month, int(day) if day else (last if end else 1))
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2021-06-30)") from None


def _check(option: str, **values: Any) -> None:
    """Validate filter values with the API's rules; a bad one is a usage error (exit 2)."""
    try:
        api.check_filters(**values)
    except BilatError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def _format_from_suffix(output: str | None) -> ExportFormat:
    suffix = Path(output).suffix.lstrip(".").lower() if output else ""
    return ExportFormat(suffix) if suffix in ExportFormat.__members__ else ExportFormat.jsonl


def _render_summary(summary: api.IngestSummary, db: str) -> None:
    table = Table(title="Ingest summary", show_header=False)
    for label, value in (("store", db), ("files", summary.files_seen), ("new documents", summary.documents_new),
                         ("known documents", summary.documents_known), ("new events", summary.events_new),
                         ("merged across documents", summary.events_merged),
                         ("rejected", len(summary.rejected))):
        table.add_row(label, str(value))
    console = Console(highlight=False)
    console.print(table)
    if summary.rejected:
        rejected = Table("path", "reason", title="Rejected inputs")
        for r in summary.rejected:
            rejected.add_row(escape(r.path), escape(r.reason + (f" ({r.hint})" if r.hint else "")))
        console.print(rejected)


def _when(d: dict[str, Any]) -> str:
    """An event date as precise as it is known: 2021-03-03, 2021-03, 2021, 2010s, before 2019, or '?'."""
    start, end = (date.fromisoformat(d[k]) if d[k] else None for k in ("start", "end"))
    return date_label(TimeSpan(start, end, d["granularity"], d["basis"]))


def _events_table(records: list[dict[str, Any]]) -> None:
    table = Table(title=f"{len(records)} events")
    related = any("related" in r for r in records)
    if related:
        table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True, max_width=12)
    table.add_column("category", overflow="fold", max_width=17)
    table.add_column("factuality", overflow="fold", max_width=11)
    table.add_column("countries", overflow="fold", max_width=11)
    table.add_column("summary", ratio=1, overflow="fold", min_width=24)
    table.add_column("docs", no_wrap=True)
    if related:
        table.add_column("related", overflow="fold")
    for r in records:
        summary = escape(r["summary"] or "; ".join(f"{a['role']}:{a['name']}" for a in r["actors"]))  # "[planned] ..." is text, not markup
        cells = [_when(r["date"]), r["category"], r["factuality"], " ".join(r["countries"]), summary,
                 f"{r['n_documents']}/{r['n_independent_sources']}"]
        table.add_row(*([r["id"], *cells, " ".join(r.get("related", []))] if related else cells))
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=160)   # logs and pipes: no wrapping at 80 columns
    console.print(table)


def _timeline_table(records: list[dict[str, Any]]) -> None:
    table = Table(title=f"{len(records)} events in date order")
    table.add_column("when", no_wrap=True)
    table.add_column("category", overflow="fold", max_width=17)
    table.add_column("factuality", overflow="fold", max_width=11)
    table.add_column("countries", overflow="fold", max_width=11)
    table.add_column("summary", ratio=1, overflow="fold", min_width=24)
    table.add_column("date from", overflow="fold", max_width=24)
    for r in records:
        d = r["date"]
        source = d["basis"] + (f": {d['text']}" if d["text"] else "")
        table.add_row(r["when"], r["category"], r["factuality"], " ".join(r["countries"]), escape(r["summary"]),
                      escape(source))
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=160)
    console.print(table)


_RENDER: dict[EventsFormat, Callable[[list[dict[str, Any]]], Any]] = {
    EventsFormat.table: _events_table,
    EventsFormat.json: lambda records: sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n"),
    EventsFormat.csv: lambda records: write_csv((flatten_event(r) for r in records), EVENT_COLUMNS, sys.stdout),
}

def _claim_value(r: dict[str, Any]) -> str:
    """A claim's value as an analyst reads it: "24 -> 54 aircraft", "EUR 3,750,000,000", "2015"."""
    if r["kind"] == "description":
        return r["description"] or ""
    if r["kind"] == "date":
        return _when(r["date"]) if r["date"] else "?"
    value = "" if r["value"] is None else f"{r['value']:,.0f}" if r["value"] >= 1000 else f"{r['value']:g}"
    if r["value_max"] is not None:
        value += f"-{r['value_max']:,.0f}"
    if r["previous"] is not None:
        value = f"{r['previous']:g} -> {value}"
    if r["kind"] == "money":
        return f"{r['unit']} {value}"
    return f"{value} {r['unit'] or ''}".strip() if r["kind"] == "quantity" else value


def _source(r: dict[str, Any]) -> str:
    return f"{Path(r['evidence']['doc_path']).name} ({r['attribution'] or '?'})"


def _wide_console() -> Console:
    console = Console(highlight=False)
    return console if console.is_terminal else Console(highlight=False, width=160)


def _claims_table(records: list[dict[str, Any]]) -> None:
    table = Table(title=f"{len(records)} claims")
    for name, width in (("kind", 11), ("subject", 28), ("attribute", 24), ("value", 22), ("text", 30), ("source", 30)):
        table.add_column(name, overflow="fold", max_width=width)
    for r in records:
        subject = f"{r['subject']['name']} [{' '.join(r['subject']['countries'])}]"
        table.add_row(r["kind"], escape(subject), r["attribute"], escape(_claim_value(r)), escape(r["text"]),
                      escape(_source(r)))
    _wide_console().print(table)


def _contradictions_table(records: list[dict[str, Any]]) -> None:
    table = Table(title=f"{len(records)} contradictions and incomparable pairs")
    for name, width in (("status", 14), ("subject", 28), ("attribute", 20), ("one side", 40), ("other side", 40)):
        table.add_column(name, overflow="fold", max_width=width)
    for r in records:
        a, b = r["sides"]
        subject = f"{r['subject']['name']} [{' '.join(r['subject']['countries'])}]"
        table.add_row(r["status"], escape(subject), r["attribute"],
                      escape(f"{_claim_value(a)} «{a['text']}» {_source(a)}"),
                      escape(f"{_claim_value(b)} «{b['text']}» {_source(b)}"))
    _wide_console().print(table)


DbOption = Annotated[Optional[str], typer.Option("--db", metavar="FILE", help="Store file (default ./bilat.duckdb, or $BILAT_DB when set).")]


# ---------------------------------------------------------------- commands

@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or URLs to read (.txt .md .html .json .jsonl).")],
    db: DbOption = None,
    kb: Annotated[Optional[list[Path]], typer.Option("--kb", metavar="FILE", help="Extra knowledge file (YAML); repeatable.",
                                                     exists=True, dir_okay=False)] = None,
    fallback: Annotated[Optional[bool], typer.Option(
        "--fallback/--no-fallback", help="Also report sentences naming two states that no trigger word catches, "
                                         "at low confidence (more recall, less precision; default off, or $BILAT_FALLBACK).")] = None,
) -> None:
    """Read articles, extract events and store them; already-stored documents are skipped."""
    settings = _settings(db, kb, fallback)
    with _errors(), _progress_bar("reading") as on_progress:
        summary = api.ingest(paths, settings, on_progress=on_progress)
    _render_summary(summary, settings.db)
    if summary.nothing_read:
        _err().print(f"nothing could be read from {' '.join(paths)}; check the paths and the reasons above",
                     style="red", markup=False)
        raise typer.Exit(1)


@app.command()
def events(
    db: DbOption = None,
    country: Annotated[Optional[list[str]], typer.Option("--country", metavar="ISO3", help="Involving this state (any of those given).")] = None,
    category: Annotated[Optional[list[str]], typer.Option("--category", metavar="CATEGORY", help=f"Only this category; repeatable. One of: {', '.join(CATEGORIES)}.")] = None,
    factuality: Annotated[Optional[list[str]], typer.Option("--factuality", metavar="FACTUALITY", help=f"Only this factuality; repeatable. One of: {', '.join(FACTUALITIES)}.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Events overlapping this day or later (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="Events overlapping this day or earlier.")] = None,
    fmt: Annotated[EventsFormat, typer.Option("--format", help="Output format.")] = EventsFormat.table,
    related: Annotated[bool, typer.Option("--related", help="Add each event's id and the ids of the other stages of the same arms transfer (table and json).")] = False,
) -> None:
    """List stored events (each happening once, with all its reports), filtered by country,
    category, factuality and date. 'docs' shows documents / independent sources."""
    country, category, factuality = country or [], category or [], factuality or []
    _check("--country", countries=country)
    _check("--category", categories=category)
    _check("--factuality", factualities=factuality)
    start, end = _parse_date(since, end=False), _parse_date(until, end=True)
    with _errors():
        records = api.event_records(_settings(db), country, category, factuality, start, end)
        if related:
            links = api.related_events(_settings(db))
            records = [{**r, "related": links.get(r["id"], [])} for r in records]
    _RENDER[fmt](records)


@app.command()
def timeline(
    db: DbOption = None,
    country: Annotated[Optional[list[str]], typer.Option("--country", metavar="ISO3", help="Involving this state (any of those given).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Events overlapping this day or later (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="Events overlapping this day or earlier.")] = None,
    fmt: Annotated[TableOrJson, typer.Option("--format", help="Output format.")] = TableOrJson.table,
) -> None:
    """Stored events in date order, each date as precise as the text allows (2021-06-09, 2021-06,
    2021, 2020s, "before 2019" for an interval open at the start). Undated events ("?") come
    last; --since or --until leaves them out."""
    country = country or []
    _check("--country", countries=country)
    start, end = _parse_date(since, end=False), _parse_date(until, end=True)
    with _errors():
        records = api.timeline(_settings(db), country, start, end)
    if fmt is TableOrJson.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        _timeline_table(records)


@app.command()
def claims(
    db: DbOption = None,
    contradictions: Annotated[bool, typer.Option("--contradictions", help="Only claims that disagree, in pairs with both sources.")] = False,
    country: Annotated[Optional[list[str]], typer.Option("--country", metavar="ISO3", help="About this state (any of those given).")] = None,
    fmt: Annotated[TableOrJson, typer.Option("--format", help="Output format.")] = TableOrJson.table,
) -> None:
    """List stored claims (quantities, money, dates, ranks, descriptions), or the contradictions among them."""
    country = country or []
    _check("--country", countries=country)
    with _errors():
        settings = _settings(db)
        records = api.contradiction_records(settings, country) if contradictions else api.claim_records(settings, country)
    if fmt is TableOrJson.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        (_contradictions_table if contradictions else _claims_table)(records)


@app.command()
def export(
    what: Annotated[What, typer.Argument(help="What to export.")],
    fmt: Annotated[Optional[ExportFormat], typer.Option("--format", help="File format (default: from the -o suffix, else jsonl).")] = None,
    db: DbOption = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Output file; '-' or none for stdout.")] = None,
) -> None:
    """Export all events, documents or claims as JSON Lines, CSV or Parquet."""
    to_stdout = output in (None, "-")
    fmt = fmt or _format_from_suffix(output)
    if to_stdout and fmt is ExportFormat.parquet:
        raise typer.BadParameter("Parquet is binary and is not written to stdout; give a file, e.g. -o events.parquet",
                                 param_hint="--format")
    with _errors():
        n = api.export(_settings(db), what.value, fmt.value, sys.stdout if to_stdout else Path(str(output)))
    if not to_stdout:
        _err().print(f"wrote {n} {what.value} to {output}", markup=False)


@app.command()
def stories(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the clusters as JSON.")] = False,
) -> None:
    """List story clusters: documents that tell the same story, their near copies and origins."""
    with _errors():
        clusters = api.stories(_settings(db))
    if as_json:
        print(json.dumps(clusters, indent=2, ensure_ascii=False))
        return
    table = Table("cluster", "published", "document", "duplicate of", "origins")
    for cluster in clusters:
        for doc in cluster["documents"]:
            table.add_row(cluster["cluster"][:12], doc["published"] or "", escape(doc["title"] or doc["path"]),
                          (doc["duplicate_of"] or "")[:12], ", ".join(doc["origins"]))
    Console(highlight=False).print(table if clusters else "no story has more than one document yet")


@app.command()
def demo(db: Annotated[str, typer.Option("--db", metavar="FILE", help="Store file for the demo.")] = DEMO_DB) -> None:
    """Ingest the bundled demo corpus into its own store, then show what to try next."""
    settings = _settings(db)
    with _errors(), _progress_bar("demo") as on_progress:
        summary = api.demo(settings, on_progress=on_progress)
    _render_summary(summary, settings.db)
    with _errors():
        _events_table(api.event_records(settings))
    Console(highlight=False).print(f"Next: bilat events --db {settings.db} --country ISO3 --format json", markup=False)


def main() -> None:
    app()
