"""Merge the candidates of one document that report the same happening.

Two candidates are one event when they have the same category (or a meeting
is held during a visit the sentence refers to), the same factuality unless the
later one is only a reference ("the visit", "his visit"), states that do not
conflict, dates that do not conflict (two different days are two events), no
conflicting named people, and, for visits, the same direction.
"""
from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING

from ..knowledge import Knowledge
from ..records import Actor, Document, Event, Item, Mention, TimeSpan
from .lexicon import load_lexicon
from .roles import SYMMETRIC

if TYPE_CHECKING:
    from .extract import Candidate

# Happenings that the next sentence often elaborates without naming anyone anew.
ELABORATED = frozenset({"visit", "meeting", "exercise", "agreement", "arms_transfer", "training", "defence_industry"})
_REFERENCE_GRAINS = frozenset({"unknown", "decade", "century"})   # too coarse to make a reference a report
# A date the text states beats one from the document's date or the clause's aspect.
BASIS_RANK = {"document": 1, "unknown": 2}
STATED = frozenset({"explicit", "relative"})   # between equally precise dates, the one the text states
GRANULARITY_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "century": 4, "unknown": 5}
SUMMARY_VERBS = {
    "visit": "visits", "meeting": "meets", "agreement": "agreement with", "exercise": "exercise with",
    "arms_transfer": "arms transfer to", "training": "trains", "defence_industry": "defence-industry cooperation with",
    "support": "supports", "criticism": "criticises", "recognition": "recognition of", "aid": "aid to",
    "armed_conflict": "fighting with", "other_cooperation": "cooperates with",
}


def _dates_compatible(a: TimeSpan, b: TimeSpan) -> bool:
    if not a.known or not b.known or "document" in (a.basis, b.basis):
        return True          # the document's date is a fallback, not evidence of another day
    if a.granularity == "day" and b.granularity == "day" and a.start and a.start == a.end and b.start == b.end:
        return a.start == b.start        # two different days are two events; day ranges may overlap
    return (a.start or date.min) <= (b.end or date.max) and (b.start or date.min) <= (a.end or date.max)


def _sources(c: "Candidate") -> set[str]:
    return {a.country for role, a in c.actors if role == "source" and a.country}


def _weapons(c: "Candidate") -> set[str]:
    return {it.name for it in c.items if it.kind in {"weapon_system", "exercise"}}


LEAD_SENTENCES = 3   # a title's news is told again within the next three sentences


def _in_lead(head: "Candidate", c: "Candidate") -> bool:
    """``head`` comes from the title and ``c`` from the lead that follows it."""
    return head.sentence_index == 0 and c.sentence_index <= LEAD_SENTENCES


def _headline_and_lead(head: "Candidate", c: "Candidate") -> bool:
    """A title and the lead sentence that tells the same news ("X and Y sign deals with Z" /
    "X and Y signed agreements ... with Z on Tuesday"): one names fewer states than the other."""
    return _in_lead(head, c) and head.category == c.category


