"""Time evaluation for issue 3: publication dates and event dates against the truth.

    python eval/run_time_eval.py                   # all corpora, Rich tables
    python eval/run_time_eval.py --corpus dev2     # one corpus: seeds | demo | dev ... dev8 | all
    python eval/run_time_eval.py --json            # machine-readable results
    python eval/run_time_eval.py --verbose         # also list every failure

Reported, never gated: there are no floors and the exit code is 0 unless the
script cannot run. The documents are those of the gold sets that
``eval/run_eval.py`` scores (``eval/gold`` for seeds and demo, ``eval/dev/gold``,
``eval/dev2/gold`` ... ``eval/dev8/gold`` for the held-out sets).

A. Publication dates
   The truth is the document's own metadata date (``DATE:`` header, JSON Lines
   field, HTML meta) when it names one day; documents without one (the seeds)
   have no truth and are not counted. Each document is dated twice by
   ``bilat.temporal.pubdate.infer_publication`` with the metadata removed:
   "text" passes the cleaned text only (url None, empty metadata); "text+url"
   keeps the URL. ``kb`` is passed when the function accepts it.
   - contains: the inferred interval [start, end] holds the true day (a
     missing end or start is an open, unbounded side);
   - <=7 days: it holds the true day, both ends are known and it is at most 7
     days wide, counting both ends (end - start <= 6 days);
   - relative: the subset the issue's bar is about, documents whose text carries
     a relative date. Rule: ``find_dates(text, anchor=true day)`` yields a
     mention with basis "relative" (yearless "July 14", "last year", "this
     month", "yesterday" ...), or the text names a weekday, "yesterday",
     "today", "tonight", "tomorrow", or "this/last/next/earlier this/later this"
     + "week/month/year".
   Issue 3 bar: <=7 days on the relative subset >= 0.90.

B. Event dates
   The pipeline runs as ``bilat.pipeline.process`` does (the metadata is kept,
   as in an export; ``--strip-metadata`` re-dates each document from its text
   and URL first). Predicted events are paired with gold events by
   ``run_eval.match_events`` (imported, not copied). For every pair whose gold
   event has a date:
   - within (the bar): the predicted interval has both ends and lies inside
     the gold date's own period (gold "2021-06": start and end both in June 2021;
     gold "2021": both in 2021; gold "2021-06-09": that day). A coarser
     prediction ("2021" for gold "2021-06") or an unknown date is a miss;
   - overlaps (information only): the predicted interval meets the gold
     period at all, e.g. a year that holds the gold month (open ends are
     unbounded).
   Background facts are paired gold events whose date's year is before the
   publication year (the truth above, else the date the pipeline used); one
   dated exactly to the publication day (start = end = that day) is a
   failure: there must be none. Information only: paired gold events without
   a date that the pipeline stamped with the publication day.
   Issue 3 bars: within >= 0.85; background facts at the publication day = 0.
"""
from __future__ import annotations

import argparse
import calendar
import inspect
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_eval  # noqa: E402  (the gold loader and the matcher are shared, not copied)

SINGLE_CORPORA = ("seeds", "demo", *run_eval.HELD_OUT)
CORPUS_CHOICES = (*SINGLE_CORPORA, "all")
MAX_WIDTH_DAYS = 7
PUB_MODES = ("text", "text+url")

_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_RELATIVE_WORDS = re.compile(
    rf"\b(?:{_WEEKDAYS}|yesterday|today|tonight|tomorrow"
    r"|(?:this|last|next|earlier\s+this|later\s+this)\s+(?:week|month|year))\b", re.I)


# --- the documents ------------------------------------------------------------------

def gold_for(corpus: str) -> list[run_eval.GoldDoc]:
    """The gold documents of one corpus ("all": every corpus) whose article is present."""
    wanted = SINGLE_CORPORA if corpus == "all" else (corpus,)
    golds: list[run_eval.GoldDoc] = []
    if "seeds" in wanted or "demo" in wanted:
        golds += [g for g in run_eval.load_gold() if g.corpus in wanted]
    for name in run_eval.HELD_OUT:
        if name in wanted and (corpus == name or run_eval.held_out_dirs(name)[0].is_dir()):
            golds += run_eval.load_held_out_gold(name)
    return [g for g in golds if g.path.is_file()]


def true_day(published: Any) -> date | None:
    """The metadata date when it names exactly one day, else None (no truth)."""
    if published.basis == "metadata" and published.start is not None and published.start == published.end:
        return published.start
    return None


