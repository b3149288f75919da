"""From one analysed document to its claims.

For each sentence: amounts of money (regexes, :mod:`.normalise`), counts of
things ("12 Al-Khalid tanks", "from an initial 10 to 24 aircraft", "two dozen
drones"), dates of facts (:mod:`.facts`: "a pact signed in 1998", "until March 30"),
ranks and descriptions of actors (:mod:`.actors`). Each claim gets a subject (weapon
system, item, agreement, relation or actor, with the states concerned), an
attribute, a normalised value and who says it (:func:`attribution_of`).
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import Counter
from datetime import date
from functools import cached_property
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from ..events.attribution import attribution_of
from ..events.lexicon import Lexicon, load_lexicon
from ..events.sentences import sentences_of
from ..knowledge import Knowledge
from ..records import Claim, ClaimSubject, Document
from ..temporal.expressions import DateMention, find_dates
from ..temporal.pubdate import year_hint_for
from .actors import ActorClaims
from .facts import DatedFactClaims
from .cues import ClaimCues, claim_cues
from .found import COUNTRY_LABELS, GRAINS, YEAR_LIKE, Found, ordinal_value, tokens_in
from .normalise import DIGITS, Money, find_money, is_unit, number_words, parse_number

NOT_COUNTS = frozenset({"PERCENT", "MONEY", "ORDINAL", "WEAPON", "EXERCISE", "PRODUCT",
                        "LAW", "EVENT", "FAC", "ORG", "WORK_OF_ART"})
_NAME_NUMBER_MARK = re.compile(r"(?:\b(?:No|Nos|Number)\.?|#)\s*$")
_DIGIT_NUMBER = re.compile(rf"(?<![\w\-./$€£¥₹#])(?:{DIGITS})(?![\w\-/]|\.\d|,\d)")
# A sentence without a digit can still state a date only with one of these words.
_DATE_WORDS = re.compile(
    r"(?i)\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?(?=\s*\d)|\b(?:yesterday|today|tomorrow|tonight|ago|"
    r"(?:last|next|this|coming|previous|past)\s+(?:week|month|year|decade|century|spring|summer|autumn|fall|winter|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b")


def claim_id(doc_id: str, start: int, end: int, kind: str, attribute: str) -> str:
    """Content-addressed: the same words of the same document give the same id."""
    return hashlib.sha1(f"{doc_id}|{start}|{end}|{kind}|{attribute}".encode()).hexdigest()[:16]


def _publication_day(document: Document) -> date | None:
    pub = document.published
    if pub.start and pub.end and (pub.end - pub.start).days <= 7:
        return pub.start
    return None


class _SentenceClaims(DatedFactClaims, ActorClaims):
    """The claims of one sentence; shared lookups live on the document extractor."""

    def __init__(self, owner: "_DocumentClaims", sent: Span):
        self.o, self.sent, self.text = owner, sent, sent.text
        self.cues: ClaimCues = owner.cues
        self.has_digit = any(ch.isdigit() for ch in self.text)
        self.money: list[Money] = find_money(self.text) if self.has_digit else []
        self.ents = owner.ents_between(sent.start, sent.end)
        self.countries = self._countries()

    # ------------------------------------------------------------ context
    @cached_property
    def dates(self) -> list[DateMention]:
        """The sentence's date expressions, found only when a claim needs them."""
        if self.has_digit or _DATE_WORDS.search(self.text):
            return self.o.dates_in(self.text)
        return []

    def _has_date_cue(self) -> bool:
        cues = self.cues
        return any(t.lemma_.lower() in cues.date_verbs or t.lemma_.lower() in cues.date_nouns
                   or t.lower_ in cues.until_words for t in self.sent)

    def _countries(self) -> set[str]:
        out = set()
        for ent in self.ents:
            if ent.label_ in COUNTRY_LABELS:
                code = self.o.country_of(ent)
                if code:
                    out.add(code)
        return out

    def states(self, extra: Iterable[str] = ()) -> tuple[str, ...]:
        """The states a claim of this sentence concerns: those it names, the makers of its
        weapon, and the document's focus states when fewer than two are known."""
        found = set(self.countries) | set(extra)
        for code in self.o.focus:
            if len(found) >= 2:
                break
            found.add(code)
        return tuple(sorted(found))

    def context_year(self, near: int) -> int | None:
        """The year of the date expression nearest to a sentence offset, else the publication year."""
        years = [(d.start, d.span.start.year) for d in self.dates
                 if d.span.start is not None and d.span.granularity in GRAINS]
        years += [(tok.idx - self.sent.start_char, int(tok.text)) for tok, _, _ in self.agreement_years]
        if years:
            return min(years, key=lambda y: abs(y[0] - near))[1]
        return self.o.anchor.year if self.o.anchor else None

    def _in_money(self, start: int, end: int) -> bool:
        return any(start < m.end and m.start < end for m in self.money)

    def _in_date(self, start: int, end: int) -> bool:
        return any(start < d.end and d.start < end for d in self.dates)

    # ------------------------------------------------------------ quantities
    def number_spans(self) -> Iterator[tuple[int, int, float]]:
        for m in _DIGIT_NUMBER.finditer(self.text):
            value = parse_number(m.group(0))
            if value is not None:
                yield m.start(), m.end(), value
        for m in number_words().pattern.finditer(self.text):
            if self.text[m.end():m.end() + 1] == "-" or self.text[max(0, m.start() - 1):m.start()] == "-":
                continue      # "one-day", "forty-year-old" are not counts
            value = parse_number(m.group(0))
            if value is not None:
                yield m.start(), m.end(), value

    def quantities(self) -> Iterator[Found]:
        changes = {}
        for m in self.cues.change.finditer(self.text):
            first, second = parse_number(m.group("first")), parse_number(m.group("second"))
            if first is not None and second is not None:
                changes[m.start("second")] = (first, m.start("first"))
        firsts = {start for _, start in changes.values()}
        for start, end, value in self.number_spans():
            if start in firsts or value < 2 or self._in_money(start, end):
                continue
            found = self._quantity(start, end, value, changes.get(start))
            if found is not None and not self._in_date(start, end):
                yield found

    def _quantity(self, start: int, end: int, value: float, change: tuple[float, int] | None) -> Found | None:
        span = tokens_in(self.sent, start, end)
        if span is None:
            return None
        last = span[-1]
        if any(self.o.ent_of(t) is not None and self.o.ent_of(t).label_ in NOT_COUNTS for t in span):  # type: ignore[union-attr]
            return None
        if YEAR_LIKE.match(span.text) and span[0].ent_type_ in {"DATE", "TIME"}:
            return None                    # "the 2015 contract"
        if _NAME_NUMBER_MARK.search(self.text[max(0, start - 8):start]):
            return None                    # "No. 17 Squadron"
        after = self.text[end:].lstrip().lower()
        scale = re.match(r"(thousand|million|billion)\b", after)
        if scale:
            value *= {"thousand": 1e3, "million": 1e6, "billion": 1e9}[scale.group(1)]
            last = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else last
        head, increment = self._counted_noun(last)
        if head is None or is_unit(head.lower_) or is_unit(head.lemma_) \
                or head.lemma_.lower() in self.cues.uncounted_nouns or self._refers_back(start):
            return None
        weapon = self._weapon_near(span[0], head) or self.o.sole_weapon_for(head.lemma_.lower())
        if weapon is None and head.pos_ == "PROPN" and head.text[:1].isupper():
            return None                    # "17 Squadron": a name, not a count
        qualifier = "increment" if increment else self._qualifier(self._first_conjunct_start(head, start))
        previous = None
        if change is not None:
            previous, qualifier = change[0], "change"
        elif self.text[:start].rstrip().lower().endswith(("another", "a further")):
            qualifier = "increment"
        makers: tuple[str, ...] = ()
        if weapon is not None:
            subject_kind, name = "weapon_system", weapon.name
            makers = weapon.makers
        else:
            subject_kind, name = "item", self._item_name(span[-1], head)
        if self._whole_of_a_part(head) or self._after_a_part(start):
            attribute = "count.total"      # "the first six of 12 planes": 12 is the whole, not what was delivered
        else:
            stage = self._stage(head)
            attribute = "count" + (f".{stage}" if stage else "") + (".total" if qualifier == "change" else "")
        text_end = head.idx + len(head.text) - self.sent.start_char
        return Found("quantity", ClaimSubject(subject_kind, name, self.states(makers)), attribute,
                      start if change is None else min(start, change[1]), max(text_end, end), value=value,
                      previous=previous, unit=head.lemma_.lower(), qualifier=qualifier)

    def _counted_noun(self, last: Token) -> tuple[Token | None, bool]:
        """The noun a number counts: the last noun of the run of modifiers after it
        ("30 more Rafale fighter jets" -> jets, "212 K9 self-propelled howitzers" -> howitzers),
        else its head when parsed as a numeric modifier right after it."""
        doc, increment = last.doc, False
        i, end = last.i + 1, min(len(doc), last.i + 11, self.sent.end)
        noun: Token | None = None
        while i < end:
            tok = doc[i]
            if tok.text in {"-", "–"}:
                i += 2                     # a hyphenated modifier: "self-propelled", "second-hand"
                continue
            if tok.lower_ in self.cues.increments and noun is None:
                increment = True
            elif self._in_money(tok.idx - self.sent.start_char, tok.idx + 1 - self.sent.start_char):
                break                      # "150 Rs 5,000 crore": the run ends at an amount of money
            elif tok.pos_ in {"NOUN", "PROPN"} or tok.ent_type_ == "WEAPON":
                if noun is not None and (is_unit(tok.lower_) or is_unit(tok.lemma_)):
                    break                  # "30 jets last year"
                noun = tok
            elif tok.pos_ not in {"ADJ", "NUM"}:
                break
            i += 1
        if noun is None and last.dep_ == "nummod" and last.head.i == last.i + 1 and last.head.pos_ == "NOUN":
            noun = last.head
        return noun, increment

    def _after_a_part(self, start: int) -> bool:
        """"six of 12 planes" as the text writes it, whatever the parse made of it."""
        before = self.text[max(0, start - 30):start].rstrip()
        if not before.lower().endswith(" of"):
            return False
        words = before[:-3].split()
        return bool(words) and parse_number(words[-1]) is not None

    @staticmethod
    def _whole_of_a_part(head: Token) -> bool:
        """"six of 12 planes", "the first batch of 12 planes": the count is the whole a part is taken from."""
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
            return False
        part = prep.head
        return part.pos_ == "NUM" or any(c.dep_ in {"amod", "nummod"} and (c.tag_ in {"JJS", "CD"} or ordinal_value(c.text))
                                         for c in part.children)

    def _first_conjunct_start(self, head: Token, start: int) -> int:
        """"up to 1,000 tanks, 672 howitzers and 48 jets": a qualifier before the first of
        coordinated counts holds for all of them."""
        node = head
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node is head:
            return start
        numbers = [c for c in node.children if c.dep_ == "nummod"]
        return numbers[0].idx - self.sent.start_char if numbers else start

    def _refers_back(self, start: int) -> bool:
        """"the two jets", "both sides": a definite number refers back, it claims nothing new."""
        before = [w.lower() for w in self.text[:start].split()[-2:]]
        if before and before[-1] in self.cues.definite_words:
            return True
        return len(before) == 2 and before[0] in self.cues.definite_words and before[1].isalpha()   # "the remaining 36"

    def _qualifier(self, start: int) -> str:
        m = self.cues.qualifier_tail.search(self.text[max(0, start - 30):start])
        return self.cues.qualifiers[m.group("q").lower()] if m else "exact"

    def _weapon_near(self, first: Token, head: Token):
        for ent in self.ents:
            if ent.label_ == "WEAPON" and ent.start <= head.i and ent.end > first.i:
                return self.o.kb.weapon(ent.ent_id_ or ent.text) or self.o.kb.weapon(ent.text)
        return None

    def _item_name(self, last: Token, head: Token) -> str:
        words = [t for t in last.doc[last.i + 1:head.i]
                 if t.pos_ in {"NOUN", "PROPN"} and t.lower_ not in self.cues.increments]
        return " ".join([*(t.text if t.pos_ == "PROPN" else t.lower_ for t in words), head.lemma_.lower()])

    def _stage(self, head: Token) -> str | None:
        node = head
        for _ in range(5):
            if node.head.i == node.i:
                break
            node = node.head
            lemma = node.lemma_.lower()
            if node.pos_ in {"VERB", "AUX"}:
                return self.cues.stage_verbs.get(lemma)
            if node.pos_ == "NOUN" and lemma in self.cues.stage_nouns:
                return self.cues.stage_nouns[lemma]
        return None

    # ------------------------------------------------------------ money
    def prices(self) -> Iterator[Found]:
        for mo in self.money:
            span = tokens_in(self.sent, mo.start, mo.end)
            weapon, subject = self._money_subject(span)
            makers = weapon.makers if weapon is not None else ()
            attribute = "price" if subject[0] in {"weapon_system", "agreement"} else "amount"
            yield Found("money", ClaimSubject(subject[0], subject[1], self.states(makers)), attribute,
                         mo.start, mo.end, value=mo.amount, value_max=mo.amount_max, unit=mo.currency,
                         qualifier=self._qualifier(mo.start))

    def _money_subject(self, span: Span | None):
        """What an amount is the price of: the weapon system the sentence names; else, when it
        is the value of a contract or deal ("the deal is worth ...", "a contract valued at ..."),
        the one weapon system the document names, else that agreement; else what it is an
        amount of ("trade ... has reached $32 million")."""
        weapons = {w.name: w for e in self.ents if e.label_ == "WEAPON"
                   if (w := self.o.kb.weapon(e.ent_id_ or e.text) or self.o.kb.weapon(e.text)) is not None}
        if len(weapons) == 1:
            weapon = next(iter(weapons.values()))
            return weapon, ("weapon_system", weapon.name)
        noun = self._valued_noun(span) if span is not None else None
        if noun is None:
            return None, ("item", "amount")
        cls = self.cues.agreement_nouns.get(noun.lemma_.lower())
        if cls is None:
            return None, ("item", noun.lemma_.lower())
        sole = self.o.sole_weapon
        if sole is not None and not weapons:
            return sole, ("weapon_system", sole.name)
        return None, ("agreement", self.agreement_name(noun, cls))

    def _valued_noun(self, span: Span) -> Token | None:
        """The noun an amount is the value of: the first noun above it that is not a measure
        ("worth", "value"), or the subject of the verb it completes ("the deal is worth X")."""
        node = span.root
        for prep in node.children:          # "85 million dollars in humanitarian aid"
            if prep.dep_ == "prep" and prep.lower_ in {"in", "of"}:
                nouns = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"
                         and c.lemma_.lower() not in self.cues.measure_nouns]
                if nouns:
                    return nouns[0]
        for _ in range(4):
            if node.head.i == node.i:
                return None
            node = node.head
            lemma = node.lemma_.lower()
            if span.start <= node.i < span.end:
                continue                   # still inside the amount ("85 million dollars")
            if node.pos_ == "NOUN" and lemma not in self.cues.measure_nouns:
                return node
            if node.pos_ in {"VERB", "AUX"}:
                # "bought four radars for $40 million": the price of what was bought;
                # "the deal is worth X": the value of the subject
                for dep in ("dobj", "nsubjpass", "nsubj"):
                    nouns = [c for c in node.children if c.dep_ == dep and c.pos_ == "NOUN"
                             and c.lemma_.lower() not in self.cues.measure_nouns and not span.start <= c.i < span.end]
                    if nouns:
                        return nouns[0]
                return None
        return None

