"""The quality gate: score the bilat pipeline against the hand-annotated gold set.

    python eval/run_eval.py                  # table; exit 1 if a metric is below its floor
    python eval/run_eval.py --json           # machine-readable results
    python eval/run_eval.py --verbose        # also list false positives and misses
    python eval/run_eval.py --update-floors  # raise floors to today's scores (never lowers)
    python eval/run_eval.py --corpus dev     # the held-out dev set (eval/dev), reported, never gated
    python eval/run_eval.py --corpus dev2    # the second held-out set (eval/dev2), reported, never gated
    python eval/run_eval.py --corpus dev3    # the third held-out set (eval/dev3), measure only, never gated

The gold files (``eval/gold/*.yaml``) and the rules behind them are described in
``eval/GUIDELINES.md``. The pipeline runs without a store. A predicted event
matches a gold event when one of its mention sentences contains one of the gold
anchors; pairs are formed one to one, preferring the same category.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from bilat.errors import BilatError
from bilat.records import CATEGORIES, FACTUALITIES

EVAL_DIR = Path(__file__).resolve().parent
REPO = EVAL_DIR.parent
GOLD_DIR = EVAL_DIR / "gold"
FLOORS_FILE = EVAL_DIR / "floors.json"
DEMO_DIR = REPO / "src" / "bilat" / "demo" / "corpus"
SEEDS_DIR = REPO.parent / "shared" / "corpus" / "seeds"
DEV_GOLD_DIR = EVAL_DIR / "dev" / "gold"
DEV_CORPUS_DIR = EVAL_DIR / "dev" / "corpus"
CORPORA = ("seeds", "demo", "all")          # gated corpora (eval/floors.json)
DEV = "dev"                                  # held-out development set: scored, never gated
DEV2 = "dev2"                                # second held-out set, annotated before any run: never gated
DEV3 = "dev3"                                # third held-out set, for measuring only (never tuned on): never gated
DEV4 = "dev4"                                # fourth held-out set (session 3), never gated
DEV5 = "dev5"                                # fifth held-out set (session 3), never gated
DEV6 = "dev6"                                # sixth held-out set (written session 3, first run session 4)
DEV7 = "dev7"                                # seventh held-out set (written session 4)
DEV8 = "dev8"                                # eighth held-out set (written session 4, kept unread for session 5)
HELD_OUT = (DEV, DEV2, DEV3, DEV4, DEV5, DEV6, DEV7, DEV8)  # held-out sets live in eval/<name>/{gold,corpus}
TABLE_CORPORA = ("seeds", "demo", *HELD_OUT, "all")
MAX_ANCHOR_WORDS = 8

GATED_METRICS = (
    "event_precision", "event_recall", "event_f1",
    "category_precision", "category_recall", "category_f1",
    "factuality_accuracy", "factuality_macro_f1",
    "asserted_precision", "asserted_precision_matched",
    "states_precision", "states_recall", "states_f1",
)

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00a0": " "})
_SPACES = re.compile(r"\s+")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_GOLD_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])[ \t]+(?=[A-Z\u201c\"(])|\s*\n\s*")


class GoldError(BilatError):
    """A gold file is malformed; the message names the file, the event and the field."""


@dataclass(frozen=True)
class GoldEvent:
    anchors: tuple[str, ...]
    category: str
    factuality: str
    countries: tuple[str, ...]
    date: str | None = None


@dataclass(frozen=True)
class GoldDoc:
    doc: str                       # as written in the gold file: "x.txt" or "x.jsonl#2"
    corpus: str                    # "seeds" | "demo" | one of HELD_OUT
    path: Path                     # the article file
    record: int | None             # JSON Lines record number (from 1), else None
    events: tuple[GoldEvent, ...]
    ignore: tuple[str, ...] = ()   # anchors of sentences where predictions are not counted
    source: Path | None = None     # the gold file itself

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.path.name, self.record)


@dataclass(frozen=True)
class PredEvent:
    category: str
    factuality: str
    countries: tuple[str, ...]
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class DocOutcome:
    gold: GoldDoc
    preds: tuple[PredEvent, ...]            # after dropping those in ignored sentences
    pairs: tuple[tuple[int, int], ...]      # (pred index, gold index)
    rejected: str | None = None


# --- gold files -----------------------------------------------------------------

def normalise(text: str) -> str:
    """Case, typographic quotes and whitespace folded, for anchor matching."""
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip().casefold()


def _fail(source: Path, where: str, problem: str) -> GoldError:
    return GoldError(f"{source.name}: {where}: {problem} (see eval/GUIDELINES.md, section 6)")


def _parse_event(raw: Any, source: Path, index: int) -> GoldEvent:
    where = f"event {index + 1}"
    if not isinstance(raw, Mapping):
        raise _fail(source, where, "is not a mapping")
    anchors = raw.get("anchors")
    if not isinstance(anchors, list) or not anchors or not all(isinstance(a, str) and a.strip() for a in anchors):
        raise _fail(source, where, "'anchors' must be a non-empty list of strings")
    for anchor in anchors:
        if len(anchor.split()) > MAX_ANCHOR_WORDS:
            raise _fail(source, where, f"anchor {anchor!r} has more than {MAX_ANCHOR_WORDS} words; shorten it")
    if raw.get("category") not in CATEGORIES:
        raise _fail(source, where, f"'category' {raw.get('category')!r} is not one of {', '.join(CATEGORIES)}")
    if raw.get("factuality") not in FACTUALITIES:
        raise _fail(source, where, f"'factuality' {raw.get('factuality')!r} is not one of {', '.join(FACTUALITIES)}")
    countries = raw.get("countries")
    if not isinstance(countries, list) or not countries or not all(isinstance(c, str) and _ISO3.match(c) for c in countries):
        raise _fail(source, where, "'countries' must be a non-empty list of ISO3 codes")
    if countries != sorted(set(countries)):
        raise _fail(source, where, f"'countries' {countries} must be sorted and without repeats")
    date = raw.get("date")
    if date is not None and not _GOLD_DATE.match(str(date)):
        raise _fail(source, where, f"'date' {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return GoldEvent(tuple(anchors), raw["category"], raw["factuality"], tuple(countries),
                     None if date is None else str(date))


def resolve_doc(doc: str, demo_dir: Path = DEMO_DIR, seeds_dir: Path = SEEDS_DIR) -> tuple[str, Path, int | None]:
    """``"x.jsonl#2"`` -> (corpus, path, 2). Demo files win over seeds of the same name."""
    name, _, suffix = doc.partition("#")
    record = int(suffix) if suffix.isdigit() else None
    for corpus, folder in (("demo", demo_dir), ("seeds", seeds_dir)):
        if (folder / name).is_file():
            return corpus, folder / name, record
    corpus = "seeds" if re.match(r"^\d{3}_", name) else "demo"
    return corpus, (seeds_dir if corpus == "seeds" else demo_dir) / name, record


def load_gold_file(source: Path, demo_dir: Path = DEMO_DIR, seeds_dir: Path = SEEDS_DIR) -> GoldDoc:
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoldError(f"{source.name}: not valid YAML ({exc}); fix the syntax") from exc
    if not isinstance(raw, Mapping) or not isinstance(raw.get("doc"), str):
        raise _fail(source, "top level", "needs a 'doc' file name and an 'events' list")
    events = raw.get("events") or []
    if not isinstance(events, list):
        raise _fail(source, "top level", "'events' must be a list")
    ignore = raw.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(a, str) for a in ignore):
        raise _fail(source, "top level", "'ignore' must be a list of anchor strings")
    corpus, path, record = resolve_doc(raw["doc"], demo_dir, seeds_dir)
    return GoldDoc(raw["doc"], corpus, path, record,
                   tuple(_parse_event(e, source, i) for i, e in enumerate(events)),
                   tuple(ignore), source)


def load_gold(gold_dir: Path = GOLD_DIR, demo_dir: Path = DEMO_DIR, seeds_dir: Path = SEEDS_DIR) -> list[GoldDoc]:
    files = sorted(gold_dir.glob("*.yaml"))
    if not files:
        raise GoldError(f"{gold_dir}: no gold files (*.yaml); see eval/GUIDELINES.md")
    return [load_gold_file(f, demo_dir, seeds_dir) for f in files]


def held_out_dirs(name: str) -> tuple[Path, Path]:
    """(gold folder, article folder) of a held-out set: ``eval/<name>/gold`` and ``eval/<name>/corpus``."""
    if name not in HELD_OUT:
        raise GoldError(f"{name!r} is not a held-out set; use one of {', '.join(HELD_OUT)}")
    return EVAL_DIR / name / "gold", EVAL_DIR / name / "corpus"


def load_dev_gold(gold_dir: Path = DEV_GOLD_DIR, corpus_dir: Path = DEV_CORPUS_DIR, name: str = DEV) -> list[GoldDoc]:
    """A held-out set (default the first dev set): gold in ``gold_dir``, articles in ``corpus_dir``."""
    return [replace(g, corpus=name, path=corpus_dir / g.path.name)
            for g in load_gold(gold_dir, corpus_dir, corpus_dir)]


def load_held_out_gold(name: str, gold_dir: Path | None = None) -> list[GoldDoc]:
    """The held-out set ``name`` (one of HELD_OUT), optionally with another gold folder."""
    default_gold, corpus_dir = held_out_dirs(name)
    return load_dev_gold(gold_dir or default_gold, corpus_dir, name)


def article_text(gold: GoldDoc) -> str:
    """The raw text a gold document's anchors must be found in (one record for JSON Lines)."""
    text = gold.path.read_text(encoding="utf-8")
    if gold.record is None:
        return text
    lines = text.splitlines()
    if not 1 <= gold.record <= len(lines):
        raise GoldError(f"{gold.doc}: {gold.path.name} has {len(lines)} lines, no record {gold.record}")
    record = json.loads(lines[gold.record - 1])
    return "\n".join(str(record.get(k) or "") for k in ("title", "text"))


