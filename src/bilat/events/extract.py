"""From one analysed document to its events.

For each sentence: find triggers (triggers.py), decide factuality
(factuality.py), resolve the actors in the trigger's clause (actors/) and give
them roles (roles.py), pick the date the clause states (dating.py), its
location (roles.py) and items (items.py), and who says it (attribution.py). Candidates that report the same happening within the
document are then merged (merge.py) into one event with several mentions.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..actors.descriptors import descriptor_actor
from ..actors.resolve import DocContext, EntityActor, counterpart_actor, focus_pair, mentions_pair, pair_subject, pronoun_actor, resolve_entity, sentence_entities
from ..knowledge import Knowledge
from ..records import Actor, Document, Event, Item, Location, Mention, TimeSpan
from ..temporal.pubdate import year_hint_for
from .attribution import attribution_of
from .dating import (LEAD_SENTENCES, bounded_by, date_event, lead_date, lookup_day, publication_anchor, publication_day,
                     sentence_dates, setting_date)
from .dating import owning_clause as _owner
from .factuality import factuality_in_genre, factuality_of
from .lexicon import Lexicon, load_lexicon
from .fallback import classify
from .items import items_of
from .merge import merge_candidates
from .refine import maker_roles, makers_of, refine_category, refined
from .roles import SYMMETRIC, is_venue, location_of, names_a_place_nearby, on_home_ground, roles_of
from .sentences import sentences_of
from .triggers import Trigger, find_triggers

DESCRIBED_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "poss", "conj", "appos"})   # "the kingdom" as a party
TOWARDS_FOCUS = frozenset({"criticism", "support", "aid"})
DISTRIBUTIVE = frozenset({"agreement", "visit", "arms_transfer", "exercise", "meeting", "recognition", "training",
                          "defence_industry"})
OBJECT_PAIR = re.compile(r"^(both|the two) (ministers|foreign ministers|defence ministers|defense ministers|leaders|presidents|"
                         r"prime ministers|heads of state|delegations|sides|governments|countries|nations|men|women|envoys)$")


@dataclass
class Candidate:
    """One sentence's report of one event, before merging."""

    category: str
    factuality: str
    trigger: Trigger
    sentence_index: int
    sentence: Span
    actors: list[tuple[str, EntityActor]]          # (role, actor)
    countries: tuple[str, ...]
    date: TimeSpan
    location: Location | None
    items: list[Item]
    attribution: str | None
    context: str | None                            # category of a referenced setting ("during the visit")
    confidence: float
    inferred_countries: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def persons(self) -> set[str]:
        return {a.name for role, a in self.actors
                if a.kind == "person" and role != "target" and not (a.title and a.name.endswith(a.title))}


def _subject_tokens(trigger: Trigger, doc: Doc) -> set[int]:
    """Tokens of the doer: the governing clause's subject, a possessor, "visit of X", "by X";
    for "praised X for refusing ...", "thanked X for training ...", the one praised or thanked."""
    out: set[int] = set()
    trig = doc[trigger.token]
    for child in trig.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in {"of", "by"} and trig.pos_ == "NOUN"):
            out.update(t.i for t in child.subtree)
    node, came_from = doc[trigger.clause], None
    while True:
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass", "agent"}]
        if came_from is not None and came_from.dep_ == "prep" and came_from.lower_ == "for":
            thanked = [c for c in node.children if c.dep_ == "dobj"]
            if thanked:
                subjects = thanked             # "thanked his counterpart for training ...": the counterpart trains
        if node.i != trigger.clause and not subjects:
            objects = [c for c in node.children if c.dep_ == "dobj"]
            if objects:
                subjects = objects
        relative = [s for s in subjects if s.lower_ in RELATIVE_PRONOUNS]
        if subjects and not relative:
            for s in subjects:
                out.update(t.i for t in s.subtree)
            break
        if node.dep_ in {"acl", "relcl"} and node.head.i != node.i:
            out |= _antecedent_tokens(node)        # "army chief to visit X", "Valiyev, who visited X"
            break
        if node.head.i == node.i:
            break
        node, came_from = node.head, node
    return out


RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


