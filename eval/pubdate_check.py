"""Publication dates inferred from text alone, against the dates the metadata states.

For every document of the demo corpus and eval/dev/corpus that carries a
publication date in its metadata (DATE header, JSONL field, HTML meta), the
metadata and URL are removed and the date is inferred from the cleaned text
alone. Reported: how many inferred intervals contain the true date (an open end
counts as containing it), and how many of those are at most 7 days wide (end -
start <= 7 days); the same for the texts that carry a relative date clue (a
weekday-date pair, "today, June 3", a dateline without a year, "last year's
44-day war", an anniversary).

The seed articles carry no metadata; for the two whose text pins the date
(001: the week after "Last week, on Thursday, December 5" 2019; 004: "will visit ... on June
20" 2021, after the June 17 meeting) the window the text allows is the truth.

    python eval/pubdate_check.py [-v]
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from bilat.clean import clean_document
from bilat.ingest import read_paths
from bilat.knowledge import load_knowledge
from bilat.records import Document, PubDate
from bilat.temporal.pubdate import RANK_YEARLESS_DATELINE, infer_publication, publication_clues
from bilat.temporal.text_clues import RANK_PERIOD_RELATIVE, RANK_TODAY, RANK_WEEKDAY

REPO = Path(__file__).resolve().parents[1]
CORPORA = (REPO / "src" / "bilat" / "demo" / "corpus", REPO / "eval" / "dev" / "corpus")
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
SEED_TRUTH = {"001": (date(2019, 12, 9), date(2019, 12, 15)), "004": (date(2021, 6, 17), date(2021, 6, 20))}
MAX_WIDTH = 7
RELATIVE_RANKS = {RANK_TODAY, RANK_YEARLESS_DATELINE, RANK_WEEKDAY, RANK_PERIOD_RELATIVE}


def documents(paths: list[Path]) -> list[Document]:
    out = []
    for raw in read_paths(paths, 10_000_000, 1_000_000):
        doc = clean_document(raw) if not hasattr(raw, "reason") else raw
        if isinstance(doc, Document):
            out.append(doc)
    return out


def score(pub: PubDate, lo: date, hi: date) -> tuple[bool, bool]:
    """(contains the truth, an open end counting as containing; contains it and <= 7 days wide)."""
    if pub.start is None and pub.end is None:
        return False, False
    contains = (pub.start is None or pub.start <= lo) and (pub.end is None or hi <= pub.end)
    closed = pub.start is not None and pub.end is not None
    return contains, contains and closed and (pub.end - pub.start).days <= MAX_WIDTH  # type: ignore[operator]


def main(verbose: bool) -> int:
    kb = load_knowledge()
    rows: list[tuple[str, date, date, PubDate, bool]] = []
    truths: list[tuple[Document, date, date]] = []
    for doc in documents(list(CORPORA)):
        if doc.published.start is not None and doc.published.start == doc.published.end:
            truths.append((doc, doc.published.start, doc.published.start))
    if SEEDS.exists():
        truths += [(doc, *SEED_TRUTH[Path(doc.path).name[:3]]) for doc in documents([SEEDS])
                   if Path(doc.path).name[:3] in SEED_TRUTH]
    for doc, lo, hi in truths:
        relative = any(c.rank in RELATIVE_RANKS for c in publication_clues(doc.text, None, PubDate(), kb))
        rows.append((doc.path, lo, hi, infer_publication(doc.text, None, PubDate(), kb), relative))
    contained = narrow = known = 0
    rel = rel_narrow = 0
    for path, lo, hi, pub, relative in rows:
        ok, tight = score(pub, lo, hi)
        contained += ok
        narrow += tight
        known += pub.start is not None or pub.end is not None
        rel += relative
        rel_narrow += relative and tight
        if verbose:
            width = (pub.end - pub.start).days if pub.start and pub.end else None
            mark = ("OK " if tight else ("in " if ok else "MISS")) + ("*" if relative else " ")
            print(f"{mark} {Path(path).name[:40]:40} truth {lo}..{hi}  got {pub.start}..{pub.end} "
                  f"({width} d, {pub.basis})\n      {pub.evidence}")
    n = len(rows)
    print(f"documents: {n}; some bound inferred: {known}; interval contains the truth: {contained}; "
          f"contains it and <= {MAX_WIDTH} days wide: {narrow} ({narrow / n:.0%})")
    print(f"texts with a relative date clue (*): {rel}; contain the truth and <= {MAX_WIDTH} days wide: "
          f"{rel_narrow}" + (f" ({rel_narrow / rel:.0%})" if rel else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv[1:]))