def missing_anchors(gold: GoldDoc) -> list[str]:
    """Anchors (and ignore entries) that do not occur in the article."""
    text = normalise(article_text(gold))
    wanted = [a for e in gold.events for a in e.anchors] + list(gold.ignore)
    return [a for a in wanted if normalise(a) not in text]


# --- matching -------------------------------------------------------------------

def pred_from_event(event: Any) -> PredEvent:
    """A ``bilat.records.Event`` reduced to what the scorer needs."""
    return PredEvent(event.category, event.factuality, tuple(sorted(set(event.countries))),
                     tuple(m.sentence for m in event.mentions))


def anchor_hits(pred: PredEvent, anchors: Iterable[str]) -> int:
    sentences = [normalise(s) for s in pred.sentences]
    return sum(1 for a in anchors if any(normalise(a) in s for s in sentences))


def match_events(preds: Sequence[PredEvent], golds: Sequence[GoldEvent]) -> list[tuple[int, int]]:
    """One-to-one greedy pairing: same category first, then same factuality, then most anchors hit."""
    candidates = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            hits = anchor_hits(pred, gold.anchors)
            if hits:
                key = (pred.category == gold.category, pred.factuality == gold.factuality, hits)
                candidates.append((key, i, j))
    candidates.sort(key=lambda c: (c[0], -c[1], -c[2]), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def score_document(gold: GoldDoc, preds: Sequence[PredEvent], rejected: str | None = None) -> DocOutcome:
    """Pair predictions with gold events; unmatched predictions in ignored sentences drop out."""
    pairs = match_events(preds, gold.events)
    matched = {i for i, _ in pairs}
    keep = [i for i, p in enumerate(preds) if i in matched or not anchor_hits(p, gold.ignore)]
    index = {old: new for new, old in enumerate(keep)}
    return DocOutcome(gold, tuple(preds[i] for i in keep),
                      tuple((index[i], j) for i, j in pairs), rejected)


# --- metrics --------------------------------------------------------------------

def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(prefix: str, tp: float, n_pred: float, n_gold: float) -> dict[str, float]:
    p, r = _ratio(tp, n_pred), _ratio(tp, n_gold)
    return {f"{prefix}_precision": p, f"{prefix}_recall": r, f"{prefix}_f1": _f1(p, r)}


def macro_f1(pairs: Sequence[tuple[str, str]]) -> float:
    """Macro-F1 over the labels seen in (gold, predicted) pairs."""
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs})
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        p = _ratio(tp, sum(1 for _, p in pairs if p == label))
        r = _ratio(tp, sum(1 for g, _ in pairs if g == label))
        scores.append(_f1(p, r))
    return sum(scores) / len(scores) if scores else 0.0


