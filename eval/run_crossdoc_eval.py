"""Cross-document evaluation for issue 4 on held-out groups of reports of one happening.

    python eval/run_crossdoc_eval.py                 # Rich tables, one row per group
    python eval/run_crossdoc_eval.py --group g3-russia-belarus-zapad
    python eval/run_crossdoc_eval.py --json          # machine-readable results
    python eval/run_crossdoc_eval.py --verbose       # also every mention, claim and failure

Reported, never gated: no floors; the exit code is 0 unless the script cannot run.

The groups live in ``eval/crossdoc/groups/<group>/`` and the truth in
``eval/crossdoc/gold.yaml`` (its header states the rules). Each group is
ingested on its own into a fresh temporary store through ``bilat.api.ingest``
and read back through ``bilat.api`` (``event_records``, ``contradiction_records``,
``claim_records``, ``related_events`` and the ``documents`` export). Then:

(a) one event per happening: a document's main-happening mention is an event
    mention whose sentence contains one of that document's gold anchors. The
    winning event is the one holding main mentions of the most documents (ties:
    most such mentions, then smallest id). ``doc share`` = documents with a main
    mention in the winner / documents of the group (a document whose anchor
    sentences carry no event at all counts against it); ``mention share`` = main
    mentions in the winner / all main mentions. Issue 4 bar: doc share >= 0.90.
(b) distinct happenings: each is "apart" when none of the mentions whose
    sentence holds one of its anchors is in the winner, "MERGED" when one is, and
    "not extracted" when no event mentions an anchor sentence (apart, but unseen).
(c) independent sources: the winner's ``n_independent_sources`` against the gold
    count for the whole group and against the gold rule applied to the documents
    the winner actually holds (any of its mentions; a fair target when (a) is
    short); the second must match.
(d) contradictions (groups with ``contradictions`` in the gold): an expected
    disagreement is "flagged" when a record with status "contradiction", an
    attribute starting with the gold prefix and the two gold values (quantity:
    ``value``; money: ``value`` with the gold currency, 1% tolerance; date: the
    year of ``date.start``) has one side from each gold side's documents;
    "values only" when such a record exists but its sides do not span both gold
    sides; else "missed". ``--verbose`` lists, per expected value, the claims the
    documents carry, to tell an unextracted claim from an uncompared one.
(e) story clusters, when the documents export has ``cluster``: pairwise precision
    and recall of "same cluster" against the gold clusters, and the gold
    ``duplicate_of`` pairs found (either direction; "dup found/gold"). Before the stories stage is linked, every
    document is its own cluster (recall 0; precision undefined, shown as "-").
"""
from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

EVAL_DIR = Path(__file__).resolve().parent
CROSSDOC_DIR = EVAL_DIR / "crossdoc"
GOLD_FILE = CROSSDOC_DIR / "gold.yaml"
GROUPS_DIR = CROSSDOC_DIR / "groups"
DOC_SHARE_BAR = 0.90
MONEY_TOLERANCE = 0.01


# --- reading the gold ---------------------------------------------------------------------

def load_gold(path: Path = GOLD_FILE, groups_dir: Path = GROUPS_DIR) -> dict[str, dict[str, Any]]:
    """group name -> its gold entry, checked against the files on disk."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    groups = data.get("groups") or {}
    for name, group in groups.items():
        folder = groups_dir / name
        on_disk = {p.name for p in folder.glob("*") if p.is_file()}
        listed = set(group.get("documents") or {})
        if on_disk != listed:
            raise SystemExit(f"{path}: group {name!r} lists {sorted(listed)} but {folder} holds "
                             f"{sorted(on_disk)}; make them agree")
    return groups


def squash(text: str) -> str:
    """Whitespace folded and lower-cased, so anchors match across line breaks."""
    return re.sub(r"\s+", " ", text).strip().lower()


def holds_anchor(sentence: str, anchors: Iterable[str]) -> bool:
    s = squash(sentence)
    return any(squash(a) in s for a in anchors)


def doc_name(doc_path: str) -> str:
    """The file name a mention, claim or document points to (a JSONL "#N" suffix dropped)."""
    return Path(str(doc_path).split("#", 1)[0]).name


# --- running the pipeline -------------------------------------------------------------------

@dataclass
class Observed:
    events: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    contradictions: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    related: dict[str, list[str]]
    ingest: dict[str, Any]


def run_group(folder: Path) -> Observed:
    """Ingest one group into a fresh temporary store and read everything back via bilat.api."""
    from bilat import api
    from bilat.config import load_settings

    with tempfile.TemporaryDirectory(prefix="bilat-crossdoc-") as tmp:
        settings = load_settings(db=str(Path(tmp) / "group.duckdb"))
        summary = api.ingest([folder], settings)
        stream = io.StringIO()
        api.export(settings, "documents", "jsonl", stream)
        documents = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
        return Observed(
            events=api.event_records(settings),
            documents=documents,
            contradictions=api.contradiction_records(settings),
            claims=api.claim_records(settings),
            related=api.related_events(settings) if hasattr(api, "related_events") else {},
            ingest={"documents_new": summary.documents_new, "events_new": summary.events_new,
                    "events_merged": summary.events_merged,
                    "rejected": [r.message() for r in summary.rejected]},
        )


# --- (a) one event per happening -------------------------------------------------------------

def mentions_holding(events: Sequence[Mapping[str, Any]], anchors_by_doc: Mapping[str, Sequence[str]]
                     ) -> dict[str, list[tuple[str, str]]]:
    """event id -> [(document, sentence)] of its mentions whose sentence holds that document's anchor."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for event in events:
        for m in event.get("mentions") or ():
            doc = doc_name(m.get("doc_path") or "")
            anchors = anchors_by_doc.get(doc)
            if anchors and holds_anchor(m.get("sentence") or "", anchors):
                out[event["id"]].append((doc, m.get("sentence") or ""))
    return dict(out)