def _compatible(event: list["Candidate"], c: "Candidate") -> bool:
    """Could ``c`` report the same happening as the candidates already in ``event``?"""
    head = event[0]
    during_visit = head.category == "visit" and c.category == "meeting" and (
        c.context == "visit" or (c.sentence_index - event[-1].sentence_index <= 3 and head.factuality == c.factuality))
    if head.category != c.category and not during_visit:
        return False
    follow_up = c.extra.get("pair_subject") and c.sentence_index - event[-1].sentence_index <= 1 and not c.persons
    dated_anew = c.date.known and c.date.basis == "explicit" and bool(c.persons) and not any(m.date.known for m in event)
    same_exercise = _days_of_one_named_exercise(event, c) or (
        _how_long_it_lasts(c) and all(_within_named_span(m.date, c.date) for m in event))
    reference = ((c.trigger.definite and not dated_anew) or c.context == head.category or during_visit
                 or bool(follow_up) or same_exercise)
    if head.factuality != c.factuality and not reference:
        return False
    a, b = set(head.countries), set(c.countries)
    if reference:
        if not a & b:
            return False
    elif not (a <= b or b <= a) or (a != b and not c.inferred_countries and not head.inferred_countries
                                    and not _headline_and_lead(head, c)):
        return False
    if not same_exercise and not all(_dates_compatible(m.date, c.date) for m in event):
        return False
    people_a = set().union(*(m.persons for m in event))
    items_a = set().union(*(_weapons(m) for m in event))
    if not reference:
        if people_a and c.persons and not (people_a & c.persons):
            return False
        if items_a and _weapons(c) and not (items_a & _weapons(c)):
            return False
    if head.category not in SYMMETRIC | {"arms_transfer"} and not reference:   # transfers: stage, items and date decide
        sa, sb = set().union(*(_sources(m) for m in event)), _sources(c)
        if sa and sb and not (sa & sb):
            return False
    if head.category == "arms_transfer" and not reference:
        stages = {_stage(m) for m in event} - {None}
        if stages and _stage(c) and _stage(c) not in stages:
            return False                        # an order and a delivery are two stages
    if head.category in STANCES and not reference and _another_act(event, c):
        return False                            # "Madrid withdrew its ambassador ... Madrid demanded an apology"
    same_day = c.date.known and c.date.granularity == "day" and any(m.date == c.date for m in event)
    near = c.sentence_index - event[-1].sentence_index <= 2
    shared = bool((people_a & c.persons) or (items_a & _weapons(c)))
    headline = _in_lead(head, c)
    signed_again = c.category == "agreement" and c.trigger.kind == "verb"    # "ministers separately signed ..."
    bare = (c.category in ELABORATED and not signed_again and not c.persons and not c.date.known and not _weapons(c)
            and c.sentence_index - event[-1].sentence_index <= 1)
    return reference or same_day or (near and shared) or headline or bare or _named_again(event, c)


NAMED_SPAN_DAYS = 14   # a named exercise runs for days: its start and its close are one happening


def _exercise_names(c: "Candidate") -> set[str]:
    return {it.name for it in c.items if it.kind == "exercise"}


def _within_named_span(da: TimeSpan, db: TimeSpan) -> bool:
    if not (da.start and da.end and db.start and db.end):
        return True
    gap = max((da.start - db.end).days, (db.start - da.end).days, 0)
    return gap <= NAMED_SPAN_DAYS


def _days_of_one_named_exercise(event: list["Candidate"], c: "Candidate") -> bool:
    """Two days of one named exercise in one report ("opened Ulchi Freedom Shield on Monday" /
    "the Ulchi Freedom Shield exercise will run until Sept. 1"): the exercise the event names
    named again, its days at most ``NAMED_SPAN_DAYS`` from every day the event has."""
    if c.category != "exercise" or any(m.category != "exercise" for m in event):
        return False
    if not (set().union(*(_exercise_names(m) for m in event)) & _exercise_names(c)):
        return False
    return all(_within_named_span(m.date, c.date) for m in event)


def _how_long_it_lasts(c: "Candidate") -> bool:
    """"The Ulchi Freedom Shield exercise will run until Sept. 1": a clause telling how long a
    happening lasts (a verb of duration with "until") is about one already reported."""
    lex = load_lexicon()
    head = c.sentence.doc[c.trigger.clause]
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:    # the name's own verb
        head = head.head
    return (head.lemma_.lower() in lex.duration_verbs
            and any(t.dep_ == "prep" and t.lower_ in lex.until_preps for t in head.children))


WISHES = frozenset({"proposed", "speculative"})


def _named_again(event: list["Candidate"], c: "Candidate") -> bool:
    """An opinion piece returning to a wish it already voiced ("if there were a direct flight
    ..." / "start with the opening of a direct flight"): the same thing, by the same noun,
    wished for the same states."""
    if c.factuality not in WISHES or c.trigger.kind not in {"noun", "light"}:
        return False
    lemma = c.sentence.doc[c.trigger.token].lemma_.lower()
    return any(m.factuality in WISHES and set(m.countries) == set(c.countries) and m.trigger.kind in {"noun", "light"}
               and m.sentence.doc[m.trigger.token].lemma_.lower() == lemma for m in event)


