"""Cross-document event coreference: which document-level events report one happening.

Plain data in and out (``Event`` records); the store and the ingest driver decide
where the events come from and where the links go (see ``linking.py``). The work is
dedupe's three steps:

1. **Blocking** (``blocking_keys``): an event is only ever compared with events that
   share a key: its category and a pair of its states, plus the year(s) its date
   covers or a named item (weapon system, exercise, programme). Events without a
   usable date carry only the loose key (category + states) and meet the others there.
2. **Scoring** (``compatible``, ``score_pair``): hard rules first (two explicit dates
   that do not overlap, opposite directions, two different weapons, two stages of a
   transfer, a proposal against a fact: never the same happening), then a weighted
   score over the evidence sentences, people, items, dates and places.
3. **Clustering** (``cluster_events``): pairs above ``THRESHOLD`` are merged greedily,
   best pair first, and only when every member of one side is compatible with every
   member of the other, so one vague mention cannot chain a 2021 visit to a 2023 one.
   The result depends only on the set of events and pairs, never on the order they
   arrived in; a merged event is named after its smallest member id.

``merged.merge_events`` then builds the one event a group stands for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from itertools import combinations, product
from typing import Iterable, Mapping, Sequence, Union

from rapidfuzz import fuzz

from ..events.lexicon import load_lexicon
from ..events.merge import NAMED_SPAN_DAYS
from ..records import Event, TimeSpan

# ---------------------------------------------------------------- tuning

THRESHOLD = 0.55
"""Pairs scoring at least this are the same happening. With ``WEIGHTS`` and ``NEUTRAL``
this means: two undated reports with nothing else in common need a paraphrase of one
sentence (token-set ratio >= ~0.75: a copy, an agency rewrite); the same day needs
~0.69, the same year ~0.73; the same named people lower it to ~0.65. Measured on the
seeds and demo corpus: unrelated sentences about the same two states score 0.45-0.65,
retellings of one report 0.75-1.0."""

SENTENCE_FLOOR = 0.5
SENTENCE_CEILING = 0.8
"""Token-set ratios are rescaled from [FLOOR, CEILING] to [0, 1]: any two sentences about
the same two states share half their words, and above 0.8 a sentence is a retelling."""

WEIGHTS: Mapping[str, float] = {
    "sentence": 0.45,   # the wording is the most direct evidence and is always observable
    "people": 0.20,     # the same named officials are strong evidence
    "items": 0.15,      # the same weapon system / exercise / agreement name
    "date": 0.12,       # agreeing dates, more the more precise they are
    "location": 0.08,   # the same place; weak because most reports name none
}
"""Weights of the features; they sum to 1 so the score is in [0, 1]."""

NEUTRAL: Mapping[str, float] = {"people": 0.3, "items": 0.3, "date": 0.3, "location": 0.5}
"""The value a feature takes when one side lacks it: a little below the middle, so
that absent evidence never counts as agreement."""

DATE_SLACK_DAYS = 3
"""Days by which a date taken from the publication day or a relative expression may
miss another and still be the same happening (reports lag the event by a day or two)."""

MAX_YEARS_FOR_KEYS = 3
"""A date spanning more years than this (a decade, 'since 2002') is too vague for year keys."""

LOOSE_LIMIT = 200
"""At most this many loose-key partners per new event: undated events are compared only
within a bounded set, so a crowded category + pair costs no more than this."""

PRECISE_LIMIT = 200
"""At most this many year- or item-key partners per new event (smallest ids first): a
happening reported by hundreds of outlets costs each new report a bounded amount. Below
both limits the links do not depend on the order documents arrive in."""

MAX_STATES_FOR_KEYS = 6
"""State pairs are keyed only for the first few states (sorted) of an event."""

ITEM_KINDS = frozenset({"weapon_system", "exercise", "programme", "agreement"})
"""Item kinds with names specific enough to tell two happenings apart."""

# factualities that can report one happening: a plan and its realisation are one event
# (the merged event is asserted); proposals, speculation, negotiation and denials each
# stand only with their own kind.
FACTUALITY_GROUP: Mapping[str, str] = {
    "asserted": "real", "planned": "real", "negotiating": "negotiating",
    "proposed": "proposed", "speculative": "speculative", "negated": "negated",
}
FACTUALITY_PRECEDENCE: tuple[str, ...] = ("asserted", "planned", "negotiating", "speculative", "proposed", "negated")
"""A merged event's factuality: the first of these that any of its reports carries.
Only factualities of one ``FACTUALITY_GROUP`` ever merge, so a proposal can never
make a fact look proposed, nor a fact turn a proposal into one."""

# Categories that reports of one happening may give it differently: a visit reported by one
# outlet as talks, a contract signing as an agreement or as an arms order, joint drills as an
# exercise or as training. They share blocking
# keys, and merge only when both are dated to the same day (the same happening, seen twice).
FAMILY: Mapping[str, str] = {"meeting": "visit", "agreement": "arms_transfer", "training": "exercise"}
# The category a merged event takes when its reports differ: the more specific one.
CATEGORY_PREFERENCE = ("arms_transfer", "visit", "exercise", "training", "defence_industry", "agreement", "meeting")


def family(category: str) -> str:
    return FAMILY.get(category, category)


DIRECTED = frozenset({"visit", "arms_transfer", "training", "support", "criticism", "aid", "recognition"})
"""Categories where who acts on whom matters: A visiting B is not B visiting A. Only a
full reversal (A->B against B->A) keeps two reports apart, since one report's roles
may be incomplete."""

GRANULARITY_RANK: Mapping[str, int] = {"day": 0, "month": 1, "year": 2, "decade": 3, "century": 4, "unknown": 5}
DATE_AGREEMENT: Mapping[str, float] = {"day": 1.0, "month": 0.8, "year": 0.5, "decade": 0.2, "century": 0.1, "unknown": 0.3}


# ---------------------------------------------------------------- blocking

@dataclass(frozen=True)
class BlockingKey:
    event_id: str
    key: str
    precise: bool     # a year or item key
    anchored: bool    # the event has at least one precise key


def _state_keys(countries: Sequence[str]) -> list[str]:
    states = sorted(set(countries))[:MAX_STATES_FOR_KEYS]
    if len(states) < 2:
        return states or ["-"]
    return [f"{a}+{b}" for a, b in combinations(states, 2)]


def _years(span: TimeSpan) -> list[int]:
    if not span.known or span.start is None or span.end is None:
        return []
    if span.end.year - span.start.year + 1 > MAX_YEARS_FOR_KEYS:
        return []
    return list(range(span.start.year, span.end.year + 1))


def specific_items(event: Event) -> frozenset[str]:
    """Normalised names of the event's weapon systems, exercises, programmes and agreements."""
    return frozenset(_norm(i.name) for i in event.items if i.kind in ITEM_KINDS and len(i.name) > 2)


