"""Resolve entity mentions to actors: states (ISO3), people and organisations.

People are found in the knowledge base by name; unknown people get their state
from the words around them ("Pakistani Air Vice Marshal Tariq Zia", "the
Ambassador of Pakistan Saeed Khan Mohmand"). Titles without names ("COAS",
"the Azerbaijani defence chief") resolve to the office holder on the event's
date, with the state taken from the title's own words or from what the
document said earlier about that title.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from ..datafiles import read_data_mapping
from ..knowledge import Knowledge

ISO3 = re.compile(r"^[A-Z]{3}$")
PAIR_WORDS = re.compile(
    r"\b(two|both) (countries|nations|states|sides|parties|armies|navies|governments|brotherly countries|friendly countries|neighbours|neighbors)\b"
    r"|\bboth\b|\bbilateral\b|\beach other\b|\bcounterparts?\b|\bthe sides\b|\bboth sides\b|\bthe two\b"
    r"|\btogether\b|\bjointly\b|\bjoint\b|\bthe (navies|armies|air forces|militaries|governments|leaders|ministers|delegations)\b",
    re.IGNORECASE,
)
PRONOUNS = frozenset({"he", "she", "his", "her"})
STATE_LABELS = frozenset({"GPE", "NORP"})


@dataclass(frozen=True)
class EntityActor:
    """One resolved entity mention in a sentence."""

    start: int               # token indices in the doc
    end: int
    text: str
    kind: str                # country | person | organization | group
    name: str
    country: str | None
    sector: str | None = None
    title: str | None = None
    inferred: bool = False   # country came from context, not the words themselves


@dataclass
class DocContext:
    """What earlier sentences of the document established."""

    kb: Knowledge
    on: date | None = None
    title_country: dict[str, str] = field(default_factory=dict)    # office id -> ISO3
    title_person: dict[tuple[str, str], "EntityActor"] = field(default_factory=dict)  # (ISO3, office) -> person
    last_person: EntityActor | None = None
    last_subject_person: EntityActor | None = None   # "he" is more often the last subject than the last name
    country_counts: Counter = field(default_factory=Counter)
    focus: tuple[str, ...] = ()
    named_states: list[tuple[int, int, str]] = field(default_factory=list)  # (sentence start, token, ISO3) in order

    def note(self, actor: EntityActor, office: str | None = None) -> None:
        if actor.kind == "person":
            self.last_person = actor
        if office and actor.country:
            self.title_country.setdefault(office, actor.country)
            if actor.kind == "person":
                self.title_person[(actor.country, office)] = actor


def _country_of_text(kb: Knowledge, text: str) -> str | None:
    text = text.strip()
    if ISO3.match(text) and text in kb.countries:
        return text
    code = kb.resolve_country(text)
    if code:
        return code
    for word in re.split(r"[\s\-–—/]+", text):
        code = kb.resolve_country(word) if len(word) > 2 else None
        if code:
            return code
    return None


def _nearby_state(span: Span, kb: Knowledge, window: int = 6) -> str | None:
    """The state named just before a person or title, or in an "of <state>" after it."""
    doc = span.doc
    sent = span.sent
    for tok in reversed(doc[max(sent.start, span.start - window):span.start]):
        if tok.ent_type_ in STATE_LABELS or tok.ent_type_ == "ORG":
            code = _country_of_text(kb, tok.text)
            if code:
                return code
        if tok.is_punct and tok.text not in {"-", "–"} or tok.pos_ == "VERB":
            break
    after = doc[span.end:min(sent.end, span.end + 5)]
    for i, tok in enumerate(after):
        if tok.lower_ == "of" and i < 2:
            for nxt in after[i + 1:]:
                if nxt.ent_type_ in STATE_LABELS:
                    return _country_of_text(kb, nxt.text)
    return None


@lru_cache(maxsize=1)
def _ambiguous_names() -> dict[str, tuple[str, ...]]:
    return {name: tuple(codes) for name, codes in read_data_mapping("ambiguous_names.yaml").items()}


def _ambiguous_in_context(text: str, ctx: DocContext) -> str | None:
    """"Congo" after "the Democratic Republic of Congo": the state the document named in full."""
    codes = _ambiguous_names().get(text.strip())
    if not codes:
        return None
    named = [c for c in codes if ctx.country_counts[c]]
    return max(named, key=lambda c: ctx.country_counts[c]) if named else codes[0]


def resolve_entity(ent: Span, ctx: DocContext) -> EntityActor | None:
    """Turn one entity span into an actor, or None when it is not an actor."""
    actor = _entity_actor(ent, ctx)
    if actor is not None and actor.country and not actor.inferred and actor.kind in {"country", "person"}:
        ctx.named_states.append((ent.sent.start, ent.start, actor.country))   # for "the kingdom" later
    return actor


def _entity_actor(ent: Span, ctx: DocContext) -> EntityActor | None:
    kb, label = ctx.kb, ent.label_
    if label in STATE_LABELS:
        code = _ambiguous_in_context(ent.text, ctx) or _country_of_text(kb, ent.ent_id_ or ent.text) \
            or _country_of_text(kb, ent.text)
        if code:
            ctx.country_counts[code] += 1
            counterpart = _counterpart(ent, code, ctx)
            if counterpart is not None:
                return counterpart
        return EntityActor(ent.start, ent.end, ent.text, "country", kb.country_name(code), code) if code else None
    if label in {"LOC", "FAC"}:
        place = kb.place(ent.text)
        code = place.country if place else _country_of_text(kb, ent.text)
        return EntityActor(ent.start, ent.end, ent.text, "country", kb.country_name(code), code, inferred=True) if code else None
    if label == "ORG":
        org = kb.organisation(ent.ent_id_ or ent.text) or kb.organisation(ent.text)
        if org:
            kind = "organization"
            return EntityActor(ent.start, ent.end, ent.text, kind, org.name, org.country, org.sector)
        code = _country_of_text(kb, ent.text)
        if code:
            return EntityActor(ent.start, ent.end, ent.text, "organization", ent.text, code, _org_sector(ent.text))
        if kb.people_named(ent.text):
            return _resolve_person(ent, ctx)     # the small model often calls a surname an ORG
        return None
    if label == "PERSON":
        return _resolve_person(ent, ctx)
    if label == "TITLE":
        return _resolve_title(ent, ctx)
    return None


COUNTERPART_NOUNS = frozenset({"counterpart", "counterparts", "opposite number"})


def _counterpart(ent: Span, code: str, ctx: DocContext) -> EntityActor | None:
    """"The Polish defence minister met his South Korean counterpart": the holder of the
    same office in the state the demonym names, on the event's date."""
    head = ent.root.head
    if ent.root.dep_ not in {"amod", "compound", "nmod"} or head.lower_ not in COUNTERPART_NOUNS:
        return None
    person = ctx.last_person
    office = ctx.kb.office_for_title(person.title) if person is not None and person.title else None
    if office is None or person.country == code:
        return None
    named = ctx.title_person.get((code, office.id))
    holder = None if named is not None else ctx.kb.holder(code, office.id, ctx.on)
    name = named.name if named is not None else holder.person if holder else None
    if name is None:
        return None
    span_end = head.i + 1
    actor = EntityActor(ent.start, span_end, ent.doc[ent.start:span_end].text, "person", name, code, office.sector,
                        person.title)
    ctx.note(actor, office.id)
    return actor