def winning_event(hits: Mapping[str, list[tuple[str, str]]]) -> str | None:
    """The event holding main mentions of the most documents (then most mentions, then smallest id)."""
    if not hits:
        return None
    return min(hits, key=lambda eid: (-len({d for d, _ in hits[eid]}), -len(hits[eid]), eid))


# --- (c) independent sources ------------------------------------------------------------------

def gold_independent_count(groups: Sequence[Sequence[str]], docs: Iterable[str]) -> int:
    """The gold rule on a subset of documents: the gold groups that hold at least one of them."""
    docs = set(docs)
    return sum(1 for g in groups if docs & set(g))


# --- (d) contradictions -----------------------------------------------------------------------

def side_value(side: Mapping[str, Any], kind: str) -> float | None:
    if kind == "date":
        start = ((side.get("date") or {}).get("start")) or ""
        return float(start[:4]) if start[:4].isdigit() else None
    value = side.get("value")
    return float(value) if value is not None else None


def same_value(a: float | None, b: float, kind: str) -> bool:
    if a is None:
        return False
    if kind == "money":
        return abs(a - b) <= MONEY_TOLERANCE * abs(b)
    return abs(a - b) < 1e-6


def side_matches(side: Mapping[str, Any], expected: Mapping[str, Any], value: float) -> bool:
    kind = expected["kind"]
    if kind == "money" and expected.get("unit") and side.get("unit") != expected["unit"]:
        return False
    return same_value(side_value(side, kind), float(value), kind)


def record_matches(record: Mapping[str, Any], expected: Mapping[str, Any]) -> tuple[bool, bool]:
    """(values match, and the two sides come one from each gold side)."""
    if record.get("status") != "contradiction":
        return False, False
    if not str(record.get("attribute") or "").startswith(expected["attribute_prefix"]):
        return False, False
    first, second = record["sides"]
    v1, v2 = expected["values"]
    docs = [doc_name(s["evidence"]["doc_path"]) for s in (first, second)]
    side1, side2 = set(expected["sides"][0]), set(expected["sides"][1])
    for (x, y), (dx, dy) in (((first, second), (docs[0], docs[1])), ((second, first), (docs[1], docs[0]))):
        if side_matches(x, expected, v1) and side_matches(y, expected, v2):
            return True, dx in side1 and dy in side2
    return False, False


def claims_for_value(claims: Sequence[Mapping[str, Any]], expected: Mapping[str, Any], value: float,
                     docs: Iterable[str]) -> dict[str, list[str]]:
    """document -> "attribute subject" of its claims of the expected kind carrying ``value``."""
    kind_name = {"quantity": "quantity", "money": "money", "date": "date"}[expected["kind"]]
    wanted = set(docs)
    out: dict[str, list[str]] = {d: [] for d in sorted(wanted)}
    for c in claims:
        d = doc_name(c["evidence"]["doc_path"])
        if d in wanted and c.get("kind") == kind_name and side_matches(c, expected, value):
            subj = c.get("subject") or {}
            out[d].append(f"{c.get('attribute')} [{subj.get('kind')}:{subj.get('name')} "
                          f"{','.join(subj.get('countries') or [])}] {c.get('text')!r}")
    return out


