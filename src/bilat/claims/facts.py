"""Dates of facts: "a defence pact signed in 1998", "recognised ... since December 12,
1991", "until March 30", "the 2015 Rafale contract". A mixin of the sentence claim
finder in extract.py, which provides ``o`` (the document), ``sent``, ``text``,
``cues``, ``ents``, ``has_digit``, ``dates`` and ``states()``."""
from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Any, Callable, Iterator

from spacy.tokens import Span, Token

from ..records import ClaimSubject, TimeSpan
from ..temporal.expressions import DateMention
from .found import COUNTRY_LABELS, GRAINS, YEAR_LIKE, Found, tokens_in


class DatedFactClaims:
    o: Any
    sent: Any
    text: str
    cues: Any
    ents: list
    has_digit: bool
    dates: list[DateMention]
    states: Callable[..., tuple[str, ...]]

    def agreement_name(self, noun: Token, cls: str) -> str:
        """"the first Rafale contract" -> "contract (earlier) [Dassault Rafale]": the class of
        agreement, whether an earlier one is meant, and what kind it is."""
        earlier = any(c.lower_ in self.cues.earlier_modifiers for c in noun.children)
        kinds: set[str] = set()
        for c in noun.children:
            if c.dep_ in {"compound", "amod", "nmod"} and c.pos_ in {"NOUN", "PROPN", "ADJ"} \
                    and c.lower_ not in self.cues.earlier_modifiers and not YEAR_LIKE.match(c.text):
                ent = self.o.ent_of(c)
                if ent is not None and ent.label_ == "WEAPON":
                    weapon = self.o.kb.weapon(ent.ent_id_ or ent.text)
                    kinds.add(weapon.name if weapon else ent.text)
                elif ent is None or ent.label_ not in COUNTRY_LABELS:
                    kinds.add(c.lemma_.lower())
        return cls + (" (earlier)" if earlier else "") + (f" [{', '.join(sorted(kinds))}]" if kinds else "")

    def dated_facts(self) -> Iterator[Found]:
        yield from self._dated_agreements()
        if not self._has_date_cue():
            return
        for dm in self.dates:
            if dm.span.start is None or dm.span.granularity not in GRAINS:
                continue
            span = tokens_in(self.sent, dm.start, dm.end)
            if span is None:
                continue
            found = self._dated_fact(dm, span)
            if found is not None:
                yield found

    @cached_property
    def agreement_years(self) -> list[tuple[Token, Token, str]]:
        """(year, agreement noun, class) for "the 2015 Rafale contract", "a 1998 defence pact":
        bare years naming an agreement, which date expressions do not read."""
        out = []
        if not self.has_digit:
            return out
        for tok in self.sent:
            if not YEAR_LIKE.match(tok.text) or tok.dep_ not in {"nummod", "compound", "amod", "npadvmod"}:
                continue
            noun = tok.head
            cls = self.cues.agreement_nouns.get(noun.lemma_.lower())
            if cls is not None and noun.pos_ == "NOUN" and noun.i > tok.i:
                out.append((tok, noun, cls))
        return out

    def _dated_agreements(self) -> Iterator[Found]:
        """A year naming an agreement dates its signing."""
        for tok, noun, cls in self.agreement_years:
            year = int(tok.text)
            start = tok.idx - self.sent.start_char
            when = TimeSpan(date(year, 1, 1), date(year, 12, 31), "year", "explicit", tok.text)
            yield Found("date", ClaimSubject("agreement", self.agreement_name(noun, cls), self.states()),
                        "date.signed", start, start + len(tok.text), date=when)

    def _dated_fact(self, dm: DateMention, span: Span) -> Found | None:
        root = span.root
        prep = root.head if root.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in self.cues.until_words:
            governor = self._governing_verb(prep)
            return Found("date", self._fact_subject(governor, "date.until"), "date.until", dm.start, dm.end, date=dm.span)
        governor = self._governing_verb(prep if prep is not None else root)
        act = self._dated_act(governor)
        if act is None:
            return None
        attribute, node = act
        return Found("date", self._fact_subject(node, attribute), attribute, dm.start, dm.end, date=dm.span)

    def _governing_verb(self, tok: Token) -> Token:
        """The verb a date phrase belongs to, through the nouns it may hang on
        ("recognized Azerbaijan as an independent country since 1991" -> recognized)."""
        node = tok.head
        for _ in range(3):
            if node.pos_ in {"VERB", "AUX"} or node.lemma_.lower() in self.cues.date_nouns or node.head.i == node.i:
                break
            node = node.head
        return node

    def _dated_act(self, governor: Token) -> tuple[str, Token] | None:
        """(attribute, token) of the act a date dates: a cue verb ("signed in 1998"), a cue noun
        ("the signing ... in 2021"), or a cue noun beside the verb ("strengthened in 2021 with
        the signing of an agreement")."""
        lemma = governor.lemma_.lower()
        if governor.pos_ == "VERB" and lemma in self.cues.date_verbs:
            return "date." + self.cues.date_verbs[lemma], governor
        if governor.pos_ == "NOUN" and lemma in self.cues.date_nouns:
            return "date." + self.cues.date_nouns[lemma], governor
        for prep in governor.children:
            for noun in prep.children if prep.dep_ == "prep" else ():
                if noun.dep_ == "pobj" and noun.lemma_.lower() in self.cues.date_nouns:
                    return "date." + self.cues.date_nouns[noun.lemma_.lower()], noun
        if governor.pos_ == "VERB":     # a light verb: "placed an order for four corvettes in 2013"
            for noun in governor.children:
                if noun.dep_ == "dobj" and noun.pos_ == "NOUN" and noun.lemma_.lower() in self.cues.date_nouns:
                    return "date." + self.cues.date_nouns[noun.lemma_.lower()], noun
        return None

    def _fact_subject(self, verb: Token, attribute: str) -> ClaimSubject:
        """The agreement a date belongs to ("a pact signed in 1998", "signed the contract in 2015"),
        else the relation the verb names between the states of the sentence."""
        candidates = [verb.head] if verb.dep_ in {"acl", "relcl"} else []
        candidates += [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "nsubj", "attr"}]
        candidates += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"]      # "the signing of an agreement"
        if verb.pos_ == "NOUN":                                       # "an order for four Gowind corvettes"
            candidates += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
                           for g in c.children if g.dep_ == "pobj"]
        for noun in candidates:
            cls = self.cues.agreement_nouns.get(noun.lemma_.lower())
            if cls and noun.pos_ == "NOUN":
                return ClaimSubject("agreement", self.agreement_name(noun, cls), self.states())
        for noun in candidates:
            ent = self.o.ent_of(noun)
            if ent is not None and ent.label_ in {"ORG", "WEAPON", "EXERCISE"}:
                return ClaimSubject("relation", f"{attribute.split('.', 1)[1]} {ent.text}", self.clause_states(verb))
        return ClaimSubject("relation", attribute.split(".", 1)[1], self.clause_states(verb))

    def clause_states(self, verb: Token) -> tuple[str, ...]:
        """The states named in a verb's clause, with the document's focus states when it names
        only one ("In 2014 Egypt ordered four corvettes from DCNS", in a report on Egypt and
        France, is about the two of them); all the focus states when it names none."""
        inside = {t.i for t in verb.subtree}
        codes = {self.o.country_of(e) for e in self.ents if e.label_ in COUNTRY_LABELS and e.root.i in inside}
        found = {c for c in codes if c}
        for code in self.o.focus if len(found) == 1 else ():
            if len(found) >= 2:
                break
            found.add(code)
        return tuple(sorted(found)) if found else tuple(sorted(self.o.focus))
