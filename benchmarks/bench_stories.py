"""Story-linking cost at 1x, 4x and 16x corpora, per document and as a ratio to the 1x run.

    python benchmarks/bench_stories.py [--scales 1,4,16] [--json]

The demo corpus plus, where present, the seeds are analysed once by bilat's
pipeline. Each scale then builds a fresh in-memory store with that many
perturbed copies of the results: copy n replaces about half of each text's
words with copy-specific tokens (so copies are neither exact nor near
duplicates of each other) and moves every publication date n * 400 days
later, dating undated originals in their copies (so the copies are stories
of other periods, as in a growing archive; the originals' undated documents
still meet every copy that shares their states, up to the blocking cap).
Linking (signatures, LSH and blocking candidates, sentence vectors for the
candidates, clusters) is timed over the whole store, then once more
incrementally: the last copy is added to a store holding all the others and
linked alone (with --incremental). All runs happen in this process; absolute seconds depend on the
machine, the ratios are the numbers to watch (1.0 = linear). CPU time is
reported beside wall time because on a shared machine wall time mostly
measures the neighbours (the sentence model runs on one thread).
"""
from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
SHARE_REPLACED = 0.5
UNDATED_BASE = date(2000, 1, 1)
_WORD = re.compile(r"\w+")


def analysed_corpus():
    from bilat.config import load_settings
    from bilat.demo import corpus_path
    from bilat.pipeline import process
    from bilat.records import DocumentResult

    paths = [corpus_path()] + ([SEEDS] if SEEDS.exists() else [])
    if not SEEDS.exists():
        print(f"note: {SEEDS} absent; benchmarking the demo corpus only", file=sys.stderr)
    return [r for r in process(paths, load_settings(env={}, db=":memory:")) if isinstance(r, DocumentResult)]


def cached_corpus(path: Path):
    if path.exists():
        with path.open("rb") as f:
            return pickle.load(f)
    results = analysed_corpus()
    with path.open("wb") as f:
        pickle.dump(results, f)
    return results


def perturbed(result, n: int):
    """Copy ``n`` of a result: new text (and doc_id), dates moved n * 400 days; copy 0 is the original."""
    if n == 0:
        return result
    rng = random.Random(f"{result.document.doc_id}:{n}")
    text = _WORD.sub(lambda m: f"c{n}w{rng.randrange(10**6)}" if rng.random() < SHARE_REPLACED else m.group(0),
                     result.document.text)
    shift = timedelta(days=400 * n)
    pub = result.document.published
    if pub.start is None:     # an undated original: its copies are dated, one per period
        pub = replace(pub, start=UNDATED_BASE + shift, end=UNDATED_BASE + shift, basis="inferred")
    else:
        pub = replace(pub, start=pub.start + shift, end=(pub.end or pub.start) + shift)
    doc_id = f"{result.document.doc_id}-copy{n}"
    document = replace(result.document, doc_id=doc_id, text=text, published=pub)
    events = tuple(replace(e, id=f"{e.id}-copy{n}", mentions=tuple(replace(m, doc_id=doc_id) for m in e.mentions))
                   for e in result.events)
    return replace(result, document=document, events=events)


def time_last_copy(corpus, last: int, kb) -> float:
    """CPU seconds to link the documents after ``last`` into a store already holding (and linked) the rest."""
    from bilat.store import Store
    from bilat.stories.link import link_new_documents

    with Store(":memory:") as store:
        store.add_results(corpus[:last])
        link_new_documents(store, kb)
        store.add_results(corpus[last:])
        started = time.process_time()
        link_new_documents(store, kb)
        return time.process_time() - started


def time_scale(results, kb, copies: int, incremental_run: bool) -> dict:
    from bilat.store import Store
    from bilat.stories.link import link_new_documents

    corpus = [perturbed(r, n) for n in range(copies) for r in results]
    last = len(results) * (copies - 1)
    with Store(":memory:") as store:
        store.add_results(corpus)
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = link_new_documents(store, kb)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        clusters = len(set(store.document_clusters().values()))
    incremental = float("nan")
    if incremental_run:
        incremental = time_last_copy(corpus, last, kb)
    return {"copies": copies, "documents": len(corpus), "seconds": round(seconds, 3),
            "ms_per_document": round(1000 * seconds / len(corpus), 2),
            "cpu_ms_per_document": round(1000 * cpu / len(corpus), 2),
            "pairs_compared": summary.pairs_compared, "pairs_embedded": summary.pairs_embedded,
            "links": summary.links_added, "clusters": clusters,
            "incremental_cpu_ms_per_new_document": round(1000 * incremental / len(results), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,4,16", help="comma-separated corpus multiples")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--cache", metavar="FILE",
                        help="keep the analysed corpus in this pickle and reuse it on the next run")
    parser.add_argument("--incremental", action="store_true",
                        help="also time linking the last copy alone into a store holding the others (doubles the run)")
    args = parser.parse_args()

    from bilat.knowledge import load_knowledge
    from bilat.stories.embed import sentence_encoder
    from bilat.stories.origins import origin_patterns

    kb = load_knowledge()
    sentence_encoder()                      # load the ONNX session and origin patterns outside the timings
    origin_patterns()
    results = cached_corpus(Path(args.cache)) if args.cache else analysed_corpus()
    runs = []
    for scale in args.scales.split(","):
        runs.append(time_scale(results, kb, int(scale), args.incremental))
        print(f"done: {runs[-1]}", file=sys.stderr, flush=True)
    base = runs[0]
    for run in runs:
        run["ratio_per_document"] = round(run["ms_per_document"] / base["ms_per_document"], 2)
        run["cpu_ratio_per_document"] = round(run["cpu_ms_per_document"] / base["cpu_ms_per_document"], 2)
        run["ratio_incremental"] = round(
            run["incremental_cpu_ms_per_new_document"] / base["incremental_cpu_ms_per_new_document"], 2)
    if args.json:
        print(json.dumps(runs, indent=2))
        return 0
    print(f"{'copies':>6} {'docs':>5} {'wall s':>7} {'ms/doc':>8} {'ratio':>6} {'cpu ms/doc':>10} {'ratio':>6} "
          f"{'pairs':>6} {'aligned':>7} {'links':>5} {'clusters':>8} {'incr cpu ms/doc':>15} {'ratio':>6}")
    for r in runs:
        print(f"{r['copies']:>6} {r['documents']:>5} {r['seconds']:>7} {r['ms_per_document']:>8} "
              f"{r['ratio_per_document']:>6} {r['cpu_ms_per_document']:>10} {r['cpu_ratio_per_document']:>6} "
              f"{r['pairs_compared']:>6} {r['pairs_embedded']:>7} {r['links']:>5} {r['clusters']:>8} "
              f"{r['incremental_cpu_ms_per_new_document']:>15} {r['ratio_incremental']:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