def score(outcomes: Sequence[DocOutcome]) -> dict[str, float]:
    """Detection, category, factuality and state scores pooled over documents (micro)."""
    n_pred = sum(len(o.preds) for o in outcomes)
    n_gold = sum(len(o.gold.events) for o in outcomes)
    matched = [(o.preds[i], o.gold.events[j]) for o in outcomes for i, j in o.pairs]
    same_cat = sum(1 for p, g in matched if p.category == g.category)
    fact_pairs = [(g.factuality, p.factuality) for p, g in matched]
    asserted = [p for o in outcomes for p in o.preds if p.factuality == "asserted"]
    asserted_matched = [(p, g) for p, g in matched if p.factuality == "asserted"]
    asserted_ok = sum(1 for _, g in asserted_matched if g.factuality == "asserted")
    state_tp = sum(len(set(p.countries) & set(g.countries)) for p, g in matched)
    result = {"documents": float(len(outcomes)), "gold_events": float(n_gold),
              "predicted_events": float(n_pred), "matched": float(len(matched))}
    result |= _prf("event", len(matched), n_pred, n_gold)
    result |= _prf("category", same_cat, n_pred, n_gold)
    result["factuality_accuracy"] = _ratio(sum(1 for g, p in fact_pairs if g == p), len(fact_pairs))
    result["factuality_macro_f1"] = macro_f1(fact_pairs)
    result["asserted_precision"] = _ratio(asserted_ok, len(asserted))
    result["asserted_precision_matched"] = _ratio(asserted_ok, len(asserted_matched))
    result |= _prf("states", state_tp, sum(len(p.countries) for p, _ in matched),
                   sum(len(g.countries) for _, g in matched))
    return result