def _org_sector(text: str) -> str | None:
    lower = text.lower()
    if any(w in lower for w in ("army", "navy", "naval", "air force", "armed forces", "military", "defence", "defense", "general staff")):
        return "MIL"
    if any(w in lower for w in ("ministry", "government", "parliament", "president")):
        return "GOV"
    return None


def _resolve_person(ent: Span, ctx: DocContext) -> EntityActor:
    kb = ctx.kb
    holders = kb.people_named(ent.ent_id_ or ent.text) or kb.people_named(ent.text)
    title = _preceding_title(ent, ctx)
    if holders:
        best = _holder_on(holders, ctx.on)
        sector = _office_sector(kb, best.office)
        actor = EntityActor(ent.start, ent.end, ent.text, "person", best.person, best.country, sector,
                            title or _office_title(kb, best.office))
        ctx.note(actor, best.office)
        return actor
    code = _nearby_state(ent, kb)
    inferred = False
    office_id = None
    if title:
        office = kb.office_for_title(title)
        office_id = office.id if office else None
        if code is None and office_id:
            code = ctx.title_country.get(office_id)
            inferred = code is not None
    rank = _preceding_rank(ent, kb)
    sector = "MIL" if rank else (_office_sector(kb, office_id) if office_id else None)
    actor = EntityActor(ent.start, ent.end, ent.text, "person", ent.text, code, sector, title or rank, inferred)
    ctx.note(actor, office_id)
    return actor


def _holder_on(holders, on: date | None):
    if on is not None:
        for h in holders:
            if (h.start is None or h.start <= on) and (h.end is None or on <= h.end):
                return h
    return holders[0]


def _office_sector(kb: Knowledge, office_id: str | None) -> str | None:
    office = kb.offices.get(office_id) if office_id else None
    return office.sector if office else None


def _office_title(kb: Knowledge, office_id: str) -> str | None:
    office = kb.offices.get(office_id)
    return office.titles[0] if office and office.titles else None


def doc_entities(doc) -> tuple[Span, ...]:
    """The document's entities, computed once (``doc.ents`` builds new spans on every access)."""
    cached = doc.user_data.get("bilat_ents")
    if cached is None:
        cached = doc.user_data["bilat_ents"] = tuple(doc.ents)
    return cached