def blocking_keys(event: Event) -> list[BlockingKey]:
    """The keys under which ``event`` meets its candidates (see the module docstring)."""
    precise: list[str] = []
    loose: list[str] = []
    for states in _state_keys(event.countries):
        base = f"{family(event.category)}|{states}"
        loose.append(f"{base}|*")
        precise.extend(f"{base}|{year}" for year in _years(event.date))
        precise.extend(f"{base}|item:{name}" for name in sorted(specific_items(event)))
    precise.extend(f"{family(event.category)}|edition:{name}" for name in sorted(_edition_names(event)))
    anchored = bool(precise)       # a year, item or edition: the event need not meet the undated ones
    # events of one document meet each other (the stages of one transfer it tells, its order and signing)
    precise.extend(f"{family(event.category)}|doc:{doc}" for doc in sorted({m.doc_id for m in event.mentions}))
    return ([BlockingKey(event.id, k, True, anchored) for k in precise]
            + [BlockingKey(event.id, k, False, anchored) for k in loose])


# ---------------------------------------------------------------- features

def _norm(text: str) -> str:
    return " ".join(text.lower().replace("‐", "-").split())


def people(event: Event) -> frozenset[str]:
    """Named people, normalised; bare titles ('AZE defense chief', 'COAS') left out."""
    return frozenset(_norm(a.name) for a in event.actors
                     if a.kind == "person" and a.name and a.name[:1].isupper() and not a.name.isupper()
                     and not (a.title and _norm(a.name).endswith(_norm(a.title))))


