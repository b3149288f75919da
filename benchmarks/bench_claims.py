"""Claims extraction time as a ratio to the spaCy parse of the same texts.

    python benchmarks/bench_claims.py [--copies N] [--json]

The corpus is the bundled demo corpus plus, where present, the seed articles in
../shared/corpus/seeds (the same corpus as bench_ingest.py), repeated N times.
In this one process: (1) bilat's spaCy pipeline (model + entity ruler) parses
the cleaned texts, timed; (2) ``extract_claims`` runs over the parsed documents,
timed; (3) ``find_contradictions`` runs over all the claims, timed. The ratios
claims/parse and contradictions/parse are the numbers to watch.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import build_corpus  # noqa: E402  (same corpus as the ingest benchmark)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2, help="how many times to repeat the corpus")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    from bilat.claims import extract_claims, find_contradictions
    from bilat.config import load_settings
    from bilat.events.lexicon import load_lexicon
    from bilat.knowledge import load_knowledge
    from bilat.nlp import analyse, load_nlp
    from bilat.pipeline import cleaned_documents
    from bilat.records import Document

    settings = load_settings(db=":memory:")
    kb = load_knowledge()
    nlp = load_nlp(kb, settings.model)
    lexicon = load_lexicon()
    with tempfile.TemporaryDirectory() as tmp:
        build_corpus(Path(tmp), args.copies)
        documents = [d for d in cleaned_documents([tmp], settings) if isinstance(d, Document)]
    words = sum(len(d.text.split()) for d in documents)

    extract_claims(documents[0], nlp(documents[0].text), kb, lexicon)     # warm the cue tables
    t0 = time.perf_counter()
    parsed = list(analyse(nlp, ((d.text, d) for d in documents), settings.batch_size))
    parse_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    claims = [c for sdoc, document in parsed for c in extract_claims(document, sdoc, kb, lexicon)]
    claims_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    found = find_contradictions(claims)
    contradictions_s = time.perf_counter() - t0

    result = {
        "documents": len(documents), "words": words, "claims": len(claims),
        "contradictions": sum(c.status == "contradiction" for c in found),
        "parse_seconds": round(parse_s, 3), "claims_seconds": round(claims_s, 3),
        "contradictions_seconds": round(contradictions_s, 4),
        "claims_to_parse_ratio": round(claims_s / parse_s, 4),
        "contradictions_to_parse_ratio": round(contradictions_s / parse_s, 5),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['documents']} documents, {words} words, {len(claims)} claims, "
              f"{result['contradictions']} contradictions")
        print(f"spaCy parse (bilat pipeline): {parse_s:.2f} s")
        print(f"claims extraction:            {claims_s:.3f} s  = {result['claims_to_parse_ratio']:.3f} x parse")
        print(f"contradictions:               {contradictions_s:.4f} s = {result['contradictions_to_parse_ratio']:.5f} x parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