def _antecedent_tokens(clause: Token) -> set[int]:
    """The doer of a relative or infinitival clause: the noun it hangs on and, when that noun
    is only a predicate or an object of talks ("Egypt is in talks to buy", "Pakistan is one
    of the countries that recognised"), the subject of the sentence it sits in."""
    inside = {t.i for t in clause.subtree}
    noun = clause.head
    out = {t.i for t in noun.subtree if t.i not in inside}
    node = noun
    while node.dep_ not in {"nsubj", "nsubjpass", "ROOT"} and node.head.i != node.i:
        node = node.head
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects and node.pos_ in {"VERB", "AUX"}:
            out.update(t.i for s in subjects for t in s.subtree)
            break
    return out


def _nested(trigger: Trigger, clauses: dict[int, Trigger], doc: Doc) -> frozenset[int]:
    """Tokens of other events' clauses that sit inside this trigger's clause."""
    mine = {t.i for t in doc[trigger.clause].subtree}
    out: set[int] = set()
    for clause in clauses:
        if clause != trigger.clause and clause in mine and trigger.token not in {t.i for t in doc[clause].subtree}:
            out.update(t.i for t in doc[clause].subtree)
    return frozenset(out)


def _confidence(trigger: Trigger, countries_direct: int, has_date: bool, has_person: bool, inferred: bool) -> float:
    score = 0.45 + (0.15 if trigger.kind in {"verb", "light", "phrase", "entity"} else 0.0)
    score -= 0.2 if trigger.kind == "fallback" else 0.0      # no trigger word: the words only suggest it
    score += 0.1 if countries_direct >= 2 else 0.0
    score += 0.1 if has_date else 0.0
    score += 0.05 if has_person else 0.0
    score -= 0.1 if inferred else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


HEDGE_ORDER = ("negated", "speculative", "proposed", "planned", "negotiating", "asserted")   # least sure first

# "Jordan followed in 1994", "others followed suit": the same kind of event by another state.
FOLLOWING_VERBS = frozenset({"follow"})


FOLLOW = "follow"


def _following_clauses(sent: Span) -> dict[int, Trigger]:
    """Clauses where a state follows another's lead without a direct object ("Jordan followed
    in 1994"; not "followed the talks"), as reference triggers that own their words."""
    return {tok.i: Trigger(tok.i, tok.i, FOLLOW, "verb", reference=True) for tok in sent
            if tok.pos_ == "VERB" and tok.lemma_.lower() in FOLLOWING_VERBS
            and any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
            and not any(c.dep_ == "dobj" for c in tok.children)}


BOUNDING_PREPOSITIONS = frozenset({"after", "before", "since", "following", "until", "prior"})


def _bounding_preposition(doc: Doc, ref: Trigger) -> str | None:
    """"praised the army (after last year's war)", "has sent since the invasion": a happening
    named after "after", "since" or "before" bounds the event; it is not its setting the way
    "during the visit" is. The preposition, or None."""
    node = doc[ref.token]
    return node.head.lower_ if node.dep_ == "pobj" and node.head.lower_ in BOUNDING_PREPOSITIONS else None


_DEMONSTRATIVES = frozenset({"that", "this"})


def _demonstrative(noun: Token) -> bool:
    """"that visit", "this meeting": the happening of that kind the text told last."""
    return any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in noun.children)


CHAIN_LOOKBACK = 3          # sentences: "the next day" counts from a date stated this close before


