"""Publication-date inference throughput as a ratio to find_dates over the same texts.

    python benchmarks/bench_pubdate.py [--repeat N]

The texts are the cleaned demo corpus, eval/dev/corpus and, where present, the
seeds. Both runs happen in this process, one after the other: (1) find_dates
over each text (the regex pass every clue builds on); (2) infer_publication
with no metadata and no URL, with the knowledge base (tenures), so every clue
is computed. The ratio infer/find_dates is the number to watch.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = (REPO / "src" / "bilat" / "demo" / "corpus", REPO / "eval" / "dev" / "corpus",
           REPO.parent / "shared" / "corpus" / "seeds")


def texts() -> list[str]:
    from bilat.clean import clean_document
    from bilat.ingest import read_paths
    from bilat.records import Document
    docs = [clean_document(raw) for raw in read_paths([p for p in CORPORA if p.exists()], 10_000_000, 1_000_000)
            if not hasattr(raw, "reason")]
    return [d.text for d in docs if isinstance(d, Document)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the texts (default 5)")
    args = parser.parse_args()
    from bilat.knowledge import load_knowledge
    from bilat.records import PubDate
    from bilat.temporal import find_dates, infer_publication
    corpus, kb = texts(), load_knowledge()
    infer_publication(corpus[0], None, PubDate(), kb)            # warm caches (cue words, name pattern)
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for text in corpus:
            find_dates(text)
    t1 = time.perf_counter()
    for _ in range(args.repeat):
        for text in corpus:
            infer_publication(text, None, PubDate(), kb)
    t2 = time.perf_counter()
    n = len(corpus) * args.repeat
    print(f"{len(corpus)} texts x {args.repeat}: find_dates {1000 * (t1 - t0) / n:.2f} ms/doc, "
          f"infer_publication {1000 * (t2 - t1) / n:.2f} ms/doc, ratio {(t2 - t1) / (t1 - t0):.1f}")


if __name__ == "__main__":
    main()
