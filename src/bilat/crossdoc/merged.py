"""The one event that several reports of one happening stand for.

``merge_events`` takes the document-level events that ``coref.cluster_events`` put in one
group and builds their cross-document event: every mention kept with its own factuality
and attribution, the most precise consistent date, the union of states, actors and items,
the category most reports give, and a factuality no report contradicts.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Iterable, Sequence

from ..events.merge import event_summary
from ..records import Actor, Event, Item, Mention, TimeSpan
from .coref import CATEGORY_PREFERENCE, FACTUALITY_PRECEDENCE, GRANULARITY_RANK, dates_compatible


def _date_precision(span: TimeSpan) -> tuple:
    width = (span.end - span.start).days if span.start and span.end else 10 ** 6
    return (GRANULARITY_RANK[span.granularity], span.basis != "explicit", width)


def best_date(dates: Sequence[TimeSpan]) -> TimeSpan:
    """The most precise of ``dates`` that agrees with most of the others (explicit before
    document-derived at equal precision)."""
    known = [d for d in dates if d.known]
    if not known:
        return TimeSpan.unknown()
    agreeing = [(sum(dates_compatible(d, o) for o in known), d) for d in known]
    top = max(n for n, _ in agreeing)
    return min((d for n, d in agreeing if n == top), key=lambda d: (_date_precision(d), str(d.start)))


def merged_factuality(factualities: Iterable[str]) -> str:
    """The first of ``FACTUALITY_PRECEDENCE`` among ``factualities`` (one per member event)."""
    present = set(factualities)
    return next((f for f in FACTUALITY_PRECEDENCE if f in present), "asserted")


def _merged_actors(events: Sequence[Event]) -> tuple[Actor, ...]:
    """Every actor once, in the role most reports give it (ties: the first report's role),
    so that one report's mixed-up roles do not make a visitor its own host."""
    votes: dict[tuple[str, str], Counter[str]] = {}
    first: dict[tuple[str, str], Actor] = {}
    for e in events:
        for a in e.actors:
            key = (a.name, a.kind)
            votes.setdefault(key, Counter())[a.role] += 1
            first.setdefault(key, a)
    order = {"source": 0, "participant": 1, "target": 2}
    actors = []
    for key, actor in first.items():
        top = max(votes[key].values())
        role = actor.role if votes[key][actor.role] == top else min(
            (r for r, n in votes[key].items() if n == top), key=lambda r: order[r])
        actors.append(replace(actor, role=role))
    return tuple(sorted(actors, key=lambda a: (order[a.role], a.kind != "country", a.name)))


def _merged_items(events: Sequence[Event]) -> tuple[Item, ...]:
    out: dict[tuple[str, str], Item] = {}
    for e in events:
        for it in e.items:
            prev = out.get((it.kind, it.name))
            if prev is None:
                out[(it.kind, it.name)] = it
            else:
                out[(it.kind, it.name)] = Item(it.kind, it.name, prev.quantity if prev.quantity is not None else it.quantity,
                                               prev.value or it.value)
    return tuple(out.values())


def merged_category(categories: Iterable[str]) -> str:
    """The category most reports give; between equally frequent ones, the more specific."""
    counts = Counter(categories)
    rank = {c: i for i, c in enumerate(CATEGORY_PREFERENCE)}
    return min(counts, key=lambda c: (-counts[c], rank.get(c, len(rank)), c))


def merge_events(canonical_id: str, members: Sequence[Event], n_sources: int = 1) -> Event:
    """The one event that ``members`` (document-level events of one happening) stand for.

    Every mention is kept with its own factuality and attribution; the date is the most
    precise consistent one; states, actors and items are the union; the factuality is the
    first of ``FACTUALITY_PRECEDENCE`` that a member carries (asserted if any report
    asserts it); confidence grows by 0.05
    for each independent source beyond the first (at most 0.95).
    """
    ordered = sorted(members, key=lambda e: (e.id != canonical_id, e.id))
    head = ordered[0]
    if len(ordered) == 1:
        return head if head.id == canonical_id else replace(head, id=canonical_id)
    mentions: dict[tuple[str, int], Mention] = {}
    for e in ordered:
        for m in e.mentions:
            mentions.setdefault((m.doc_id, m.start), m)
    all_mentions = tuple(mentions[k] for k in sorted(mentions))
    factuality = merged_factuality(e.factuality for e in ordered)
    actors = _merged_actors(ordered)
    countries = tuple(sorted({c for e in ordered for c in e.countries}))
    stage = next((e.stage for e in ordered if e.stage), None)
    category = merged_category(e.category for e in ordered)
    confidence = min(0.95, max(e.confidence for e in ordered) + 0.05 * max(0, n_sources - 1))
    return replace(
        head, id=canonical_id, category=category, factuality=factuality,  # type: ignore[arg-type]
        date=best_date([e.date for e in ordered]), actors=actors, countries=countries,
        mentions=all_mentions, items=_merged_items(ordered),
        location=next((e.location for e in ordered if e.location), None), stage=stage,  # type: ignore[arg-type]
        summary=event_summary(category, factuality, actors, countries),
        confidence=round(confidence, 2),
    )
