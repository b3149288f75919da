"""Cross-document linking: how events merge on the seeds + demo corpus, and how the
cost of linking grows with the corpus (1x, 4x, 16x).

    python benchmarks/bench_crossdoc.py [--scales 1 4 16] [--json]

The pipeline runs once over the demo corpus (and the seeds when ../shared is present).
Each scale N stores N copies of every document result (a copy differs in its doc id
and event ids, as a re-published article would) into a fresh in-memory store, in
batches of 64 like ``bilat ingest``, linking each batch as it lands. Reported per
scale: CPU seconds spent storing + linking, seconds per 1,000 documents (flat = linear),
candidate pairs against all pairs, and events before and after merging. At 1x it
also lists every event that spans several documents, for checking by hand.

Copies are the worst case for blocking: every happening is reported N times, so its
block holds N reports and scoring grows with N per new report. A corpus that grows
with new happenings keeps blocks (category, two states, one year) about the same size:
``--corpus realistic`` measures that. There the n-th copy of the corpus tells new
happenings (every date moved n years on, every state renamed to another state by a
per-copy rotation of the ISO3 codes, as a corpus covering more years and more pairs
would), and one document in four is also re-published by a second outlet (an exact
copy of the same happening), so blocks hold a few reports each, as in real news.

    python benchmarks/bench_crossdoc.py --corpus realistic
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import replace
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
BATCH = 64


def analysed_corpus() -> list:
    from bilat.config import load_settings
    from bilat.demo import corpus_path
    from bilat.pipeline import process
    from bilat.records import DocumentResult

    paths = [corpus_path()] + ([SEEDS] if SEEDS.exists() else [])
    return [r for r in process(paths, load_settings(env={}, db=":memory:")) if isinstance(r, DocumentResult)]


def _copy_id(value: str, n: int) -> str:
    return value if n == 0 else value[:1] + hashlib.sha256(f"{value}|{n}".encode()).hexdigest()[:16]


def copy_result(result, n: int):
    """The n-th copy of a document result: new doc id and event ids, same content."""
    if n == 0:
        return result
    doc = replace(result.document, doc_id=_copy_id(result.document.doc_id, n), path=f"copy{n}/{result.document.path}")
    events = tuple(replace(e, id=_copy_id(e.id, n),
                           mentions=tuple(replace(m, doc_id=doc.doc_id, doc_path=doc.path) for m in e.mentions))
                   for e in result.events)
    return replace(result, document=doc, events=events)


def _shifted(d, years: int):
    if d is None or years == 0:
        return d
    try:
        return d.replace(year=d.year + years)
    except ValueError:                     # 29 February
        return d.replace(year=d.year + years, day=28)


def _renamer(codes: list[str], n: int):
    rotation = {c: codes[(i + 37 * n) % len(codes)] for i, c in enumerate(codes)}
    return lambda code: rotation.get(code, code) if code else code


def new_happenings(result, n: int, codes: list[str]):
    """The n-th copy of a document result as a report of other happenings: dates ``n`` years
    on, states renamed by a per-copy rotation of ``codes``; new doc and event ids."""
    copy = copy_result(result, n)
    if n == 0:
        return copy
    rename = _renamer(codes, n)

    def moved(e):
        span = replace(e.date, start=_shifted(e.date.start, n), end=_shifted(e.date.end, n))
        actors = tuple(replace(a, country=rename(a.country)) for a in e.actors)
        location = replace(e.location, country=rename(e.location.country)) if e.location else None
        return replace(e, date=span, actors=actors, location=location,
                       countries=tuple(sorted({rename(c) for c in e.countries})))
    return replace(copy, events=tuple(moved(e) for e in copy.events))


def realistic_stream(results: list, copies: int):
    """``copies`` corpora of new happenings, one document in four re-published once more."""
    from bilat.api import valid_iso3
    codes = sorted(valid_iso3())
    for n in range(copies):
        for i, r in enumerate(results):
            fresh = new_happenings(r, n, codes)
            yield fresh
            if i % 4 == 0:
                yield copy_result(fresh, 10_000 + n)


def run_scale(results: list, copies: int, corpus: str = "copies") -> dict:
    from bilat.crossdoc.coref import LOOSE_LIMIT
    from bilat.crossdoc.linking import link_new_events
    from bilat.export import merged_events
    from bilat.store import Store

    stream = (realistic_stream(results, copies) if corpus == "realistic"
              else (copy_result(r, n) for n in range(copies) for r in results))
    with Store(":memory:") as store:
        started = time.process_time()       # CPU seconds (all threads): steadier than wall time on a shared machine
        while batch := list(islice(stream, BATCH)):
            store.add_results(batch)
            link_new_events(store, [e.id for r in batch for e in r.events])
        seconds = time.process_time() - started
        n_docs, n_events = store.counts()["documents"], store.counts()["events"]
        pairs = len(store.candidate_pairs([e.id for e in store.events()], LOOSE_LIMIT))
        merged = merged_events(store)
        names = {d.doc_id: Path(d.path).name for d in store.documents(with_text=False)}
    spanning = [e for e in merged if len({m.doc_id for m in e.mentions}) > 1]
    return {
        "corpus": corpus, "copies": copies, "documents": n_docs, "document_events": n_events, "merged_events": len(merged),
        "events_spanning_documents": len(spanning), "candidate_pairs": pairs,
        "all_pairs": n_events * (n_events - 1) // 2, "seconds": round(seconds, 2),
        "seconds_per_1000_documents": round(1000 * seconds / max(n_docs, 1), 2),
        "spanning": [{"id": e.id, "category": e.category, "date": str(e.date.start),
                      "documents": sorted({names[m.doc_id] for m in e.mentions}),
                      "sentences": [m.sentence[:100] for m in e.mentions]} for e in spanning] if copies == 1 and corpus == "copies" else [],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--corpus", choices=["copies", "realistic", "both"], default="both",
                        help="exact copies (worst case), new happenings with some re-publication, or both")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = analysed_corpus()
    corpora = ["copies", "realistic"] if args.corpus == "both" else [args.corpus]
    rows = [run_scale(results, n, corpus) for corpus in corpora for n in args.scales]
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
        return 0
    for row in rows:
        print(f"{row['corpus']:>9} {row['copies']:>3}x  {row['documents']:>5} docs  {row['document_events']:>6} events -> "
              f"{row['merged_events']:>5} merged ({row['events_spanning_documents']} span documents)  "
              f"pairs {row['candidate_pairs']}/{row['all_pairs']}  "
              f"{row['seconds']:.2f}s  {row['seconds_per_1000_documents']:.2f}s per 1000 docs")
        for event in row["spanning"]:
            print(f"      {event['category']} {event['date']} {event['documents']}")
            for sentence in event["sentences"]:
                print(f"          {sentence}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