def carries_relative_date(text: str, anchor: date) -> bool:
    """The rule of section A: a relative mention from find_dates, or a relative word."""
    from bilat.temporal.expressions import find_dates

    if _RELATIVE_WORDS.search(text):
        return True
    return any(m.span.basis == "relative" for m in find_dates(text, anchor=anchor))


def infer_without_metadata(text: str, url: str | None, kb: Any) -> Any:
    """``infer_publication`` with empty metadata; ``kb`` only if the function takes it."""
    from bilat.records import PubDate
    from bilat.temporal.pubdate import infer_publication

    if "kb" in inspect.signature(infer_publication).parameters:
        return infer_publication(text, url=url, metadata=PubDate(), kb=kb)
    return infer_publication(text, url=url, metadata=PubDate())


# --- A. publication dates ----------------------------------------------------------------

@dataclass(frozen=True)
class PubCheck:
    corpus: str
    doc: str
    truth: date
    relative: bool
    inferred: Mapping[str, Any]          # mode -> PubDate

    def contains(self, mode: str) -> bool:
        """An open end ("from 2020-07-14 on") is unbounded: it contains every later day."""
        p = self.inferred[mode]
        if p.start is None and p.end is None:
            return False
        return (p.start is None or p.start <= self.truth) and (p.end is None or self.truth <= p.end)

    def narrow(self, mode: str) -> bool:
        p = self.inferred[mode]
        return (self.contains(mode) and p.start is not None and p.end is not None
                and (p.end - p.start).days + 1 <= MAX_WIDTH_DAYS)


def is_unknown(span: Any) -> bool:
    """A PubDate or TimeSpan with neither end known."""
    return span.start is None and span.end is None


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def pub_scores(checks: Sequence[PubCheck]) -> dict[str, float]:
    out: dict[str, float] = {"documents": float(len(checks)),
                             "relative_documents": float(sum(c.relative for c in checks))}
    for subset, rows in (("all", list(checks)), ("relative", [c for c in checks if c.relative])):
        for mode in PUB_MODES:
            out[f"{subset}.{mode}.contains"] = _share(sum(c.contains(mode) for c in rows), len(rows))
            out[f"{subset}.{mode}.within_7_days"] = _share(sum(c.narrow(mode) for c in rows), len(rows))
            out[f"{subset}.{mode}.unknown"] = float(sum(is_unknown(c.inferred[mode]) for c in rows))
    return out


def _show_pub(p: Any) -> str:
    if is_unknown(p):
        return "unknown"
    span = str(p.start) if p.start == p.end else f"{p.start or '...'}..{p.end or '...'}"
    return f"{span} ({p.basis}: {p.evidence})"


def pub_failures(checks: Sequence[PubCheck]) -> list[str]:
    lines = []
    for c in checks:
        for mode in PUB_MODES:
            if not c.narrow(mode):
                what = "WRONG" if c.inferred[mode].start is not None and not c.contains(mode) else (
                    "TOO WIDE" if c.contains(mode) else "UNKNOWN")
                lines.append(f"[{c.corpus}/{c.doc}] PUBDATE {mode} {what}{' (relative)' if c.relative else ''}: "
                             f"true {c.truth}, inferred {_show_pub(c.inferred[mode])}")
    return lines


# --- B. event dates -----------------------------------------------------------------------