class _DocumentExtractor:
    def __init__(self, document: Document, doc: Doc, kb: Knowledge, lex: Lexicon, use_fallback: bool = False):
        self.document, self.doc, self.kb, self.lex = document, doc, kb, lex
        self.use_fallback = use_fallback
        doc.user_data["bilat_kb"] = kb
        self.sents = sentences_of(doc)
        self.anchor = publication_anchor(document.published)
        self.year_hint = None if self.anchor else year_hint_for(document.text)
        self.lead = lead_date(self.sents, self.anchor)
        self.pub_day = publication_day(document)
        self.ctx = DocContext(kb, on=self.pub_day)
        self.ctx.focus = self._focus()
        self.quote_speakers = self._quote_speakers()
        self.last_dated: TimeSpan | None = None
        self.chain_base: TimeSpan | None = None
        self.last_dated_index: int | None = None
        self.chain_base_index: int | None = None
        self.dated_by_category: dict[str, TimeSpan] = {}
        self.last_by_category: dict[str, TimeSpan] = {}     # "during that visit": the last one told
        self.visited_pairs: set[frozenset[str]] = set()   # a later meeting of the pair belongs to the visit
        self.dated_count: Counter = Counter()

    def _focus(self) -> tuple[str, ...]:
        counts: Counter = Counter()
        title: list[str] = []
        for i, sent in enumerate(self.sents):
            for ent in sentence_entities(sent):
                if ent.label_ in {"GPE", "NORP"} and not names_a_place_nearby(ent, self.lex):
                    code = self.kb.resolve_country(ent.ent_id_ or ent.text) or self.kb.resolve_country(ent.text)
                    if code:
                        counts[code] += 1
                        if i == 0:
                            title.append(code)
                elif ent.label_ == "PERSON" and i == 0:
                    people = self.kb.people_named(ent.text)
                    if people:
                        title.append(people[0].country)
        return focus_pair(counts, title)

    def _quote_speakers(self) -> dict[int, str]:
        """Sentence index -> speaker, for sentences inside a quotation."""
        out: dict[int, str] = {}
        open_since: int | None = None
        for i, sent in enumerate(self.sents):
            opens, closes = sent.text.count("“"), sent.text.count("”")
            if open_since is None and opens > closes:
                open_since = i
            elif open_since is not None and closes > opens:
                speaker = attribution_of(sent, self.lex) or (attribution_of(self.sents[open_since - 1], self.lex) if open_since else None)
                if speaker:
                    for j in range(open_since, i + 1):
                        out[j] = speaker
                open_since = None
        return out

    def run(self) -> list[Event]:
        candidates: list[Candidate] = []
        for index, sent in enumerate(self.sents):
            self.chain_base = self.last_dated       # "the following day" counts from before this sentence
            self.chain_base_index = self.last_dated_index
            triggers = find_triggers(sent, self.lex)
            context = next((t.category for t in triggers if t.reference), None)
            events = [t for t in triggers if not t.reference]
            if any(t.category == "visit" for t in events):
                events = [t for t in events if t.category != "meeting" or t.kind == "verb" and not context]
            events = refined(events, self.doc, self.lex)
            clauses = {t.clause: t for t in triggers if t.reference}
            clauses.update(_following_clauses(sent))      # "... and Jordan followed": its own clause
            clauses.update({t.clause: t for t in events})
            ref = next((t for t in triggers if t.reference), None)
            judged = {t.token: self._judge(index, sent, t, clauses, ref, events) for t in events}
            resolved = self._resolve(sent, [when for _, _, when in judged.values()])   # titles at the event's date
            for trig in events:
                cand = self._candidate(index, sent, trig, clauses, resolved, context, judged[trig.token])
                if cand is not None:
                    for piece in self._distributed(cand):
                        self._keep(piece, index, candidates)
            followers = self._followers(index, sent, resolved, candidates, clauses)
            for follower in followers:
                self._keep(follower, index, candidates)
            if not triggers and not followers:
                fallback = self._fallback(index, sent)
                if fallback is not None:
                    self._keep(fallback, index, candidates)
        return merge_candidates(candidates, self.document, self.kb)

    def _fallback(self, index: int, sent: Span) -> Candidate | None:
        """A sentence no trigger word caught that names two states itself: an event of the
        category its words suggest (``fallback.classify``), if they suggest one."""
        if not self.use_fallback or self.document.genre != "news":
            return None           # in opinion and analysis, an untriggered sentence is mostly comment
        category = classify(sent)
        if category is None:
            return None
        trig = self._most_hedged_verb(sent, category)
        judged = self._judge(index, sent, trig, {trig.clause: trig}, None)
        resolved = self._resolve(sent, [judged[2]])
        cand = self._candidate(index, sent, trig, {trig.clause: trig}, resolved, None, judged)
        if cand is None or cand.inferred_countries or any(a.inferred for _, a in cand.actors):
            return None
        return cand

    def _most_hedged_verb(self, sent: Span, category: str) -> Trigger:
        """The fallback's trigger: the verb of ``sent`` whose clause is told least surely
        ("found no evidence that ... had loaded weapons", "scholars suggest that a settlement
        could involve ..."), else the sentence's root; with no trigger word to go by, a
        doubt anywhere in the sentence is the event's."""
        best = Trigger(sent.root.i, sent.root.i, category, "fallback")
        best_rank = HEDGE_ORDER.index(factuality_of(best, sent, self.lex)[0])
        for tok in sent:
            if tok.pos_ not in {"VERB", "AUX"} or tok.i == sent.root.i:
                continue
            trig = Trigger(tok.i, tok.i, category, "fallback")
            rank = HEDGE_ORDER.index(factuality_of(trig, sent, self.lex)[0])
            if rank < best_rank:
                best, best_rank = trig, rank
        return best

    def _distributed(self, cand: Candidate) -> list[Candidate]:
        """"Tokyo concluded similar pacts with Australia in January 2022 and with Britain in
        January 2023": counterparts each followed by a date of their own are separate
        happenings, one per (counterpart, date), the doer taking part in each."""
        if cand.category not in DISTRIBUTIVE or cand.inferred_countries:
            return [cand]
        sent, doc = cand.sentence, self.doc
        subject = _subject_tokens(cand.trigger, doc)
        doers = [(r, a) for r, a in cand.actors if any(a.start <= i < a.end for i in subject)]
        others = [(r, a) for r, a in cand.actors if (r, a) not in doers and a.country
                  and a.country not in {d.country for _, d in doers} and a.start > cand.trigger.token]
        dates = [d for d in sentence_dates(sent.text, self.anchor, self.year_hint)
                 if d.span.known and d.start > doc[cand.trigger.token].idx - sent.start_char]
        if not doers or len(others) < 2 or len(dates) != len(others) or len({a.country for _, a in others}) < len(others):
            return [cand]
        marks = sorted([(doc[a.start].idx - sent.start_char, "state") for _, a in others]
                       + [(d.start, "date") for d in dates])
        if [kind for _, kind in marks] != ["state", "date"] * len(others) or len({d.span for d in dates}) < len(dates):
            return [cand]
        pieces = []
        for (role, actor), when in zip(sorted(others, key=lambda ra: ra[1].start), dates):
            actors = doers + [(role, actor)]
            pieces.append(replace(cand, actors=actors, date=when.span,
                                  countries=tuple(sorted({a.country for _, a in actors if a.country}))))
        return pieces

    def _keep(self, cand: Candidate, index: int, candidates: list[Candidate]) -> None:
        candidates.append(cand)
        if cand.category == "visit":
            self.visited_pairs.add(frozenset(cand.countries))
        if cand.date.known:
            self.last_dated, self.last_dated_index = cand.date, index
            known = self.dated_by_category.get(cand.category)
            self.dated_by_category[cand.category] = setting_date(known, cand.date)  # "during the visit" dates later clauses
            self.last_by_category[cand.category] = cand.date
            if known is None or (known.start, known.end) != (cand.date.start, cand.date.end):
                self.dated_count[cand.category] += 1

    def _followers(self, index: int, sent: Span, resolved: dict[int, EntityActor], candidates: list[Candidate],
                   clauses: dict[int, Trigger]) -> list[Candidate]:
        """"Egypt made peace with Israel in 1979 and Jordan followed in 1994", "Bahrain's
        followed on September 11": a state that follows does what the last event reported,
        with the same counterpart, at its own date."""
        out: list[Candidate] = []
        for tok in sent:
            if tok.i not in clauses or clauses[tok.i].category != FOLLOW:
                continue
            template = next((c for c in reversed(candidates) if index - c.sentence_index <= 1), None)
            state = self._follower_state(tok, resolved)
            if template is None or state is None or state.country in template.countries:
                continue
            doers = {a.country for role, a in template.actors if role in {"source", "participant"} and a.country
                     and any(a.start <= i < a.end for i in _subject_tokens(template.trigger, self.doc))}
            if not doers:
                doers = {a.country for role, a in template.actors if role == "source" and a.country}
            others = [(role, a) for role, a in template.actors if a.country not in doers]
            if not others or not doers:
                continue
            trig = Trigger(tok.i, tok.i, template.category, "verb")
            role = "participant" if template.category in SYMMETRIC else "source"
            actors = [(role, state)] + others
            when = date_event(sent, trig, {**clauses, tok.i: trig}, template.factuality, self.anchor, self.year_hint, None)
            countries = tuple(sorted({a.country for _, a in actors if a.country}))
            out.append(replace(template, trigger=trig, sentence_index=index, sentence=sent, actors=actors,
                               countries=countries, date=when, items=template.items, inferred_countries=True,
                               extra={**template.extra, "follows": template.trigger.token}))
        return out

    def _follower_state(self, verb: Token, resolved: dict[int, EntityActor]) -> EntityActor | None:
        for child in verb.children:
            if child.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            for t in child.subtree:
                actor = resolved.get(t.i)
                if actor is not None and actor.country:
                    return actor
        return None

    def _judge(self, index: int, sent: Span, trig: Trigger, clauses: dict[int, Trigger],
               ref: Trigger | None, others: list[Trigger] = ()) -> tuple[str, str | None, TimeSpan]:
        """Factuality, its cue and the date of one trigger: all that comes before the actors."""
        factuality, cue = factuality_of(trig, sent, self.lex, _nested(trig, clauses, self.doc))
        headline = index == 0 and bool(self.document.title) and sent.text.strip().startswith(self.document.title.strip()[:40])
        setting, bound = self._setting(ref)
        bound = bound or self._reaction_bound(trig, others)
        just_before = self._news_so_far(index) or (self.sents[index - 1] if index and self.chain_base_index == index - 1
                                              else None)
        when = date_event(sent, trig, clauses, factuality, self.anchor, self.year_hint, self.chain_base,
                          setting=setting, bound=bound, headline=headline,
                          previous_sentence=just_before, sentence_before=self._since_last_dated(index),
                          lead=self.lead if index < LEAD_SENTENCES and self.document.genre == "news" else None)
        return factuality, cue, when

    def _since_last_dated(self, index: int) -> tuple[Span, ...]:
        """The sentences a chain phrase may count from, nearest last: the one just before,
        and those back to the previous dated event's sentence (at most CHAIN_LOOKBACK)."""
        first = index - 1 if self.chain_base_index is None else min(index - 1, self.chain_base_index + 1)
        return tuple(self.sents[max(0, first, index - CHAIN_LOOKBACK):index])

    def _reaction_bound(self, trig: Trigger, others: list[Trigger]) -> TimeSpan | None:
        """"Armenia condemned the visit", "China also criticised the pact": an act whose object
        is an earlier happening ("the visit") comes on or after it and by publication, when the
        text dated one happening of that kind."""
        verb = self.doc[trig.token]
        if verb.pos_ != "VERB":
            return None
        target = next((o for o in others if o is not trig and o.definite and self.doc[o.token].dep_ == "dobj"
                       and self.doc[o.token].head.i == verb.i), None)
        if target is None or self.dated_count[target.category] != 1:
            return None
        known = self.dated_by_category.get(target.category)
        return bounded_by(known, "since", self.anchor) if known is not None else None

    def _setting(self, ref: Trigger | None) -> tuple[TimeSpan | None, TimeSpan | None]:
        """The date a referenced happening gives an event: its own ("during the visit") as the
        first item, or the interval it bounds ("since the invasion", "after the war", "before
        the summit") as the second, when the text dated one happening of that kind (after
        one of several visits is after none in particular)."""
        known = self.dated_by_category.get(ref.category) if ref is not None else None
        if ref is None or known is None:
            return None, None
        prep = _bounding_preposition(self.doc, ref)
        if prep is None and _demonstrative(self.doc[ref.token]):
            return self.last_by_category[ref.category], None   # "during that visit": the one just told
        if prep is None:
            return known, None
        return None, (bounded_by(known, prep, self.anchor) if self.dated_count[ref.category] == 1 else None)

    def _states_earlier_day(self, sent: Span, day: TimeSpan) -> bool:
        """Does ``sent`` state a single day before ``day`` ("The row began on Sunday")?"""
        return any(dm.span.granularity == "day" and dm.span.end is not None and day.start is not None
                   and dm.span.end < day.start
                   for dm in sentence_dates(sent.text, self.anchor, self.year_hint))

    def _news_so_far(self, index: int) -> Span | None:
        """The text up to the sentence that last told the news of the day (the day the lead
        reports), while the text has dated nothing else since: later sentences about the
        people it names carry on that news ("Tokayev and Erdogan also signed ...", "2. The
        two leaders agreed ...")."""
        base, where = self.chain_base, self.chain_base_index
        if self.lead is None or base is None or where is None or (base.start, base.end) != (self.lead.start,
                                                                                          self.lead.end):
            return None
        if any(self._states_earlier_day(s, self.lead) for s in self.sents[where + 1:index]):
            return None      # "The row began on Sunday, when ...": the text has moved to another day
        return self.doc[self.sents[0].start:self.sents[where].end]

    def _resolve(self, sent: Span, dates: list[TimeSpan]) -> dict[int, EntityActor]:
        """The sentence's entities, titles resolved on the date of its first dated event."""
        when = next((d for d in dates if d.known), None)
        self.ctx.on = lookup_day(when, self.pub_day) if when else self.pub_day
        resolved: dict[int, EntityActor] = {}
        for ent in sentence_entities(sent):
            actor = resolve_entity(ent, self.ctx)
            if actor is not None:
                resolved[ent.start] = actor
                if actor.kind == "person" and ent.root.dep_ in {"nsubj", "nsubjpass"}:
                    self.ctx.last_subject_person = actor
        return resolved

    def _scope(self, sent: Span, trig: Trigger, clauses: dict[int, Trigger]) -> tuple[list[Span], set[int]]:
        subject = _subject_tokens(trig, self.doc)
        top = min((c for c, t in clauses.items() if not t.reference), key=lambda c: len(list(self.doc[c].ancestors)))
        scope = []
        for ent in sentence_entities(sent):
            owner = _owner(ent.root, clauses)
            mine = owner == trig.clause or (owner is None and trig.clause == top) or ent.root.i in subject
            if mine:
                scope.append(ent)
        return scope, subject

    def _described_states(self, sent: Span, trig: Trigger, clauses: dict[int, Trigger], subject: set[int],
                          sided: list[tuple[str, EntityActor]]) -> list[tuple[str, EntityActor]]:
        """"The emir's first visit to the kingdom": states named only by a descriptor, as the
        subject or as an object in the trigger's clause (a state already a party is not added twice)."""
        top = min((c for c, t in clauses.items() if not t.reference), key=lambda c: len(list(self.doc[c].ancestors)))
        have = {a.country for _, a in sided}
        out: list[tuple[str, EntityActor]] = []
        for tok in sent:
            if tok.dep_ not in DESCRIBED_DEPS:
                continue
            owner = _owner(tok, clauses)
            if not (tok.i in subject or owner == trig.clause or (owner is None and trig.clause == top)):
                continue
            actor = descriptor_actor(tok, self.ctx)
            if actor is not None and actor.country not in have:
                out.append(("subj" if tok.i in subject else "obj", actor))
                have.add(actor.country)
        return out

    def _without_third_party_venue(self, sided: list[tuple[str, EntityActor]], venues: set[str]
                                   ) -> list[tuple[str, EntityActor]]:
        """"The two leaders are to meet again in Brazil": a venue that is neither of the pair
        the document is about is where it happens, not a party (a host named as the venue of
        its own talks stays)."""
        focus = set(self.ctx.focus)
        if not venues or len(focus) != 2 or venues & focus:
            return sided
        others = {a.country for _, a in sided if a.country not in venues}
        if not others <= focus:
            return sided
        return [(side, a) for side, a in sided if a.country not in venues]

    def _counterparts(self, trig: Trigger, subject: set[int]) -> list[tuple[str, EntityActor]]:
        """"thanked his counterpart for training ...": the counterpart, in the trigger's clause
        or its doer, is the other state of the document's pair (see counterpart_actor)."""
        words = {t.i for t in self.doc[trig.clause].subtree} | subject
        out = []
        for i in sorted(words):
            actor = counterpart_actor(self.doc[i], self.ctx)
            if actor is not None:
                out.append(("subj" if i in subject else "obj", actor))
        return out

    def _own_words_of_a_reference(self, trig: Trigger, sided: list[tuple[str, EntityActor]],
                                  subject: set[int]) -> list[tuple[str, EntityActor]]:
        """"The visit of General Asim has a meaning because of ties between Armenia and
        India": a definite noun that refers back to a happening takes its states from its
        own words (and its subject), not from the rest of the sentence."""
        if trig.kind != "noun" or not trig.definite:
            return sided
        own = {t.i for t in self.doc[trig.token].subtree} | subject
        kept = [(side, a) for side, a in sided if any(a.start <= i < a.end for i in own)]
        return kept if kept else sided

    def _pair_as_object(self, trig: Trigger) -> bool:
        """The trigger's object is the pair the document is about ("received both ministers",
        "hosted the two leaders") and neither of the pair is named in its clause."""
        if len(self.ctx.focus) != 2:
            return False
        clause = self.doc[trig.clause]
        objects = [c for c in clause.children if c.dep_ in {"dobj", "dative"}]
        objects += [g for c in clause.children if c.dep_ == "prep" and c.lower_ in {"with", "between"}
                    for g in c.children if g.dep_ == "pobj"]
        return any(OBJECT_PAIR.match(" ".join(t.lower_ for t in o.subtree if t.i <= o.i)) for o in objects)

    def _implied_subject(self, trig: Trigger, subject: set[int], resolved: dict[int, EntityActor]) -> EntityActor | None:
        """A doer the words imply without naming its state: "its war" / "their drills" (the
        state that is the subject of the governing clause), or "the air force inducted"
        (a state body of the state the document is mainly about)."""
        doc = self.doc
        token = doc[trig.token]
        if any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in token.children):
            for node in token.ancestors:
                for head in [node, node.head] if node.dep_ == "conj" else [node]:
                    for child in head.children:
                        if child.dep_ not in {"nsubj", "nsubjpass"}:
                            continue
                        for t in child.subtree:
                            actor = resolved.get(t.i)
                            if actor is not None and actor.kind == "country" and actor.country:
                                return replace(actor, inferred=True)
        bodies = [doc[i] for i in subject if doc[i].dep_ in {"nsubj", "nsubjpass"}
                  and doc[i].lemma_.lower() in self.lex.state_bodies and not doc[i].ent_type_]
        if bodies and self.ctx.focus and not any(i in resolved for i in subject):
            code = self.ctx.focus[0]
            body = bodies[0]
            return EntityActor(body.i, body.i + 1, body.text, "country", self.kb.country_name(code), code, inferred=True)
        return None

    def _candidate(self, index: int, sent: Span, trig: Trigger, clauses: dict[int, Trigger],
                   resolved: dict[int, EntityActor], context: str | None,
                   judged: tuple[str, str | None, TimeSpan]) -> Candidate | None:
        scope, subject = self._scope(sent, trig, clauses)
        sided: list[tuple[str, EntityActor]] = []
        venues: set[str] = set()
        for ent in scope:
            actor = resolved.get(ent.start)
            if actor is not None and actor.country and not names_a_place_nearby(ent, self.lex):
                sided.append(("subj" if ent.root.i in subject else "obj", actor))
                if is_venue(ent, trig):
                    venues.add(actor.country)
        sided = self._without_third_party_venue(sided, venues)
        sided = self._own_words_of_a_reference(trig, sided, subject)
        for tok in sent:
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.i in subject:
                pron = pronoun_actor(tok, self.ctx)
                if pron is not None and pron.country:
                    sided.append(("subj", pron))
        sided += self._described_states(sent, trig, clauses, subject, sided)
        sided += self._counterparts(trig, subject)
        if not any(side == "subj" for side, _ in sided):
            implied = self._implied_subject(trig, subject, resolved)
            if implied is not None:
                sided.append(("subj", implied))
        actors = roles_of(trig, sided, self.doc, self.lex)
        countries = {a.country for _, a in actors if a.country}
        direct = {a.country for _, a in actors if a.country and not a.inferred}
        inferred = False
        if len(countries) < 2 and self.ctx.focus and len(self.ctx.focus) == 2:
            strong = trig.kind in {"verb", "light", "phrase", "entity"} or self.doc[trig.token].dep_ in {"nsubj", "nsubjpass"}
            if countries <= set(self.ctx.focus) and (mentions_pair(sent) or trig.category == "visit" or trig.definite or strong):
                for code in self.ctx.focus:
                    if code not in countries:
                        role = "participant" if trig.category in SYMMETRIC or not actors else ("target" if any(r == "source" for r, _ in actors) else "source")
                        actors.append((role, EntityActor(trig.token, trig.token + 1, "", "country", self.kb.country_name(code), code, inferred=True)))
                countries = set(self.ctx.focus)
                inferred = True
        if len(countries) == 1 and refine_category(trig, self.doc, self.lex) == "arms_transfer":
            for code in makers_of(scope, self.kb) - countries:   # "Egypt ordered 24 Rafales": the maker supplies
                actors.append(("source", EntityActor(trig.token, trig.token + 1, "", "country", self.kb.country_name(code), code, inferred=True)))
                countries.add(code)
                inferred = True
        if len(countries) == 1 and self.ctx.focus and not countries & set(self.ctx.focus) \
                and trig.category in TOWARDS_FOCUS and trig.kind != "noun":
            # a third state acting on the document's subject: commenting on the pair, sending it aid
            added = self.ctx.focus if trig.category in {"criticism", "support"} else self.ctx.focus[:1]
            for code in added:
                actors.append(("target", EntityActor(trig.token, trig.token + 1, "", "country", self.kb.country_name(code), code, inferred=True)))
            countries |= set(added)
            inferred = True
        if len(countries) == 1 and self._pair_as_object(trig):
            # "Trump received both ministers": a third state acting on the pair the document is about
            role = "source" if trig.category == "visit" else "target"     # the pair came to the host
            for code in self.ctx.focus:
                actors.append((role, EntityActor(trig.token, trig.token + 1, "", "country", self.kb.country_name(code), code, inferred=True)))
            countries |= set(self.ctx.focus)
            inferred = True
        if len(countries) < 2:
            return None
        if refine_category(trig, self.doc, self.lex) == "arms_transfer":
            actors = maker_roles(actors, makers_of(scope, self.kb, self.lex) & countries)
        factuality, cue, when = judged
        attribution = attribution_of(sent, self.lex, self.quote_speakers.get(index))
        factuality = factuality_in_genre(factuality, cue, self.document.genre, attribution is not None)
        items = items_of(scope, sent, trig, self.kb, self.lex)
        has_person = any(a.kind == "person" for _, a in actors)
        location = location_of(scope, resolved, self.kb, trig.category, actors)
        category = trig.category
        if category == "meeting" and frozenset(countries) not in self.visited_pairs \
                and on_home_ground(trig, location, countries, self.doc, self.lex):
            category = "visit"                   # "Mitsotakis sat down with Erdogan in Ankara"
            actors = [("target" if a.country == location.country else "source", a) for _, a in actors]
        return Candidate(
            category=category, factuality=factuality, trigger=trig, sentence_index=index, sentence=sent,
            actors=actors, countries=tuple(sorted(countries)), date=when,
            location=location, items=items,
            attribution=attribution, context=context,
            confidence=_confidence(trig, len(direct), when.known, has_person, inferred),
            inferred_countries=inferred, extra={"cue": cue, "pair_subject": pair_subject(sent)},
        )


def extract_events(document: Document, doc: Doc, kb: Knowledge, lex: Lexicon | None = None,
                   fallback: bool = False) -> list[Event]:
    """Events reported in one analysed document, each with its evidence mentions; with
    ``fallback`` also the sentences no trigger word caught (see ``events/fallback.py``)."""
    return _DocumentExtractor(document, doc, kb, lex or load_lexicon(), fallback).run()


def count_sentences(doc: Doc) -> int:
    return len(sentences_of(doc))


__all__ = ["extract_events", "count_sentences", "Candidate", "Actor", "Mention", "Event"]