def score_corpora(outcomes: Sequence[DocOutcome]) -> dict[str, dict[str, float]]:
    by_corpus = {c: [o for o in outcomes if c == "all" or o.gold.corpus == c] for c in CORPORA}
    return {c: score(docs) for c, docs in by_corpus.items() if docs}


# --- floors ---------------------------------------------------------------------

def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, float]]:
    try:
        floors = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read the floors ({exc}); restore it from git") from exc
    for corpus, metrics in floors.items():
        unknown = set(metrics) - set(GATED_METRICS)
        if corpus not in CORPORA or unknown:
            raise GoldError(f"{path}: unknown corpus {corpus!r} or metrics {sorted(unknown)}; "
                            f"corpora are {CORPORA}, metrics {GATED_METRICS}")
    return floors


def below_floors(results: Mapping[str, Mapping[str, float]], floors: Mapping[str, Mapping[str, float]]) -> list[str]:
    """Human-readable failures: every measured metric below its floor."""
    return [f"{corpus}.{metric} = {results[corpus][metric]:.3f} < floor {floor:.3f}"
            for corpus, metrics in floors.items() if corpus in results
            for metric, floor in metrics.items() if results[corpus][metric] < floor - 1e-9]


def raise_floors(floors: Mapping[str, Mapping[str, float]], results: Mapping[str, Mapping[str, float]]
                 ) -> tuple[dict[str, dict[str, float]], list[str]]:
    """New floors = max(old, measured rounded down to 3 decimals). Never lowers a floor."""
    new = {c: dict(m) for c, m in floors.items()}
    changes = []
    for corpus, metrics in results.items():
        for metric in GATED_METRICS:
            old = new.setdefault(corpus, {}).get(metric, 0.0)
            measured = math.floor(metrics[metric] * 1000) / 1000
            if measured > old:
                new[corpus][metric] = measured
                changes.append(f"{corpus}.{metric}: {old:.3f} -> {measured:.3f}")
            else:
                new[corpus].setdefault(metric, old)
    return new, changes