STANCES = frozenset({"criticism", "support"})


def _another_act(event: list["Candidate"], c: "Candidate") -> bool:
    """Criticism and support are acts: a demand, a rejection and a recall are three, each
    told by its own verb (a title and its lead telling one act share the verb)."""
    if c.trigger.kind not in {"verb", "phrase"}:
        return False
    lemma = c.sentence.doc[c.trigger.token].lemma_.lower()
    verbs = {m.sentence.doc[m.trigger.token].lemma_.lower() for m in event if m.trigger.kind in {"verb", "phrase"}}
    return bool(verbs) and lemma not in verbs


def _best_date(group: list["Candidate"]) -> TimeSpan:
    known = [m.date for m in group if m.date.known]
    if not known:
        return TimeSpan.unknown()
    return min(known, key=lambda d: (d.start is None or d.end is None, BASIS_RANK.get(d.basis, 0),
                                     GRANULARITY_RANK[d.granularity], (d.end - d.start).days if d.start and d.end else 0,
                                     d.basis not in STATED))


def _actor_records(group: list["Candidate"]) -> tuple[Actor, ...]:
    """Actors of all mentions; a state keeps the role its first mention gave it."""
    first_role: dict[str, str] = {}
    for cand in group:
        for role, a in cand.actors:
            if a.kind == "country" and a.country and not a.inferred:
                first_role.setdefault(a.country, role)
    seen: dict[tuple[str, str], Actor] = {}
    for cand in group:
        for role, a in cand.actors:
            if a.kind == "country" and a.country in first_role:
                role = first_role[a.country]
            key = (role, a.name)
            if key not in seen:
                seen[key] = Actor(role=role, name=a.name, kind=a.kind, country=a.country, sector=a.sector, title=a.title)  # type: ignore[arg-type]
    countries = {a.country for a in seen.values() if a.country}
    for code in sorted(countries):
        if not any(a.kind == "country" and a.country == code for a in seen.values()):
            role = next(a.role for a in seen.values() if a.country == code)
            seen[(role, code)] = Actor(role=role, name=code, kind="country", country=code)
    return tuple(sorted(seen.values(), key=lambda a: ({"source": 0, "participant": 1, "target": 2}[a.role], a.kind != "country", a.name)))


def _items(group: list["Candidate"]) -> tuple[Item, ...]:
    out: dict[tuple[str, str], Item] = {}
    for cand in group:
        for it in cand.items:
            key = (it.kind, it.name)
            prev = out.get(key)
            if prev is None or (prev.quantity is None and it.quantity is not None) or (prev.value is None and it.value):
                out[key] = it
    return tuple(out.values())


def _summary(category: str, factuality: str, actors: tuple[Actor, ...], countries: tuple[str, ...]) -> str:
    def side(role: str) -> str:
        people = [a for a in actors if a.role == role and a.kind == "person"]
        states = sorted({a.country for a in actors if a.role == role and a.country})
        if people:
            p = people[0]
            title = f" {p.title}" if p.title and p.title not in p.name else ""
            return f"{p.country or ''}{title} {p.name}".strip()
        return "/".join(states)
    src, tgt = side("source"), side("target")
    named = {a.country for a in actors if a.role in {"source", "target"} and a.country}
    others = "/".join(c for c in countries if c not in named)
    if src and not tgt:
        tgt = others
    elif tgt and not src:
        src = others
    if not src and not tgt:
        text = f"{' / '.join(countries)}: {category.replace('_', ' ')}"
    else:
        text = f"{src or '?'} {SUMMARY_VERBS[category]} {tgt or '?'}"
    return text if factuality == "asserted" else f"[{factuality}] {text}"


def event_summary(category: str, factuality: str, actors: tuple[Actor, ...], countries: tuple[str, ...]) -> str:
    """The one-line summary of an event (also used for events merged across documents)."""
    return _summary(category, factuality, actors, countries)