def _same_name(a: str, b: str) -> bool:
    """One name is the other or a longer form of it: 'asim munir' is 'general asim munir',
    'balikatan' is 'balikatan exercise'; 'ilham aliyev' is not 'heydar aliyev'."""
    ta, tb = set(a.split()), set(b.split())
    return ta <= tb or tb <= ta


def _names_overlap(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Share of the smaller set's names that the other set also names (None if one is empty)."""
    if not a or not b:
        return None
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(any(_same_name(x, y) for y in large) for x in small) / len(small)


@dataclass(frozen=True)
class Profile:
    """What scoring looks at in one event, computed once per event (not once per pair)."""

    event: Event
    documents: frozenset[str]
    people: frozenset[str]
    items: frozenset[str]
    sources: frozenset[str]
    targets: frozenset[str]
    sentences: tuple[str, ...]      # normalised, the first MAX_SENTENCES_COMPARED
    stage: str | None
    published: tuple[tuple[date, date], ...] = ()   # an undated event's documents' publication days


MAX_SENTENCES_COMPARED = 4
"""Sentences of an event compared with another's: its first ones (headline and lead),
which name the happening most fully; keeps a pair's cost bounded however many mentions."""

Comparable = Union[Event, Profile]


PublicationDays = Mapping[str, tuple[date, date]]
"""doc id -> (first, last) possible publication day of the document."""


def profile(event: Comparable, published: PublicationDays | None = None) -> Profile:
    """What scoring looks at in ``event``; ``published`` gives its documents' publication days,
    kept only for an undated event (the day its report came out is then all there is)."""
    if isinstance(event, Profile):
        return event
    days = () if event.date.known or not published else tuple(sorted(
        {published[m.doc_id] for m in event.mentions if m.doc_id in published}))
    return Profile(
        event=event,
        documents=frozenset(m.doc_id for m in event.mentions),
        people=people(event),
        items=specific_items(event),
        sources=frozenset(a.country for a in event.actors if a.role == "source" and a.country),
        targets=frozenset(a.country for a in event.actors if a.role == "target" and a.country),
        sentences=tuple(_norm(m.sentence) for m in event.mentions[:MAX_SENTENCES_COMPARED]),
        stage=_stage(event),
        published=days,
    )


def _padded(span: TimeSpan) -> tuple:
    assert span.start is not None and span.end is not None
    slack = timedelta(days=0 if span.basis == "explicit" else DATE_SLACK_DAYS)
    return span.start - slack, span.end + slack


def dates_compatible(a: TimeSpan, b: TimeSpan) -> bool:
    """Could both dates be the day of one happening? Unknown dates are compatible with any;
    two explicit dates must overlap; others may miss by ``DATE_SLACK_DAYS``."""
    if not a.known or not b.known or a.end is None or b.end is None:
        return True
    (a0, a1), (b0, b1) = _padded(a), _padded(b)
    return a0 <= b1 and b0 <= a1


def _stage(event: Event) -> str | None:
    if event.category != "arms_transfer":
        return None
    return event.stage or ("interest" if event.factuality == "negotiating" else None)


def _states_compatible(a: Event, b: Event) -> bool:
    sa, sb = set(a.countries), set(b.countries)
    if not sa or not sb:
        return False
    return sa <= sb or sb <= sa or len(sa & sb) >= 2


def _directions_compatible(a: Profile, b: Profile) -> bool:
    """Not a full reversal (A->B against B->A). A state one report puts on both sides (its
    leader the source, the state itself a target) tells nothing about that report's direction."""
    if a.event.category not in DIRECTED:
        return True
    a_src, a_tgt = a.sources - a.targets, a.targets - a.sources
    b_src, b_tgt = b.sources - b.targets, b.targets - b.sources
    reversed_ = a_src & b_tgt and b_src & a_tgt and not a_src & b_src
    return not reversed_


def _same_day(a: TimeSpan, b: TimeSpan) -> bool:
    """Both dated to a day, and the same day as far as the reports can tell: a day taken from
    a relative expression or the publication day may miss by ``DATE_SLACK_DAYS`` (the contract
    "signed on Sunday" and the one "BAE Systems said on Monday" it had won)."""
    return (a.granularity == b.granularity == "day" and a.start is not None and b.start is not None
            and a.end is not None and b.end is not None and dates_compatible(a, b))


def _one_family_same_day(a: Event, b: Event) -> bool:
    return (a.category != b.category and family(a.category) == family(b.category)
            and _same_day(a.date, b.date))


def _categories_compatible(a: Event, b: Event) -> bool:
    """The same category, or one family (see ``FAMILY``) on the same day."""
    return a.category == b.category or _one_family_same_day(a, b)


def _kept_apart_in_document(a: Profile, b: Profile) -> bool:
    """Events of one document were kept apart by the document-level merge on purpose, except
    two categories of one family on the same day: that merge never joins different categories,
    so "signed a contract to buy 24 jets" (a transfer) and "the ministers signed the contract
    in Doha" (an agreement) stay two there and become one here when other reports join them."""
    return bool(a.documents & b.documents) and not _one_family_same_day(a.event, b.event)


def _same_named_happening(a: Profile, b: Profile) -> bool:
    """Two days of one named exercise ("Zapad-2021" opened on the 10th, closed on the 16th)."""
    ea, eb = a.event, b.event
    if ea.category != "exercise" or eb.category != "exercise" or _names_overlap(a.items, b.items) != 1.0:
        return False
    if not (ea.date.start and eb.date.start and ea.date.end and eb.date.end):
        return True
    gap = max((ea.date.start - eb.date.end).days, (eb.date.start - ea.date.end).days, 0)
    return gap <= NAMED_SPAN_DAYS


def _edition_names(event: Event) -> frozenset[str]:
    """Names of the event's exercises that carry their edition's year ("zapad-2021", "sea breeze 2021")."""
    return frozenset(_norm(i.name) for i in event.items
                     if i.kind == "exercise" and any(ch.isdigit() for ch in i.name) and len(i.name) > 2)


def _one_named_exercise_edition(a: Profile, b: Profile) -> bool:
    """Two exercise reports naming the same edition ("Zapad-2021") and sharing a state are one
    exercise even when one report's states are wrong (a neighbour named in the title)."""
    ea, eb = a.event, b.event
    return (ea.category == eb.category == "exercise" and bool(set(ea.countries) & set(eb.countries))
            and bool(_edition_names(ea) & _edition_names(eb)))


def compatible(x: Comparable, y: Comparable) -> bool:
    """Hard rules: False when ``x`` and ``y`` cannot be one happening whatever the score."""
    a, b = profile(x), profile(y)
    ea, eb = a.event, b.event
    return (_categories_compatible(ea, eb)
            and not _kept_apart_in_document(a, b)
            and FACTUALITY_GROUP[ea.factuality] == FACTUALITY_GROUP[eb.factuality]
            and (dates_compatible(ea.date, eb.date) or _same_named_happening(a, b))
            and (_states_compatible(ea, eb) or _one_named_exercise_edition(a, b))
            and _directions_compatible(a, b)
            and _names_overlap(a.items, b.items) != 0.0      # two different weapons or exercises
            and not (a.stage and b.stage and a.stage != b.stage))


def sentence_similarity(x: Comparable, y: Comparable) -> float:
    """Best rapidfuzz token-set ratio (0..1) between an evidence sentence of ``x`` and one of ``y``
    (the first ``MAX_SENTENCES_COMPARED`` of each)."""
    a, b = profile(x), profile(y)
    return max((fuzz.token_set_ratio(s, t) / 100.0 for s, t in product(a.sentences, b.sentences)), default=0.0)


def _rescaled(ratio: float) -> float:
    return min(1.0, max(0.0, (ratio - SENTENCE_FLOOR) / (SENTENCE_CEILING - SENTENCE_FLOOR)))


def _reported_within_days(undated: Profile, dated: TimeSpan) -> bool:
    """``undated``'s report came out on ``dated``'s day or up to ``DATE_SLACK_DAYS`` after it: an
    undated "the two leaders signed the agreement" in a press release of 6 January and a
    signing dated 6 January by other reports."""
    if dated.granularity != "day" or dated.start is None or dated.end is None:
        return False
    slack = timedelta(days=DATE_SLACK_DAYS)
    return any(first - slack <= dated.start and dated.end <= last for first, last in undated.published)


def _date_agreement(x: Profile, y: Profile) -> float | None:
    a, b = x.event.date, y.event.date
    if not a.known and b.known and _reported_within_days(x, b) or not b.known and a.known and _reported_within_days(y, a):
        return DATE_AGREEMENT["month"]          # dated by its report's day: close, not stated
    if not a.known or not b.known:
        return None
    coarser = max(a.granularity, b.granularity, key=lambda g: GRANULARITY_RANK[g])
    if a.granularity == "day" and b.granularity == "day" and a.start != b.start:
        return DATE_AGREEMENT["month"]          # within the slack: close, not equal
    return DATE_AGREEMENT[coarser]


def _location_agreement(a: Event, b: Event) -> float | None:
    if a.location is None or b.location is None:
        return None
    if _norm(a.location.name) == _norm(b.location.name):
        return 1.0
    same_country = a.location.country is not None and a.location.country == b.location.country
    return NEUTRAL["location"] if same_country else 0.0     # a city and its country are not a conflict


def features(x: Comparable, y: Comparable) -> dict[str, float]:
    """Each feature of the pair in [0, 1]; a feature one side lacks takes its ``NEUTRAL`` value."""
    a, b = profile(x), profile(y)
    observed = {
        "sentence": _rescaled(sentence_similarity(a, b)),
        "people": _names_overlap(a.people, b.people),
        "items": _names_overlap(a.items, b.items),
        "date": _date_agreement(a, b),
        "location": _location_agreement(a.event, b.event),
    }
    return {name: NEUTRAL[name] if value is None else value for name, value in observed.items()}


IDENTIFYING_GRAINS = frozenset({"day", "month"})


def same_transfer_stage(x: Comparable, y: Comparable) -> bool:
    """One stage of one arms transfer, reported twice: the same named weapon system between the
    same states, at the same stage (an order, a delivery), on dates precise to the day or month
    that agree. Two outlets word an order differently ("signed a contract to buy 24 Typhoon
    jets" / "has ordered 24 Typhoon fighter jets"), but one weapon is not ordered twice by one
    state from another within the same days. Different stages (a letter of intent and the
    contract) never qualify."""
    a, b = profile(x), profile(y)
    ea, eb = a.event, b.event
    return (ea.category == eb.category == "arms_transfer"
            and a.stage is not None and a.stage == b.stage
            and _names_overlap(a.items, b.items) == 1.0
            and ea.date.known and eb.date.known
            and ea.date.granularity in IDENTIFYING_GRAINS and eb.date.granularity in IDENTIFYING_GRAINS
            and dates_compatible(ea.date, eb.date))


@lru_cache(maxsize=1)
def _transfer_reference() -> re.Pattern[str]:
    """'the contract', 'the deal', 'the order': a definite arms-transfer noun (data/categories.yaml)."""
    nouns = next(c.nouns for c in load_lexicon().categories if c.category == "arms_transfer")
    return re.compile(r"\bthe (?:" + "|".join(sorted(map(re.escape, nouns), key=len, reverse=True)) + r")\b", re.I)


def signing_of_the_order(x: Comparable, y: Comparable) -> bool:
    """One report's order and its signing: "Greece signed a contract on Monday to buy 18 Rafale
    jets" and, in the same report, "the two ministers signed the contract in Athens" (an
    agreement that points back with "the contract", "the deal"), dated to one day. The
    document-level merge keeps two categories apart; this joins them."""
    a, b = profile(x), profile(y)
    pair = {a.event.category: a, b.event.category: b}
    order, signing = pair.get("arms_transfer"), pair.get("agreement")
    return (order is not None and signing is not None and order.stage == "order"
            and bool(a.documents & b.documents) and _same_day(a.event.date, b.event.date)
            and not signing.items
            and any(_transfer_reference().search(m.sentence) for m in signing.event.mentions
                    if m.doc_id in order.documents))


ENCOUNTERS = frozenset({"visit", "meeting"})


def same_encounter(x: Comparable, y: Comparable) -> bool:
    """One visit or meeting, reported twice: the same named people on both sides, on one day.
    The same two leaders do not hold two visits or two rounds of talks on one day that an
    analyst would count apart, however differently outlets describe them ("welcomed Ruto to
    the White House" / "Ruto held talks with Biden")."""
    a, b = profile(x), profile(y)
    ea, eb = a.event, b.event
    return (family(ea.category) == family(eb.category) and ea.category in ENCOUNTERS and eb.category in ENCOUNTERS
            and _names_overlap(a.people, b.people) == 1.0 and _same_day(ea.date, eb.date))


def score_pair(x: Comparable, y: Comparable) -> float:
    """Weighted evidence that ``x`` and ``y`` report one happening (0..1); 0 when incompatible.
    One stage of one transfer (``same_transfer_stage``), one encounter of the same people on
    one day (``same_encounter``) and one report's order and its signing (``signing_of_the_order``)
    score at least ``THRESHOLD``."""
    a, b = profile(x), profile(y)
    if not compatible(a, b):
        return 0.0
    f = features(a, b)
    score = round(sum(WEIGHTS[name] * f[name] for name in WEIGHTS), 4)
    identified = same_transfer_stage(a, b) or same_encounter(a, b) or signing_of_the_order(a, b)
    return max(score, THRESHOLD) if identified else score


def transfer_stages(x: Comparable, y: Comparable) -> bool:
    """Parts of one arms transfer: the same weapon system between the same states, in one
    document or two (a statement of intent, the contract, the delivery). Called for pairs
    that are not one happening: they are linked, never merged. A transfer whose stages are
    dated against their order (a delivery before the contract) is two transfers. Within one
    document a stage that names no weapon ("signed a letter of intent for the jets") is a
    stage of the transfer the document names."""
    a, b = profile(x), profile(y)
    overlap = _names_overlap(a.items, b.items)
    return (a.event.category == b.event.category == "arms_transfer"
            and (bool(overlap) or (overlap is None and bool(a.documents & b.documents)))
            and _states_compatible(a.event, b.event)
            and _directions_compatible(a, b)
            and _stages_in_order(a.event, b.event))


STAGE_ORDER: Mapping[str, int] = {"interest": 0, "negotiation": 1, "order": 2, "delivery": 3, "in_service": 4}


def _stages_in_order(a: Event, b: Event) -> bool:
    sa, sb = _stage(a), _stage(b)
    if not (sa and sb and a.date.known and b.date.known and a.date.start and b.date.start
            and a.date.end and b.date.end):
        return True
    if STAGE_ORDER[sa] == STAGE_ORDER[sb]:
        return True
    early, late = (a, b) if STAGE_ORDER[sa] < STAGE_ORDER[sb] else (b, a)
    assert early.date.start and late.date.end
    return early.date.start <= late.date.end


# ---------------------------------------------------------------- clustering

@dataclass(frozen=True)
class ScoredPair:
    a: str
    b: str
    relation: str     # "same" | "transfer"
    score: float


def score_candidates(pairs: Iterable[tuple[str, str]], events: Mapping[str, Event],
                     published: PublicationDays | None = None) -> list[ScoredPair]:
    """Score candidate pairs; keep those at or above ``THRESHOLD`` and the transfer stages.
    ``published`` (doc id -> publication days) lets an undated report count its day."""
    out = []
    profiles = {eid: profile(e, published) for eid, e in events.items()}
    for a, b in pairs:
        ea, eb = profiles.get(a), profiles.get(b)
        if ea is None or eb is None:
            continue
        score = score_pair(ea, eb)
        if score >= THRESHOLD:
            out.append(ScoredPair(min(a, b), max(a, b), "same", score))
        elif transfer_stages(ea, eb):
            out.append(ScoredPair(min(a, b), max(a, b), "transfer", score))
    return out


def cluster_events(events: Mapping[str, Event], pairs: Iterable[tuple[str, str, float]]) -> dict[str, str]:
    """event id -> cross-document event id for ``events``, from their 'same' pairs.

    Best pair first (ties by id); two groups join only if every member of one is
    ``compatible`` with every member of the other. A group is named after its smallest id.
    """
    group = {eid: eid for eid in events}
    members = {eid: [eid] for eid in events}
    profiles = {eid: profile(e) for eid, e in events.items()}
    for a, b, _ in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
        if a not in group or b not in group:
            continue
        ga, gb = group[a], group[b]
        if ga == gb or not all(compatible(profiles[x], profiles[y]) for x in members[ga] for y in members[gb]):
            continue
        keep, gone = min(ga, gb), max(ga, gb)
        for eid in members[gone]:
            group[eid] = keep
        members[keep].extend(members.pop(gone))
    return group