class _DocumentClaims:
    def __init__(self, document: Document, doc: Doc, kb: Knowledge, lex: Lexicon):
        self.document, self.doc, self.kb, self.lex = document, doc, kb, lex
        self.cues = claim_cues()
        self.anchor = _publication_day(document)
        self._year_hint: int | None | bool = None if self.anchor else False   # False: not computed yet
        self.ents = list(doc.ents)
        self._ent_at = {i: ent for ent in self.ents for i in range(ent.start, ent.end)}
        self._ent_starts = [e.start for e in self.ents]
        self._codes: dict[int, str | None] = {}
        self.country_positions = [(e.start_char, code, e.root.dep_ in {"nsubj", "nsubjpass"}) for e in self.ents
                                  if e.label_ in COUNTRY_LABELS and (code := self.country_of(e))]
        self.focus = self._focus()
        self.sole_weapon = self._sole_weapon()

    def _sole_weapon(self):
        """The weapon system when the document names exactly one, else None."""
        names = {w.name: w for e in self.ents if e.label_ == "WEAPON"
                 if (w := self.kb.weapon(e.ent_id_ or e.text) or self.kb.weapon(e.text)) is not None}
        return next(iter(names.values())) if len(names) == 1 else None

    def sole_weapon_for(self, noun: str):
        """The document's only weapon system, when ``noun`` is a generic name of its type
        ("aircraft" for a fighter aircraft)."""
        weapon = self.sole_weapon
        if weapon is None or not weapon.type:
            return None
        return weapon if noun in self.cues.weapon_type_nouns.get(weapon.type.split()[-1].lower(), ()) else None

    @property
    def year_hint(self) -> int | None:
        """A year stated elsewhere in an undated document (computed once, when first needed)."""
        if self._year_hint is False:
            self._year_hint = year_hint_for(self.document.text)
        return self._year_hint  # type: ignore[return-value]

    def dates_in(self, text: str) -> list[DateMention]:
        """The dates of a sentence; the year stated elsewhere in an undated document is looked
        for only when a date needs it ("June 20" with no publication date)."""
        dates = find_dates(text, anchor=self.anchor)
        if self.anchor is None and any(d.yearless is not None for d in dates) and self.year_hint is not None:
            dates = find_dates(text, anchor=None, year_hint=self.year_hint)
        return dates

    def ent_of(self, tok: Token) -> Span | None:
        """The entity a token is part of, if any."""
        return self._ent_at.get(tok.i)

    def ents_between(self, start: int, end: int) -> list[Span]:
        """The entities that start within tokens [start, end)."""
        lo, hi = bisect_left(self._ent_starts, start), bisect_left(self._ent_starts, end)
        return self.ents[lo:hi]

    def country_of(self, ent: Span) -> str | None:
        if ent.start not in self._codes:
            self._codes[ent.start] = self.kb.resolve_country(ent.ent_id_ or ent.text) or self.kb.resolve_country(ent.text)
        return self._codes[ent.start]

    def _focus(self) -> tuple[str, ...]:
        counts = Counter(code for _, code, _ in self.country_positions)
        return tuple(code for code, n in counts.most_common(2) if n >= 2)

    def antecedent_country(self, offset: int, sentence_start: int) -> str | None:
        """The state a definite description before ``offset`` refers back to ("... The NATO
        member"): the last state that was the subject of a clause, else the last state named;
        never one named in the description's own sentence."""
        own = {code for start, code, _ in self.country_positions if sentence_start <= start}
        before = [(code, subject) for start, code, subject in self.country_positions
                  if start < sentence_start and code not in own]
        subjects = [code for code, subject in before if subject]
        return subjects[-1] if subjects else (before[-1][0] if before else None)

    def run(self) -> list[Claim]:
        claims: dict[str, Claim] = {}
        for index, sent in enumerate(sentences_of(self.doc)):
            sc = _SentenceClaims(self, sent)
            attribution = None
            for found in (*sc.prices(), *sc.quantities(), *sc.dated_facts(), *sc.ranks(), *sc.descriptions()):
                if attribution is None:
                    said = attribution_of(sent, self.lex) or ""
                    attribution = said if any(ch.isalpha() for ch in said) else ""
                claim = self._claim(sent, sc, found, attribution or None)
                claims.setdefault(claim.id, claim)
        return sorted(claims.values(), key=lambda c: (c.start, c.end, c.kind, c.attribute))

    def _claim(self, sent: Span, sc: _SentenceClaims, f: Found, attribution: str | None) -> Claim:
        start, end = sent.start_char + f.start, sent.start_char + f.end
        context = f.date.start.year if f.date is not None and f.date.start else sc.context_year(f.start)
        return Claim(
            id=claim_id(self.document.doc_id, start, end, f.kind, f.attribute),
            doc_id=self.document.doc_id, doc_path=self.document.path, kind=f.kind,  # type: ignore[arg-type]
            subject=f.subject, attribute=f.attribute, text=self.document.text[start:end],
            start=start, end=end, sentence=sent.text, sentence_start=sent.start_char, sentence_end=sent.end_char,
            value=f.value, value_max=f.value_max, previous=f.previous, unit=f.unit, date=f.date,
            context_year=context, qualifier=f.qualifier,  # type: ignore[arg-type]
            description=f.description, attribution=attribution, outlet=self.document.outlet,
        )


def extract_claims(document: Document, doc: Doc, kb: Knowledge, lex: Lexicon | None = None) -> list[Claim]:
    """Claims made in one analysed document, in text order."""
    return _DocumentClaims(document, doc, kb, lex or load_lexicon()).run()


__all__ = ["claim_id", "extract_claims"]