# --- (e) story clusters -----------------------------------------------------------------------

def pairs_of(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in combinations(sorted(set(g)), 2)}


def duplicate_links(documents: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """document -> the document it is an (almost) identical copy of, by file name."""
    names = {d.get("doc_id"): doc_name(d.get("path") or "") for d in documents}
    return {doc_name(d.get("path") or ""): names.get(d["duplicate_of"], str(d["duplicate_of"]))
            for d in documents if d.get("duplicate_of")}


def cluster_scores(documents: Sequence[Mapping[str, Any]], gold_clusters: Sequence[Sequence[str]],
                   gold_duplicates: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    if not documents or "cluster" not in documents[0]:
        return None
    found = duplicate_links(documents)
    gold_dup = {frozenset(p) for p in (gold_duplicates or {}).items()}
    found_dup = {frozenset(p) for p in found.items()}
    by_cluster: dict[str, list[str]] = defaultdict(list)
    for d in documents:
        by_cluster[str(d.get("cluster"))].append(doc_name(d.get("path") or ""))
    predicted, gold = pairs_of(by_cluster.values()), pairs_of(gold_clusters)
    tp = len(predicted & gold)
    return {
        "predicted_pairs": len(predicted), "gold_pairs": len(gold), "true_pairs": tp,
        "precision": tp / len(predicted) if predicted else None,
        "recall": tp / len(gold) if gold else None,
        "clusters": sorted(sorted(v) for v in by_cluster.values()),
        "linked": any(str(d.get("cluster")) != str(d.get("doc_id")) for d in documents),
        "duplicates_found": sorted(f"{a} -> {b}" for a, b in found.items()),
        "duplicates_correct": len(found_dup & gold_dup), "duplicates_gold": len(gold_dup),
    }


# --- one group ----------------------------------------------------------------------------------

@dataclass
class GroupResult:
    name: str
    n_docs: int
    doc_share: float
    mention_share: float
    winner: dict[str, Any] | None
    docs_in_winner: list[str]
    docs_elsewhere: dict[str, list[str]]      # document -> other events holding its main mention
    docs_unextracted: list[str]
    distinct: list[dict[str, Any]]
    sources: dict[str, Any]
    contradictions: list[dict[str, Any]]
    clusters: dict[str, Any] | None
    ingest: dict[str, Any]
    details: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        if self.winner is not None:
            w = self.winner
            out["winner"] = {k: w.get(k) for k in ("id", "category", "factuality", "stage", "countries", "date",
                                                   "n_documents", "n_independent_sources")}
        return out


def score_group(name: str, gold: Mapping[str, Any], seen: Observed) -> GroupResult:
    main = gold["main"]
    anchors = main["anchors"]
    docs = sorted(gold["documents"])
    hits = mentions_holding(seen.events, anchors)
    winner_id = winning_event(hits)
    events_by_id = {e["id"]: e for e in seen.events}
    winner = events_by_id.get(winner_id) if winner_id else None
    in_winner = sorted({d for d, _ in hits.get(winner_id, [])}) if winner_id else []
    elsewhere: dict[str, list[str]] = defaultdict(list)
    for eid, hs in hits.items():
        if eid != winner_id:
            for d in sorted({d for d, _ in hs}):
                if d not in in_winner:
                    elsewhere[d].append(eid)
    extracted = {d for hs in hits.values() for d, _ in hs}
    unextracted = [d for d in docs if d not in extracted]
    all_main = sum(len(hs) for hs in hits.values())
    details: list[str] = []

    distinct = []
    for happening in gold.get("distinct") or ():
        dh = mentions_holding(seen.events, happening["anchors"])
        merged = bool(winner_id) and winner_id in dh
        status = "MERGED" if merged else ("apart" if dh else "not extracted")
        linked = bool(winner_id) and any(e in seen.related.get(winner_id, ()) for e in dh)
        distinct.append({"name": happening["name"], "status": status, "events": sorted(dh),
                         "linked_to_main": linked})
        details.append(f"distinct {happening['name'][:40]!r}: {status}, "
                       f"{'linked' if linked else 'not linked'} to the main event as a related stage")
        for eid, hs in dh.items():
            ev = events_by_id[eid]
            details.append(f"distinct {happening['name'][:40]!r}: {eid} {ev['category']}/{ev['factuality']} "
                           f"{ev['date'].get('start')}..{ev['date'].get('end')} in {sorted({d for d, _ in hs})}")

    docs_in_event = sorted({doc_name(m["doc_path"]) for m in (winner or {}).get("mentions", ())})
    sources = {
        "n_documents": winner.get("n_documents") if winner else None,
        "n_independent_sources": winner.get("n_independent_sources") if winner else None,
        "gold_all": gold["independent_sources"],
        "gold_for_event_docs": gold_independent_count(gold["independent_groups"], docs_in_event),
        "docs_in_event": docs_in_event,
    }
    sources["match"] = winner is not None and sources["n_independent_sources"] == sources["gold_for_event_docs"]

    contradictions = []
    for expected in gold.get("contradictions") or ():
        flags = [record_matches(r, expected) for r in seen.contradictions]
        status = ("flagged" if any(both for _, both in flags)
                  else "values only" if any(v for v, _ in flags) else "missed")
        found = {str(v): claims_for_value(seen.claims, expected, v, side)
                 for v, side in zip(expected["values"], expected["sides"])}
        contradictions.append({"name": expected["name"], "status": status, "claims": found})
        for value, per_doc in found.items():
            for d, hits_ in per_doc.items():
                details.append(f"claim {expected['name']!r} = {value} in {d}: " + ("; ".join(hits_) or "NONE"))

    for eid, hs in sorted(hits.items()):
        ev = events_by_id[eid]
        mark = "WINNER" if eid == winner_id else "other "
        details.append(f"{mark} {eid} {ev['category']}/{ev['factuality']} stage={ev.get('stage')} "
                       f"{ev['date'].get('start')}..{ev['date'].get('end')} {','.join(ev['countries'])} "
                       f"docs={ev.get('n_documents')} indep={ev.get('n_independent_sources')} "
                       f"main-mentions from {sorted({d for d, _ in hs})}")
    for d in unextracted:
        details.append(f"NO EVENT on the anchor sentence(s) of {d}: {anchors[d]}")
    for r in seen.contradictions:
        a, b = r["sides"]
        details.append(f"contradiction {r['status']} {r['attribute']} [{r['subject']['name']}]: "
                       f"{a.get('text')!r} ({doc_name(a['evidence']['doc_path'])}) vs "
                       f"{b.get('text')!r} ({doc_name(b['evidence']['doc_path'])})")

    return GroupResult(
        name=name, n_docs=len(docs),
        doc_share=len(in_winner) / len(docs) if docs else 0.0,
        mention_share=len(hits.get(winner_id, [])) / all_main if all_main else 0.0,
        winner=winner, docs_in_winner=in_winner, docs_elsewhere=dict(elsewhere),
        docs_unextracted=unextracted, distinct=distinct, sources=sources,
        contradictions=contradictions,
        clusters=cluster_scores(seen.documents, gold.get("clusters") or (), gold.get("duplicate_of") or {}),
        ingest=seen.ingest, details=details,
    )


# --- totals and rendering -------------------------------------------------------------------------

def overall(results: Sequence[GroupResult]) -> dict[str, Any]:
    docs = sum(r.n_docs for r in results)
    landed = sum(len(r.docs_in_winner) for r in results)
    distinct = [d for r in results for d in r.distinct]
    expected = [c for r in results for c in r.contradictions]
    clusters = [r.clusters for r in results if r.clusters]
    tp = sum(c["true_pairs"] for c in clusters)
    pp = sum(c["predicted_pairs"] for c in clusters)
    gp = sum(c["gold_pairs"] for c in clusters)
    return {
        "groups": len(results),
        "doc_share": landed / docs if docs else 0.0,
        "groups_meeting_bar": sum(r.doc_share >= DOC_SHARE_BAR for r in results),
        "distinct_apart": sum(d["status"] != "MERGED" for d in distinct),
        "distinct_extracted_apart": sum(d["status"] == "apart" for d in distinct),
        "distinct_total": len(distinct),
        "sources_match": sum(bool(r.sources["match"]) for r in results),
        "contradictions_flagged": sum(c["status"] == "flagged" for c in expected),
        "contradictions_total": len(expected),
        "cluster_precision": tp / pp if pp else None,
        "cluster_recall": tp / gp if gp else None,
    }


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def render(results: Sequence[GroupResult], totals: Mapping[str, Any], verbose: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=200) if not sys.stdout.isatty() else Console()
    table = Table(title="bilat cross-document eval (issue 4): held-out groups, reported, not gated")
    for col in ("group", "docs", "doc share", "mention share", "winner", "distinct apart",
                "indep (event / gold event docs / gold all)", "clusters P / R, duplicates"):
        table.add_column(col, justify="left" if col in ("group", "winner") else "right")
    for r in results:
        share = f"{r.doc_share:.2f}"
        share = share if r.doc_share >= DOC_SHARE_BAR else f"[red]{share}[/red]"
        w = r.winner
        winner = f"{w['category']}/{w['factuality']} {w['date'].get('start')}" if w else "[red]none[/red]"
        apart = sum(d["status"] != "MERGED" for d in r.distinct)
        seen_apart = sum(d["status"] == "apart" for d in r.distinct)
        distinct = f"{apart}/{len(r.distinct)} ({seen_apart} seen)"
        if apart < len(r.distinct):
            distinct = f"[red]{distinct}[/red]"
        s = r.sources
        indep = f"{s['n_independent_sources']} / {s['gold_for_event_docs']} / {s['gold_all']}"
        indep = indep if s["match"] else f"[red]{indep}[/red]"
        c = r.clusters
        clusters = "n/a" if c is None else (f"{_fmt(c['precision'])} / {_fmt(c['recall'])}"
                                            + ("" if c["linked"] else " (unlinked)")
                                            + f" dup {c['duplicates_correct']}/{c['duplicates_gold']}")
        table.add_row(r.name, str(r.n_docs), share, f"{r.mention_share:.2f}", winner, distinct, indep, clusters)
    table.add_row("overall", str(sum(r.n_docs for r in results)), f"{totals['doc_share']:.2f}", "",
                  f"{totals['groups_meeting_bar']}/{totals['groups']} groups >= {DOC_SHARE_BAR:.2f}",
                  f"{totals['distinct_apart']}/{totals['distinct_total']} ({totals['distinct_extracted_apart']} seen)",
                  f"{totals['sources_match']}/{totals['groups']} match",
                  f"{_fmt(totals['cluster_precision'])} / {_fmt(totals['cluster_recall'])}")
    console.print(table)

    expected = [(r.name, c) for r in results for c in r.contradictions]
    if expected:
        ct = Table(title="expected contradictions (arms deal)")
        for col in ("group", "disagreement", "status", "documents with a claim of each value"):
            ct.add_column(col)
        for name, c in expected:
            status = c["status"] if c["status"] == "flagged" else f"[red]{c['status']}[/red]"
            have = "; ".join(f"{v}: {sum(bool(h) for h in per.values())}/{len(per)}" for v, per in c["claims"].items())
            ct.add_row(name, c["name"], status, have)
        console.print(ct)

    for r in results:
        problems = []
        if r.docs_unextracted:
            problems.append(f"no event on the anchor sentence: {', '.join(r.docs_unextracted)}")
        for d, eids in r.docs_elsewhere.items():
            problems.append(f"{d} main mention in another event ({', '.join(eids)})")
        for d in r.distinct:
            if d["status"] == "MERGED":
                problems.append(f"distinct happening MERGED into the main event: {d['name']}")
        if r.ingest.get("rejected"):
            problems.append(f"rejected: {r.ingest['rejected']}")
        if verbose or problems:
            console.print(f"[bold]{r.name}[/bold]")
            for p in problems:
                console.print(f"  - {p}")
            if verbose:
                for line in r.details:
                    console.print(f"    {line}", markup=False, highlight=False)
                if r.clusters:
                    console.print(f"    clusters: {r.clusters['clusters']}; duplicate_of: "
                                  f"{r.clusters['duplicates_found']}", markup=False, highlight=False)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Cross-document eval (issue 4) on eval/crossdoc; reported, not gated.")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--verbose", action="store_true", help="also list events, claims and contradictions per group")
    parser.add_argument("--group", action="append", default=[], help="only this group (repeatable)")
    parser.add_argument("--set", default="crossdoc", choices=("crossdoc", "crossdoc2", "crossdoc3", "crossdoc4", "crossdoc5"),
                        help="which set of groups: eval/crossdoc (default), or the later held-out eval/crossdoc2 to eval/crossdoc5")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    folder = EVAL_DIR / args.set
    groups_dir = folder / "groups"
    gold = load_gold(folder / "gold.yaml", groups_dir)
    names = args.group or list(gold)
    unknown = [n for n in names if n not in gold]
    if unknown:
        raise SystemExit(f"unknown group(s) {unknown}; choose from {list(gold)}")
    results = [score_group(n, gold[n], run_group(groups_dir / n)) for n in names]
    totals = overall(results)
    if args.json:
        payload = {"groups": [r.as_json() for r in results], "overall": totals}
        if not args.verbose:
            for g in payload["groups"]:
                g.pop("details", None)
        print(json.dumps(payload, indent=2, default=str))
    else:
        render(results, totals, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