def sentence_entities(sent: Span) -> list[Span]:
    return [e for e in doc_entities(sent.doc) if sent.start <= e.start < sent.end]


def _preceding_title(ent: Span, ctx: DocContext) -> str | None:
    doc = ent.doc
    for e in doc_entities(doc):
        if e.label_ == "TITLE" and 0 <= ent.start - e.end <= 3 and e.sent == ent.sent:
            return e.text
    return None


def _preceding_rank(ent: Span, kb: Knowledge) -> str | None:
    doc = ent.doc
    for e in doc_entities(doc):
        if e.label_ == "RANK" and 0 <= ent.start - e.end <= 1:
            found = kb.rank(e.text)
            return found[0] if found else e.text
    return None


def _resolve_title(ent: Span, ctx: DocContext) -> EntityActor | None:
    kb = ctx.kb
    office = kb.office_for_title(ent.text)
    if office is None:
        return None
    follows_person = any(e.label_ == "PERSON" and 0 <= e.start - ent.end <= 3 for e in doc_entities(ent.doc))
    if follows_person:
        return None          # the person entity carries the title
    code = _nearby_state(ent, kb) or _state_inside(ent, kb)
    inferred = False
    if code is None:
        code = ctx.title_country.get(office.id)
        inferred = code is not None
    if code is None:
        return None
    ctx.title_country.setdefault(office.id, code)
    named = ctx.title_person.get((code, office.id))
    if named is not None:
        actor = EntityActor(ent.start, ent.end, ent.text, "person", named.name, code, office.sector, ent.text, inferred)
        ctx.note(actor)
        return actor
    holder = kb.holder(code, office.id, ctx.on)
    if holder:
        actor = EntityActor(ent.start, ent.end, ent.text, "person", holder.person, code, office.sector, ent.text, inferred)
        ctx.note(actor)
        return actor
    return EntityActor(ent.start, ent.end, ent.text, "person", f"{code} {ent.text}", code, office.sector, ent.text, inferred)


def _state_inside(ent: Span, kb: Knowledge) -> str | None:
    for tok in ent:
        if len(tok.text) > 2:
            code = kb.resolve_country(tok.text)
            if code:
                return code
    return None


def pronoun_actor(tok: Token, ctx: DocContext) -> EntityActor | None:
    """"He praised ...": the last person the document named."""
    person = ctx.last_subject_person or ctx.last_person
    if tok.lower_ in PRONOUNS and person is not None:
        p = person
        return EntityActor(tok.i, tok.i + 1, tok.text, "person", p.name, p.country, p.sector, p.title, True)
    return None


def counterpart_actor(tok: Token, ctx: DocContext) -> EntityActor | None:
    """"The Azerbaijani defence chief thanked his counterpart": with no demonym, a counterpart
    belongs to the other state of the pair the document is about, and holds the same office
    as the person it is the counterpart of when the knowledge says who that is."""
    if tok.lower_ not in COUNTERPART_NOUNS or any(c.ent_type_ in {"NORP", "GPE"} for c in tok.children):
        return None
    person = ctx.last_subject_person or ctx.last_person
    if person is None or len(ctx.focus) != 2 or person.country not in ctx.focus:
        return None
    other = next(code for code in ctx.focus if code != person.country)
    office = ctx.kb.office_for_title(person.title) if person.title else None
    holder = ctx.kb.holder(other, office.id, ctx.on) if office is not None else None
    if holder is not None:
        return EntityActor(tok.i, tok.i + 1, tok.text, "person", holder.person, other, office.sector, person.title, True)
    return EntityActor(tok.i, tok.i + 1, tok.text, "country", ctx.kb.country_name(other), other, inferred=True)


SUBJECT_PAIR = re.compile(r"^(the two|both|both sides|the sides|they|the two sides|the parties|the two countries|the two nations|the two men|the ministers|the leaders)$", re.I)


def pair_subject(sent: Span) -> bool:
    """"The two discussed ...", "They agreed ...": the subject is the pair just named."""
    for tok in sent:
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.dep_ == "ROOT":
            phrase = " ".join(t.text for t in tok.subtree)
            return SUBJECT_PAIR.match(phrase) is not None
    return False


def mentions_pair(sent: Span) -> bool:
    return PAIR_WORDS.search(sent.text) is not None


def focus_pair(counts: Counter, title_countries: list[str]) -> tuple[str, ...]:
    """The two states a document is mostly about (title mentions weigh triple)."""
    weighted = Counter(counts)
    for code in title_countries:
        weighted[code] += 3
    top = [c for c, n in weighted.most_common(3) if n >= 2]
    return tuple(top[:2])     # most prominent first
