"""Ingest throughput as a ratio to a bare spaCy parse of the same texts, and peak memory.

    python benchmarks/bench_ingest.py [--copies N] [--json]

The corpus is the bundled demo corpus plus, where present, the seed articles
in ../shared/corpus/seeds, repeated N times with a marker line so that every
copy is a new document. Both runs happen in this process, one after the other:
(1) the bare model (spacy.load of the same package, BLIS off, same batch size)
over the cleaned texts; (2) bilat's whole pipeline (read, clean, date, entity
ruler + model, events) into an in-memory store. The ratio bilat/bare is the
number to watch; absolute seconds depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"


def build_corpus(target: Path, copies: int) -> list[Path]:
    from bilat.demo import corpus_path

    sources = sorted(p for p in corpus_path().iterdir() if p.suffix in {".txt", ".md", ".html", ".jsonl"})
    if SEEDS.exists():
        sources += sorted(SEEDS.glob("*.txt"))
    else:
        print(f"note: {SEEDS} absent; benchmarking the demo corpus only", file=sys.stderr)
    written = []
    for n in range(copies):
        for src in sources:
            dst = target / f"copy{n:03d}_{src.name}"
            if src.suffix in {".txt", ".md"}:
                dst.write_text(src.read_text(encoding="utf-8") + f"\n\nCopy {n}.\n", encoding="utf-8")
            else:
                shutil.copy(src, dst)
            written.append(dst)
    return written


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2, help="how many times to repeat the corpus")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    from bilat.config import load_settings
    from bilat.knowledge import load_knowledge
    from bilat.nlp import load_nlp
    from bilat.pipeline import cleaned_documents, process
    from bilat.records import DocumentResult
    from bilat.store import Store

    settings = load_settings(db=":memory:")
    with tempfile.TemporaryDirectory() as tmp:
        files = build_corpus(Path(tmp), args.copies)
        texts = [d.text for d in cleaned_documents([tmp], settings) if not hasattr(d, "reason")]
        words = sum(len(t.split()) for t in texts)
        rss_before = peak_rss_mb()

        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from thinc.api import NumpyOps, set_current_ops
        set_current_ops(NumpyOps(use_blis=False))
        import spacy
        bare = spacy.load(settings.model)
        t0 = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=settings.batch_size):
            pass
        bare_s = time.perf_counter() - t0
        del bare

        kb = load_knowledge()
        nlp = load_nlp(kb, settings.model)
        t0 = time.perf_counter()
        store = Store(":memory:")
        results = [r for r in process([tmp], settings, kb=kb, nlp=nlp) if isinstance(r, DocumentResult)]
        store.add_results(results)
        bilat_s = time.perf_counter() - t0
        n_events = sum(len(r.events) for r in results)

    out = {
        "documents": len(texts), "files": len(files), "words": words, "events": n_events,
        "bare_spacy_seconds": round(bare_s, 3), "bilat_seconds": round(bilat_s, 3),
        "bare_words_per_second": round(words / bare_s), "bilat_words_per_second": round(words / bilat_s),
        "throughput_ratio_bilat_to_bare": round(bare_s / bilat_s, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1), "rss_before_models_mb": round(rss_before, 1),
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for key, value in out.items():
            print(f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