def _to_event(group: list["Candidate"], document: Document) -> Event:
    head = group[0]
    mentions = []
    seen_spans = set()
    for cand in group:
        s = cand.sentence
        key = (s.start_char, s.end_char)
        if key in seen_spans:
            continue
        seen_spans.add(key)
        mentions.append(Mention(document.doc_id, document.path, s.text, s.start_char, s.end_char,
                                cand.attribution or document.outlet, cand.factuality))  # type: ignore[arg-type]
    actors = _actor_records(group)
    countries = tuple(sorted({c for cand in group for c in cand.countries}))
    trigger_char = head.sentence.doc[head.trigger.token].idx
    event_id = "e" + hashlib.sha256(f"{document.doc_id}|{trigger_char}|{head.category}".encode()).hexdigest()[:16]
    location = next((c.location for c in group if c.location), None)
    attribution = next((c.attribution for c in group if c.attribution), None) or document.outlet
    confidence = min(0.95, max(c.confidence for c in group) + 0.05 * (len(mentions) - 1))
    stage = _stage(head) if head.category == "arms_transfer" else None
    return Event(
        id=event_id, category=head.category, factuality=head.factuality, date=_best_date(group),  # type: ignore[arg-type]
        actors=actors, countries=countries, mentions=tuple(mentions), items=_items(group), location=location,
        stage=stage, summary=_summary(head.category, head.factuality, actors, countries),  # type: ignore[arg-type]
        attribution=attribution, confidence=round(confidence, 2),
    )


ORDER_WORDS = frozenset({"order", "contract", "sign", "purchase", "buy", "sell", "sale", "deal"})


def _stage(c: "Candidate") -> str | None:
    lemma = c.sentence.doc[c.trigger.token].lemma_.lower()
    if c.factuality == "negotiating":
        return "negotiation" if "negotiat" in (c.extra.get("cue") or "") or "talk" in (c.extra.get("cue") or "") else "interest"
    if c.factuality in {"proposed", "speculative", "planned", "negated"}:
        return None
    trig = c.sentence.doc[c.trigger.token]
    objects = {t.lemma_.lower() for t in trig.children if t.dep_ in {"dobj", "nsubjpass"}}
    if trig.dep_ == "relcl":
        objects.add(trig.head.lemma_.lower())   # "the biggest order the Rafale has ever received"
    if objects & ORDER_WORDS:
        return "order"                          # "Dassault has landed the largest order"
    if lemma in {"deliver", "delivery", "receive", "hand", "supply", "transfer", "acquire", "land", "arrive", "reach", "arrival", "handover"}:
        return "delivery"
    if lemma in ORDER_WORDS:
        return "order"
    if lemma in {"operate", "field", "induct", "service"} or "in service" in c.sentence.text:
        return "in_service"
    return None


def _mere_reference(c: "Candidate") -> bool:
    """"the conflict", "his visit" with nothing earlier to refer to and nothing of its own
    (no date finer than a decade, not in the headline or lead): a reference, not a report.
    "the Cold War ... in the last century" stays a reference."""
    return (c.trigger.definite and c.trigger.kind in {"noun", "phrase"} and c.sentence_index > 1
            and not (_own_date(c) and c.date.granularity not in _REFERENCE_GRAINS)
            and c.sentence.doc[c.trigger.token].pos_ != "VERB")


def _own_date(c: "Candidate") -> bool:
    """A date the sentence gives the happening; a named period that is the trigger itself
    ("the Cold War", "the 44-day war") only names a known happening and does not count."""
    d = c.date
    if not d.known:
        return False
    return not (d.basis == "inferred" and d.text and c.sentence.doc[c.trigger.token].text in d.text)


def merge_candidates(candidates: list["Candidate"], document: Document, kb: Knowledge) -> list[Event]:
    groups: list[list["Candidate"]] = []
    for cand in candidates:
        target = next((g for g in reversed(groups) if _compatible(g, cand)), None)
        if target is None:
            if _mere_reference(cand):
                continue
            groups.append([cand])
        else:
            target.append(cand)
    return [_to_event(g, document) for g in groups]
