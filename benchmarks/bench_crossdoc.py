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
with new happenings keeps blocks (category, two states, one year) about the same size.
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


def run_scale(results: list, copies: int) -> dict:
    from bilat.crossdoc.coref import LOOSE_LIMIT
    from bilat.crossdoc.linking import link_new_events
    from bilat.export import merged_events
    from bilat.store import Store

    stream = (copy_result(r, n) for n in range(copies) for r in results)
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
        "copies": copies, "documents": n_docs, "document_events": n_events, "merged_events": len(merged),
        "events_spanning_documents": len(spanning), "candidate_pairs": pairs,
        "all_pairs": n_events * (n_events - 1) // 2, "seconds": round(seconds, 2),
        "seconds_per_1000_documents": round(1000 * seconds / max(n_docs, 1), 2),
        "spanning": [{"id": e.id, "category": e.category, "date": str(e.date.start),
                      "documents": sorted({names[m.doc_id] for m in e.mentions}),
                      "sentences": [m.sentence[:100] for m in e.mentions]} for e in spanning] if copies == 1 else [],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = analysed_corpus()
    rows = [run_scale(results, n) for n in args.scales]
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
        return 0
    for row in rows:
        print(f"{row['copies']:>3}x  {row['documents']:>5} docs  {row['document_events']:>6} events -> "
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