def lowered_floors(committed: Mapping[str, Mapping[str, float]], current: Mapping[str, Mapping[str, float]]) -> list[str]:
    """Floors that the working copy lowers (or drops) relative to the committed file."""
    return [f"{corpus}.{metric}: {floor:.3f} -> {current.get(corpus, {}).get(metric, 0.0):.3f}"
            for corpus, metrics in committed.items() for metric, floor in metrics.items()
            if current.get(corpus, {}).get(metric, 0.0) < floor - 1e-9]


def committed_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, float]] | None:
    """The floors as last committed to git, or None outside a git checkout."""
    try:
        rel = path.resolve().relative_to(REPO)
        shown = subprocess.run(["git", "show", f"HEAD:{rel.as_posix()}"], cwd=REPO,
                               capture_output=True, text=True, timeout=10)
    except (ValueError, OSError, subprocess.SubprocessError):
        return None
    if shown.returncode != 0:
        return None
    try:
        return json.loads(shown.stdout)
    except json.JSONDecodeError:
        return None


def write_floors(floors: Mapping[str, Mapping[str, float]], path: Path = FLOORS_FILE) -> None:
    ordered = {c: {m: floors[c][m] for m in GATED_METRICS if m in floors[c]} for c in CORPORA if c in floors}
    path.write_text(json.dumps(ordered, indent=2) + "\n", encoding="utf-8")


# --- running the pipeline -----------------------------------------------------------

def _result_key(path: str) -> tuple[str, int | None]:
    base, _, suffix = path.rpartition("#")
    if base and suffix.isdigit():
        return (Path(base).name, int(suffix))
    return (Path(path).name, None)


def run_pipeline(golds: Sequence[GoldDoc], fallback: bool = False) -> Iterator[DocOutcome]:
    """Run ``bilat.pipeline.process`` (no store) on the gold articles and score each one;
    ``fallback`` turns on the extractor's recall mode (``bilat ingest --fallback``)."""
    from bilat.config import load_settings
    from bilat.pipeline import process

    settings = load_settings(db=":memory:", fallback=fallback)
    paths = sorted({str(g.path) for g in golds})
    by_key = {g.key: g for g in golds}
    seen: set[tuple[str, int | None]] = set()
    for item in process(paths, settings):
        if hasattr(item, "document"):
            key = _result_key(item.document.path)
            if key in by_key:
                seen.add(key)
                yield score_document(by_key[key], [pred_from_event(e) for e in item.events])
        else:
            name, record = _result_key(item.path)
            for key, gold in by_key.items():
                if key[0] == name and record in (None, key[1]) and key not in seen:
                    seen.add(key)
                    yield score_document(gold, [], rejected=item.message())
    for key, gold in by_key.items():
        if key not in seen:
            yield score_document(gold, [], rejected=f"{gold.doc}: the pipeline returned nothing for it")


# --- reporting --------------------------------------------------------------------

def sentence_containing(text: str, anchor: str) -> str:
    """The rough sentence of ``text`` holding ``anchor`` (for --verbose), else the anchor."""
    for sentence in _SENTENCE_END.split(text):
        if normalise(anchor) in normalise(sentence):
            return _SPACES.sub(" ", sentence).strip()
    return anchor


def error_listing(outcomes: Sequence[DocOutcome]) -> list[str]:
    lines = []
    for o in outcomes:
        if o.rejected:
            lines.append(f"[{o.gold.doc}] REJECTED {o.rejected}")
        matched_p = {i for i, _ in o.pairs}
        matched_g = {j for _, j in o.pairs}
        for i, p in enumerate(o.preds):
            if i not in matched_p:
                lines.append(f"[{o.gold.doc}] FALSE POSITIVE {p.category}/{p.factuality} "
                             f"{','.join(p.countries)}: {p.sentences[0] if p.sentences else ''}")
        text = article_text(o.gold) if o.gold.path.is_file() else ""
        for j, g in enumerate(o.gold.events):
            if j not in matched_g:
                lines.append(f"[{o.gold.doc}] MISS {g.category}/{g.factuality} "
                             f"{','.join(g.countries)}: {sentence_containing(text, g.anchors[0])}")
        for i, j in o.pairs:
            p, g = o.preds[i], o.gold.events[j]
            if (p.category, p.factuality) != (g.category, g.factuality):
                lines.append(f"[{o.gold.doc}] MISLABELLED {p.category}/{p.factuality} "
                             f"(gold {g.category}/{g.factuality}): {g.anchors[0]}")
    return lines