def gold_period(value: str) -> tuple[date, date]:
    """"2021" -> whole year, "2021-06" -> whole month, "2021-06-09" -> that day."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        y, m = parts
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    day = date(*parts)
    return day, day


@dataclass(frozen=True)
class DateCheck:
    corpus: str
    doc: str
    gold_date: str | None
    gold_anchor: str
    predicted: Any                        # TimeSpan of the paired predicted event
    publication: date | None              # truth, else the date the pipeline used

    @property
    def within(self) -> bool:
        lo, hi = gold_period(self.gold_date)
        p = self.predicted
        return p.start is not None and p.end is not None and lo <= p.start and p.end <= hi

    @property
    def overlaps(self) -> bool:
        """Open ends are unbounded ("since 2017" meets every later gold period)."""
        lo, hi = gold_period(self.gold_date)
        p = self.predicted
        if p.start is None and p.end is None:
            return False
        return (p.start is None or p.start <= hi) and (p.end is None or p.end >= lo)

    @property
    def at_publication_day(self) -> bool:
        p = self.predicted
        return self.publication is not None and p.start == self.publication and p.end == self.publication

    @property
    def background(self) -> bool:
        return (self.gold_date is not None and self.publication is not None
                and int(self.gold_date[:4]) < self.publication.year)


def date_scores(checks: Sequence[DateCheck], gold_dated: int) -> dict[str, float]:
    dated = [c for c in checks if c.gold_date]
    background = [c for c in dated if c.background]
    undated = [c for c in checks if not c.gold_date]
    return {
        "gold_dated_events": float(gold_dated),
        "matched_dated": float(len(dated)),
        "within": _share(sum(c.within for c in dated), len(dated)),
        "overlaps": _share(sum(c.overlaps for c in dated), len(dated)),
        "predicted_unknown": float(sum(is_unknown(c.predicted) for c in dated)),
        "background_matched": float(len(background)),
        "background_at_publication_day": float(sum(c.at_publication_day for c in background)),
        "matched_undated": float(len(undated)),
        "undated_at_publication_day": float(sum(c.at_publication_day for c in undated)),
    }


def _show_span(p: Any) -> str:
    if is_unknown(p):
        return f"unknown ({p.basis})"
    span = str(p.start) if p.start == p.end else f"{p.start or '...'}..{p.end or '...'}"
    return f"{span} {p.granularity}/{p.basis}" + (f" from {p.text!r}" if p.text else "")


def date_failures(checks: Sequence[DateCheck]) -> list[str]:
    lines = []
    for c in checks:
        if c.gold_date and not c.within:
            tag = "BACKGROUND AT PUBLICATION DAY" if c.background and c.at_publication_day else "EVENT DATE"
            lines.append(f"[{c.corpus}/{c.doc}] {tag}: gold {c.gold_date}, predicted {_show_span(c.predicted)}"
                         f" - {c.gold_anchor}")
        elif not c.gold_date and c.at_publication_day:
            lines.append(f"[{c.corpus}/{c.doc}] UNDATED GOLD AT PUBLICATION DAY: predicted "
                         f"{_show_span(c.predicted)} - {c.gold_anchor}")
    return lines


# --- running ------------------------------------------------------------------------------

@dataclass
class Collected:
    pub: list[PubCheck] = field(default_factory=list)
    dates: list[DateCheck] = field(default_factory=list)
    gold_dated: dict[str, int] = field(default_factory=dict)
    no_truth: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


def check_publication(document: Any, gold: run_eval.GoldDoc, truth: date, kb: Any) -> PubCheck:
    """Date one document from its text alone and from its text and URL."""
    inferred = {"text": infer_without_metadata(document.text, None, kb),
                "text+url": infer_without_metadata(document.text, document.url, kb)}
    return PubCheck(gold.corpus, gold.doc, truth, carries_relative_date(document.text, truth), inferred)


def check_event_dates(events: Sequence[Any], gold: run_eval.GoldDoc, publication: date | None) -> list[DateCheck]:
    """Pair predicted events with gold events (run_eval's matcher) and keep both dates."""
    preds = [run_eval.pred_from_event(e) for e in events]
    return [DateCheck(gold.corpus, gold.doc, gold.events[j].date, gold.events[j].anchors[0], events[i].date,
                      publication)
            for i, j in run_eval.match_events(preds, gold.events)]


def collect(golds: Sequence[run_eval.GoldDoc], strip_metadata: bool = False) -> Collected:
    """Date every gold document without its metadata and run the pipeline on it."""
    from bilat.config import load_settings
    from bilat.knowledge import load_knowledge
    from bilat.nlp import analyse, load_nlp
    from bilat.pipeline import cleaned_documents, date_document, document_result
    from bilat.records import PubDate, Rejected

    settings = load_settings(db=":memory:")
    kb = load_knowledge(settings.kb_files)
    by_key = {g.key: g for g in golds}
    out = Collected()
    for g in golds:
        out.gold_dated[g.corpus] = out.gold_dated.get(g.corpus, 0) + sum(1 for e in g.events if e.date)
    documents = []
    for item in cleaned_documents(sorted({str(g.path) for g in golds}), settings):
        if isinstance(item, Rejected):
            out.rejected.append(item.message())
            continue
        gold = by_key.get(run_eval._result_key(item.path))
        if gold is None:
            continue
        truth = true_day(item.published)
        if truth is None:
            out.no_truth.append(f"{gold.corpus}/{gold.doc}")
        else:
            out.pub.append(check_publication(item, gold, truth, kb))
        if strip_metadata:
            item = date_document(replace(item, published=PubDate()))
        documents.append((item, gold, truth))
    nlp = load_nlp(kb, settings.model)
    for sdoc, (document, gold, truth) in analyse(nlp, ((d.text, (d, g, t)) for d, g, t in documents),
                                                  settings.batch_size):
        events = document_result(document, sdoc, kb).events
        out.dates += check_event_dates(events, gold, truth or document.published.start)
    return out


def results_by_corpus(data: Collected, corpus: str) -> dict[str, dict[str, dict[str, float]]]:
    names = [c for c in SINGLE_CORPORA if c in data.gold_dated] if corpus == "all" else [corpus]
    if corpus == "all" and len(names) > 1:
        names.append("all")
    out: dict[str, dict[str, dict[str, float]]] = {}
    for name in names:
        keep = (lambda c: True) if name == "all" else (lambda c, n=name: c.corpus == n)
        gold_dated = sum(v for k, v in data.gold_dated.items() if name in ("all", k))
        out[name] = {"publication": pub_scores([c for c in data.pub if keep(c)]),
                     "events": date_scores([c for c in data.dates if keep(c)], gold_dated)}
    return out


# --- reporting -------------------------------------------------------------------------------

def render(results: Mapping[str, Mapping[str, Mapping[str, float]]], data: Collected) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    pub = Table(title="bilat time eval A: publication dates inferred without metadata (reported, not gated)")
    for name in ("corpus", "subset", "input", "docs", "contains", f"<={MAX_WIDTH_DAYS} days", "unknown"):
        pub.add_column(name, justify="left" if name in ("corpus", "subset", "input") else "right")
    for corpus, r in results.items():
        p = r["publication"]
        if not p["documents"]:
            pub.add_row(corpus, "-", "-", "0", "n/a", "n/a", "n/a")
            continue
        for subset, count in (("all", p["documents"]), ("relative", p["relative_documents"])):
            for mode in PUB_MODES:
                pub.add_row(corpus, subset, mode, f"{count:.0f}", f"{p[f'{subset}.{mode}.contains']:.3f}",
                            f"{p[f'{subset}.{mode}.within_7_days']:.3f}", f"{p[f'{subset}.{mode}.unknown']:.0f}")
    console.print(pub)
    if data.no_truth:
        console.print(f"no metadata date (not scored in A): {len(data.no_truth)} documents, e.g. {data.no_truth[0]}")
    ev = Table(title="bilat time eval B: event dates of paired events (reported, not gated)")
    ev.add_column("metric")
    for corpus in results:
        ev.add_column(corpus, justify="right")
    for metric in ("gold_dated_events", "matched_dated", "within", "overlaps", "predicted_unknown",
                   "background_matched", "background_at_publication_day", "matched_undated",
                   "undated_at_publication_day"):
        cells = []
        for corpus in results:
            value = results[corpus]["events"][metric]
            cells.append(f"{value:.3f}" if metric in ("within", "overlaps") else f"{value:.0f}")
        ev.add_row(metric, *cells)
    console.print(ev)
    for message in data.rejected:
        console.print(f"REJECTED {message}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Score publication-date inference and event dates (issue 3); "
                                                 "reported, never gated.")
    parser.add_argument("--corpus", choices=CORPUS_CHOICES, default="all", help="which gold set (default all)")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--verbose", action="store_true", help="list every failure")
    parser.add_argument("--strip-metadata", action="store_true",
                        help="event dates too are computed with the documents' metadata removed")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        golds = gold_for(args.corpus)
    except run_eval.GoldError as exc:
        print(f"cannot load the gold: {exc}", file=sys.stderr)
        return 2
    if not golds:
        print(f"no gold documents with their article present for --corpus {args.corpus}", file=sys.stderr)
        return 2
    try:
        data = collect(golds, strip_metadata=args.strip_metadata)
    except ImportError as exc:
        print(f"cannot run the pipeline: {exc}. Install bilat (pip install -e .) first.", file=sys.stderr)
        return 2
    results = results_by_corpus(data, args.corpus)
    failures = pub_failures(data.pub) + date_failures(data.dates) if args.verbose else []
    if args.json:
        print(json.dumps({"results": results, "no_truth": data.no_truth, "rejected": data.rejected,
                          "failures": failures}, indent=2))
    else:
        render(results, data)
        if failures:
            print("\n".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