def render_table(results: Mapping[str, Mapping[str, float]], floors: Mapping[str, Mapping[str, float]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="bilat eval: pipeline vs gold")
    table.add_column("metric")
    corpora = [c for c in TABLE_CORPORA if c in results]
    for corpus in corpora:
        table.add_column(corpus, justify="right")
    for metric in ("documents", "gold_events", "predicted_events", "matched", *GATED_METRICS):
        cells = []
        for corpus in corpora:
            value = results[corpus][metric]
            floor = floors.get(corpus, {}).get(metric)
            cell = f"{value:.0f}" if metric not in GATED_METRICS else f"{value:.3f}"
            if floor is not None and value < floor - 1e-9:
                cell = f"[red]{cell} < {floor:.3f}[/red]"
            cells.append(cell)
        table.add_row(metric, *cells)
    Console().print(table)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Score the bilat pipeline against eval/gold and gate on eval/floors.json.")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--verbose", action="store_true", help="list false positives, misses and mislabelled events")
    parser.add_argument("--update-floors", action="store_true", help="raise floors to the measured scores (never lowers)")
    parser.add_argument("--corpus", choices=("seeds", "demo", *HELD_OUT),
                        help="score one corpus only; 'dev' to 'dev8' are the held-out sets in "
                             "eval/dev ... eval/dev8 (never gated)")
    parser.add_argument("--gold", type=Path, default=None,
                        help="folder of gold YAML files (default eval/gold, or eval/<set>/gold with --corpus dev..dev8)")
    parser.add_argument("--floors", type=Path, default=FLOORS_FILE, help="floors file (JSON)")
    parser.add_argument("--fallback", action="store_true",
                        help="score the extractor's recall mode (bilat ingest --fallback); never with --update-floors")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    floors = load_floors(args.floors)
    committed = committed_floors(args.floors) if args.floors == FLOORS_FILE else None
    lowered = lowered_floors(committed, floors) if committed else []
    if lowered:
        print("eval/floors.json lowers committed floors, which is not allowed: " + "; ".join(lowered)
              + ". Restore the file (floors only go up, via --update-floors).", file=sys.stderr)
        return 2
    dev = args.corpus in HELD_OUT
    if args.fallback and args.update_floors:
        print("--update-floors gates the default extractor; run it without --fallback.", file=sys.stderr)
        return 2
    if dev and args.update_floors:
        print(f"--update-floors does not apply to --corpus {args.corpus}: held-out sets are reported, never gated. "
              "Run it without --update-floors.", file=sys.stderr)
        return 2
    if dev:
        golds = load_held_out_gold(args.corpus, args.gold)
    else:
        golds = [g for g in load_gold(args.gold or GOLD_DIR) if args.corpus in (None, g.corpus)]
    absent = [g for g in golds if not g.path.is_file()]
    if absent:
        print(f"skipping {len(absent)} gold documents whose article is absent (e.g. {absent[0].path})", file=sys.stderr)
    try:
        outcomes = list(run_pipeline([g for g in golds if g.path.is_file()], fallback=args.fallback))
    except ImportError as exc:
        print(f"cannot run the pipeline: {exc}. Install bilat (pip install -e .) or finish bilat.pipeline, "
              "then run the gate again.", file=sys.stderr)
        return 2
    results = {args.corpus: score(outcomes)} if dev else score_corpora(outcomes)
    failures = below_floors(results, floors)
    if args.update_floors:
        new, changes = raise_floors(floors, results)
        write_floors(new, args.floors)
        print("floors raised: " + ("; ".join(changes) if changes else "none (no score above its floor)"), file=sys.stderr)
        failures = below_floors(results, new)
    if args.json:
        print(json.dumps({"results": results, "failures": failures,
                          "errors": error_listing(outcomes) if args.verbose else []}, indent=2))
    else:
        render_table(results, floors)
        if args.verbose:
            print("\n".join(error_listing(outcomes)))
        for failure in failures:
            print(f"BELOW FLOOR: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
