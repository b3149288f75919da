"""When an event happened: the date its clause states, placed by the publication date,
the event's tense and the events before it in the text.

Plain functions over spaCy spans and records; extract.py calls them for each
trigger before it resolves the actors, so that titles resolve at the event's
date. The rules, in the order they apply:

1. A date the trigger's clause states: explicit and partial dates and ranges
   (temporal.expressions), relative expressions placed by the publication
   date ("yesterday", "on Wednesday", "earlier this month": temporal.relative),
   named historical events ("during the 44-day war": temporal.periods; "last
   year's 44-day war" is the war when it falls in that year). "since X" runs
   from X to the publication date; "before X" is open at the start.
2. Tense places what the text leaves open: a yearless date or a bare weekday in
   a report of the past is the latest one on or before publication; in a plan
   ("will visit Japan on March 3") the first one on or after it. A weekday-date
   pair ("Thursday, December 5") takes the year where the weekday fits, nearest
   the publication date.
3. A chain phrase ("the following day", "two days later", "later that year",
   data/dating.yaml, events/chains.py) counts from the previous dated event in
   the text; "during the visit" takes the visit's date; a simple-past sentence
   that continues the one before ("He thanked ...") keeps its day.
4. Aspect: "has been training pilots" is ongoing up to publication (start
   unknown, basis "inferred"); "the ongoing visit" / "is currently visiting"
   takes the document's date (basis "document").
5. Anything else stays unknown: background is never given the publication date.

The publication date is an interval (``Anchor``). Relative expressions are
read at both of its ends and the results joined, so an uncertain publication
date widens the event's date instead of inventing precision.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ..records import Document, PubDate, TimeSpan
from ..temporal.expressions import DateMention, coarser, find_dates, span_for_year, weekday_date_years
from ..temporal.periods import find_named_periods
from ..temporal.relative import NUMBER_WORDS, Direction, find_relative_dates
from .chains import (
    BASE_GRAINS, NUMBER_PATTERN, ChainRule, DatingCues, chain_applies, chain_match, chained_date, load_dating_cues,
    owning_clause, parse_dating_cues,
)
from .triggers import Trigger

Tense = Literal["past", "future", "nearest", "ongoing", "current"]

MAX_ANCHOR_DAYS = 31          # a wider publication interval anchors nothing (the year hint takes over)
_SINCE = re.compile(r"\b(?:since|ever\s+since)\s+(?:the\s+)?$", re.IGNORECASE)
_FIRST_SINCE = re.compile(r"\b(?:first|only|largest|biggest|highest|lowest|longest|most)\b", re.IGNORECASE)
_BEFORE = re.compile(r"\b(?:before|prior\s+to|until|till|up\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
_AFTER = re.compile(r"\b(?:after|following|in\s+the\s+aftermath\s+of|since\s+the\s+end\s+of)\s+(?:the\s+)?$",
                    re.IGNORECASE)
_OFFSET = re.compile(rf"\b{NUMBER_PATTERN}\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>after|before)\s+(?:the\s+)?$",
                     re.IGNORECASE)
_CHAIN_ARTICLE = re.compile(r"\bthe\s+$", re.IGNORECASE)          # "the next year" is a chain, not anchored
_POSSESSIVE_GAP = re.compile(r"^['’]s\s+(?:the\s+)?$")            # "last year's 44-day war"
_APPOSITION = re.compile(r"^\s*,\s*(?:on\s+|in\s+)?$", re.IGNORECASE)
_YEAR_QUALIFIER_GAP = re.compile(r"^\s*(?:of\s+)?$", re.IGNORECASE)      # "April this year", "May of last year"
_RELATIVE_YEAR = re.compile(r"^(?:this|last|next|previous|past|coming)\s+year$", re.IGNORECASE)
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HAVE = frozenset({"have", "has", "had", "'ve"})


# ---------------------------------------------------------------- the publication anchor

@dataclass(frozen=True)
class Anchor:
    """The publication date as a short interval of days; relative expressions count from it."""

    start: date
    end: date

    @property
    def day(self) -> date:
        """One day to look things up on (office holders): the interval's first day."""
        return self.start


def publication_anchor(published: PubDate, max_days: int = MAX_ANCHOR_DAYS) -> Anchor | None:
    """The publication interval when it is known to within ``max_days`` days, else None."""
    if published.start is None or published.end is None or (published.end - published.start).days > max_days:
        return None
    return Anchor(published.start, published.end)


def publication_day(document: Document) -> date | None:
    """The document's publication day when it is known to within a week (for title lookups)."""
    pub = document.published
    if pub.start and pub.end and (pub.end - pub.start).days <= 7:
        return pub.start
    return None


# ---------------------------------------------------------------- clauses

def _verb_of(trigger: Trigger, doc: Doc) -> Token:
    """The verb that carries the tense of a trigger's clause."""
    node = doc[trigger.clause]
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i and node.dep_ not in {"ROOT"}:
        node = node.head
    return node


def clause_tense(trigger: Trigger, doc: Doc, factuality: str, cues: DatingCues | None = None) -> Tense:
    """What the clause says about time: a plan (future), a report of the past, an ongoing
    activity ("has been training"), a happening at the time of writing ("the ongoing visit")."""
    cues = cues or load_dating_cues()
    trig, verb = doc[trigger.token], _verb_of(trigger, doc)
    before_trigger = " ".join(c.text for c in trig.lefts if c.dep_ in {"amod", "compound", "advmod"}) \
        if trig.pos_ in {"NOUN", "PROPN"} else ""                      # "the ongoing visit"
    verb_modifiers = " ".join(t.text for c in verb.children                # "is currently visiting", "is under way"
                              if c.dep_ in {"advmod", "prep", "acomp"} and c.i != trig.i and len(list(c.subtree)) <= 2
                              for t in c.subtree)
    if cues.current.search(before_trigger) or cues.current.search(verb_modifiers):
        return "current"
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    aux_words = {c.lower_ for c in auxes}
    if factuality == "planned" or aux_words & _FUTURE_AUX:
        return "future"
    if verb.tag_ == "VBG" and aux_words & _HAVE and "been" in aux_words:
        return "ongoing"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and aux_words & _HAVE) or aux_words & {"did", "was", "were", "had"}:
        return "past"
    return "nearest"


def _direction(tense: Tense) -> Direction:
    return "future" if tense == "future" else "past" if tense in ("past", "ongoing") else "nearest"


# ---------------------------------------------------------------- placing dates

def _join(a: TimeSpan, b: TimeSpan) -> TimeSpan:
    """The smallest span holding both readings (one per end of the publication interval)."""
    if (a.start, a.end) == (b.start, b.end):
        return a
    starts = [d for d in (a.start, b.start) if d is not None]
    ends = [d for d in (a.end, b.end) if d is not None]
    return replace(a, start=min(starts) if len(starts) == 2 else None, end=max(ends) if len(ends) == 2 else None,
                   granularity=coarser(a.granularity, b.granularity))


def _occurrences(dm: DateMention, years: range) -> list[TimeSpan]:
    assert dm.yearless is not None
    spans = [span_for_year(dm.yearless, y, "relative") for y in years]
    return [s for s in spans if s is not None and s.start is not None]


def _place_yearless(dm: DateMention, anchor: Anchor, direction: Direction) -> TimeSpan:
    """A day or month without a year, placed by the publication interval and the tense."""
    assert dm.yearless is not None
    if dm.weekday is not None and dm.yearless.day is not None:
        fitting = _weekday_fit(dm, anchor, direction)
        if fitting is not None:
            return fitting
    if dm.yearless.relation != "nearest" or direction == "nearest":
        return _join(dm.span, _yearless_at(dm, anchor.end)) if dm.span.known else dm.span
    years = range(anchor.start.year - 1, anchor.end.year + 2)
    found = _occurrences(dm, years)
    if direction == "past":
        before = [s for s in found if s.start <= anchor.start]
        chosen = ([before[-1]] if before else []) + [s for s in found if anchor.start < s.start <= anchor.end]
    else:                   # a plan: the first occurrence not over yet ("in September" in mid-September)
        after = [s for s in found if s.end is not None and s.end >= anchor.end]
        chosen = [s for s in found if s.end is not None and anchor.start <= s.end < anchor.end] + ([after[0]] if after else [])
    if not chosen:
        return dm.span
    span = chosen[0]
    for other in chosen[1:]:
        span = _join(span, other)
    return replace(span, granularity=span.granularity if len(chosen) == 1 else coarser(span.granularity, "year"),
                   text=dm.text)


def _yearless_at(dm: DateMention, day: date) -> TimeSpan:
    again = find_dates(dm.text, anchor=day)
    return again[0].span if again else dm.span


def _weekday_fit(dm: DateMention, anchor: Anchor, direction: Direction) -> TimeSpan | None:
    """"Thursday, December 5": the year in which December 5 is a Thursday, nearest the anchor
    (in the past for a report, in the future for a plan when both are equally near)."""
    assert dm.yearless is not None and dm.weekday is not None and dm.yearless.day is not None
    years = weekday_date_years(dm.weekday, dm.yearless.month, dm.yearless.day, anchor.start.year)
    spans = [s for y in years if (s := span_for_year(dm.yearless, y, "relative")) is not None]

    def distance(span: TimeSpan) -> tuple[int, int]:
        assert span.start is not None
        gap = (anchor.start - span.start).days if span.start < anchor.start else \
            (span.start - anchor.end).days if span.start > anchor.end else 0
        wrong_side = (direction == "past" and span.start > anchor.end) or (direction == "future" and span.start < anchor.start)
        return (gap + (400 if wrong_side else 0), 0 if span.start <= anchor.end else 1)

    spans = [s for s in spans if s.start is not None]
    if not spans:
        return None
    return replace(min(spans, key=distance), text=dm.text)


def _weekday_near_hint(dm: DateMention, year_hint: int, spread: int = 3) -> TimeSpan:
    """Without a publication date, "Thursday, December 5" takes the year nearest the year
    the text points to (``year_hint``) in which the weekday fits; earlier on ties."""
    assert dm.yearless is not None and dm.weekday is not None
    if dm.yearless.day is None:
        return dm.span
    years = weekday_date_years(dm.weekday, dm.yearless.month, dm.yearless.day, year_hint, spread)
    if not years:
        return dm.span
    year = min(years, key=lambda y: (abs(y - year_hint), y))
    span = span_for_year(dm.yearless, year, "inferred")
    return replace(span, text=dm.text) if span is not None else dm.span


def _at_both_ends(found_at, anchor: Anchor) -> list[DateMention]:
    """Mentions read at the anchor's first day, widened by those read at its last day."""
    first = found_at(anchor.start)
    if anchor.start == anchor.end:
        return first
    last = {(m.start, m.end): m for m in found_at(anchor.end)}
    out = []
    for m in first:
        other = last.get((m.start, m.end))
        if other is not None and m.span.basis == "relative" and m.yearless is None:
            m = replace(m, span=replace(_join(m.span, other.span), text=m.span.text))
        out.append(m)
    return out


def _select(mentions: list[DateMention]) -> list[DateMention]:
    """Longest first, then earlier in the list; no overlaps; in text order."""
    chosen: list[DateMention] = []
    for m in sorted(mentions, key=lambda m: -(m.end - m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _possessive_periods(text: str, dates: list[DateMention], periods: list[DateMention]) -> list[DateMention]:
    """"last year's 44-day war": the war, when it falls in the year the text names."""
    out = []
    for p in periods:
        before = [d for d in dates if d.end <= p.start and _POSSESSIVE_GAP.match(text[d.end:p.start])]
        if before and before[-1].span.start and before[-1].span.end and p.span.start:
            d = before[-1]
            inside = d.span.start <= p.span.start <= d.span.end
            span = p.span if inside else d.span
            out.append(DateMention(d.start, p.end, text[d.start:p.end], replace(span, text=text[d.start:p.end])))
        else:
            out.append(p)
    return out


def _finer(a: TimeSpan, b: TimeSpan) -> bool:
    """Is ``a`` a narrower interval than ``b``?"""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    return (a.end - a.start) < (b.end - b.start)


def _appositions(text: str, found: list[DateMention]) -> list[DateMention]:
    """"last week, on Thursday, December 5": the second, more precise date stands for both."""
    out: list[DateMention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and _APPOSITION.match(text[prev.end:m.start]) and _finer(m.span, prev.span):
            out[-1] = replace(m, start=prev.start, text=text[prev.start:m.end], span=replace(m.span, text=text[prev.start:m.end]))
        else:
            out.append(m)
    return out


def _year_qualified(text: str, found: list[DateMention]) -> list[DateMention]:
    """"In April this year", "on 3 May last year": a day or month without a year followed
    by a relative year is that day or month in that year."""
    out: list[DateMention] = []
    for m in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.yearless is not None and m.span.granularity == "year" and m.span.start
                and _RELATIVE_YEAR.match(m.text.strip()) and _YEAR_QUALIFIER_GAP.match(text[prev.end:m.start])):
            years = {m.span.start.year, (m.span.end or m.span.start).year}   # an anchor across New Year: both
            spans = [s for y in sorted(years) if (s := span_for_year(prev.yearless, y, "relative")) is not None]
            span = spans[0] if len(spans) == 1 else _join(spans[0], spans[-1]) if spans else None
            if span is not None and span.start is not None:
                joined = text[prev.start:m.end]
                out[-1] = DateMention(prev.start, m.end, joined, replace(span, text=joined))
                continue
        out.append(m)
    return out


def _shifted(span: TimeSpan, m: re.Match[str]) -> TimeSpan | None:
    """"twelve days after the Pulwama attack": the date moved by the stated amount; a day
    or a week moves only a day, a month a month or a day, a year anything up to a year."""
    assert span.start is not None
    raw, unit = m.group("n").lower(), m.group("unit").lower()
    n = (int(raw) if raw.isdigit() else NUMBER_WORDS[raw]) * (1 if m.group("dir").lower() == "after" else -1)
    if span.granularity not in BASE_GRAINS[unit]:
        return None
    if unit in ("day", "week"):
        day = span.start + timedelta(days=n * (7 if unit == "week" else 1))
        return TimeSpan(day, day, "day", "inferred")
    if unit == "month":
        index = span.start.year * 12 + span.start.month - 1 + n
        y, mo = index // 12, index % 12 + 1
        return TimeSpan(date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), "month", "inferred")
    year = span.start.year + n
    return TimeSpan(date(year, 1, 1), date(year, 12, 31), "year", "inferred")


_END_OF = re.compile(r"^(?:the\s+)?(?:very\s+)?end\s+of\b", re.IGNORECASE)


def _bounded(text: str, dm: DateMention, anchor: Anchor | None, ongoing: bool, future: bool = False) -> DateMention:
    """"has been training pilots since 2016" runs to the publication date ("has recognised
    X since 1991" stays 1991: the act happened then); "after the 44-day war" runs from the
    day after it to the publication date (open when unknown); "before 2019" has no start;
    "before the end of 2022" ends on 31 December and, for a plan (``future``), starts at
    publication."""
    head = text[max(0, dm.start - 40):dm.start]
    span = dm.span
    if span.start is None:
        return dm
    if _SINCE.search(head) and ongoing:
        end = anchor.end if anchor and anchor.end >= span.start else None
        return replace(dm, span=replace(span, end=end, basis="inferred" if span.basis == "explicit" else span.basis))
    if _SINCE.search(head) and _FIRST_SINCE.search(text[:dm.start]):
        start = span.end + timedelta(days=1)     # "the first state visit ... since 2008": after 2008
        end = anchor.end if anchor and anchor.end >= start else None
        return replace(dm, span=replace(span, start=start, end=end, basis="inferred"))
    offset = _OFFSET.search(head)
    if offset is not None:
        shifted = _shifted(span, offset)
        return replace(dm, start=dm.start - len(offset.group(0)), text=offset.group(0) + dm.text,
                       span=replace(shifted, text=offset.group(0) + dm.text)) if shifted else dm
    if _AFTER.search(head) and span.end is not None:
        start = span.end + timedelta(days=1)
        end = anchor.end if anchor and anchor.end >= start else None
        return replace(dm, span=replace(span, start=start, end=end, basis="inferred"))
    if _BEFORE.search(head) and head.rstrip().lower().endswith(("before", "prior to")):
        if _END_OF.match(dm.text) and span.end is not None:   # "before the end of 2022": by 31 December
            start = anchor.start if anchor is not None and future and anchor.start <= span.end else None
            return replace(dm, span=replace(span, start=start, basis="inferred"))
        return replace(dm, span=replace(span, start=None, end=span.start - timedelta(days=1)))
    return dm


@lru_cache(maxsize=256)
def sentence_dates(text: str, anchor: Anchor | None, year_hint: int | None,
                   direction: Direction = "nearest", ongoing: bool = False) -> tuple[DateMention, ...]:
    """Every date expression in a sentence, placed by the anchor and the direction, in order;
    ``ongoing`` for a clause like "has been training", where "since X" opens an interval.
    Cached: every trigger of a sentence asks for the same dates."""
    if anchor is not None:
        dates = _at_both_ends(lambda day: find_dates(text, anchor=day), anchor)
        dates = [replace(d, span=_place_yearless(d, anchor, direction)) if d.yearless else d for d in dates]
        relative = _at_both_ends(lambda day: find_relative_dates(text, day, direction), anchor)
    else:
        dates, relative = find_dates(text, year_hint=year_hint), []
        if year_hint is not None:
            dates = [replace(d, span=_weekday_near_hint(d, year_hint)) if d.yearless and d.weekday is not None else d
                     for d in dates]
    dates = [d for d in dates if not (d.span.basis == "relative" and d.yearless is None
                                      and _CHAIN_ARTICLE.search(text[max(0, d.start - 6):d.start]))]
    periods = _possessive_periods(text, dates, find_named_periods(text, anchor=anchor.end if anchor else None))
    found = _appositions(text, _year_qualified(text, _select([*periods, *dates, *relative])))
    return tuple(_bounded(text, d, anchor, ongoing, direction == "future") for d in found
                 if d.span.start is not None or d.span.end is not None)


NAMED_PERIOD_PENALTY = 12   # tokens: "formed a partnership in 2013 ... since the Vietnam War" is 2013
_VERBAL = frozenset({"VERB", "AUX"})
_REPORTED = frozenset({"ccomp", "parataxis"})   # "said on Monday that ...": the saying's date
OWN, GOVERNING, COORDINATED = 0, 1, 20          # ranks of a date's clause relative to the event's


def _clause_verb(tok: Token) -> Token | None:
    """The verb whose clause a date expression sits in: its nearest verbal ancestor."""
    return next((a for a in tok.ancestors if a.pos_ in _VERBAL), None)


def _governing_hops(verb: Token, other: Token) -> tuple[int, bool] | None:
    """How many clauses up from ``verb`` the clause of ``other`` is, and whether the way
    passes a reported-speech link ("said on Monday that ..."); None when ``other`` does
    not govern ``verb``."""
    hops, reported, node = 0, False, verb
    while node.head.i != node.i:
        reported = reported or node.dep_ in _REPORTED
        node = node.head
        if node.pos_ in _VERBAL:
            hops += 1
        if node.i == other.i:
            return hops, reported
    return None


def _only_coordinated(verb: Token, other: Token) -> bool:
    """``other`` is a verb coordinated after ``verb`` ("met and signed a pact on Tuesday",
    "have trained there for years, and jets are flying in the exercise this month")."""
    node = other
    while node.i != verb.i:
        if node.dep_ != "conj" or node.head.i == node.i:
            return False
        node = node.head
    return True


def date_rank(date_token: Token, trigger: Trigger, own: bool, tense: Tense) -> int | None:
    """Whose date a date expression is, seen from one event; lower ranks win, None: not this
    event's date.

    - its own clause (the trigger's verb is the nearest verb above it, or ``own`` - the
      trigger owns it - and it sits in a clause on the trigger's noun: "the visit, which
      took place in 2000");
    - a clause that governs the event's clause, one rank per clause up: "cut ties in
      August 2021, accusing it of ...", "returned in December 2017, when the two signed",
      "attended a ceremony on Thursday to inaugurate ...". A reporting verb's date ("said
      on Monday that ...") does not date a plan;
    - a verb coordinated after the event's, when nothing nearer dates it ("met and signed
      an accord on Tuesday");
    - last, a clause below the event's that only sets it (:func:`_setting_clause`: "under
      a contract signed in 2020");
    - never a clause with its own subject inside another ("..., which Spain ruled until
      1975", "land Armenia had held since the 1990s"); an "after" / "before" clause of that
      kind only bounds the event (:func:`bounding_clause`)."""
    doc = date_token.doc
    verb, trig = _verb_of(trigger, doc), doc[trigger.token]
    home = _clause_verb(date_token)
    if home is None or home.i == verb.i or verb.pos_ not in _VERBAL:   # a verbless title: its dates are its own
        return OWN
    if own and (trig.pos_ not in _VERBAL or _relative_on(home, trig)) and any(a.i == trig.i for a in home.ancestors):
        return OWN           # "the agreement, signed in 2001": a clause on the event's noun
    up = _governing_hops(verb, home)
    lifted = _complement_head(home)
    if up is None and lifted.i != home.i and lifted.i != verb.i:
        up = _governing_hops(verb, lifted)   # "offered to station troops in June 2023, when X announced ..."
    if up is not None:
        hops, reported = up
        if reported and tense == "future":
            return None      # a plan happens after it is announced
        return GOVERNING + hops
    if _only_coordinated(verb, home):
        return COORDINATED
    return SUBORDINATE if _setting_clause(home, verb) or _sets_a_governing_noun(home, verb) else None


_RELATIVE_WORDS = frozenset({"that", "which", "who", "whom"})


def _relative_on(home: Token, trig: Token) -> bool:
    """"the Zapad-2021 drills that Russia and Belarus held from 10 to 16 September": a clause
    right below the event's word whose subject or object is a relative pronoun is a relative
    clause on it, even where the parser took the noun for a verb ("drills")."""
    return home.head.i == trig.i and any(c.lower_ in _RELATIVE_WORDS and c.dep_ in {"dobj", "nsubj", "nsubjpass"}
                                         for c in home.children)


def _sets_a_governing_noun(home: Token, verb: Token) -> bool:
    """"Qatar's contract for 36 jets, signed in Doha on Sunday, is worth £6 billion, and it
    is the third purchase": a participle without a subject of its own, on a noun of a clause
    that governs the event's or is coordinated with it, sets that noun's happening, which
    the event's clause goes on to describe (used only when nothing nearer dates it). A
    clause with its own subject there tells another happening."""
    path, node = [], home
    while True:
        if node.pos_ in _VERBAL:
            if node.i != home.i and (_governing_hops(verb, node) is not None or _only_coordinated(node, verb)):
                return bool(path) and not any(_finite(v) for v in path)
            path.append(node)
        if node.head.i == node.i:
            return False
        node = node.head


SUBORDINATE = 30


def _complement_head(verb: Token) -> Token:
    """The verb whose clause an infinitive complement without a subject of its own belongs
    to ("offered to station a brigade in June 2023": offered); the verb itself otherwise."""
    node = verb
    while node.dep_ == "xcomp" and node.head.i != node.i and not _finite(node):
        node = node.head
    return node
_SETTING_ADVERBS = frozenset({"where", "when"})
_BOUND_MARKS = frozenset({"after", "following", "before", "since"})


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _finite(verb: Token) -> bool:
    """A clause with its own subject and a tensed verb ("Armenia had held"); an infinitive
    or a participle is not one, whatever the parser hangs on it."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    tensed = verb.tag_ in _FINITE_TAGS or any(c.tag_ in _FINITE_TAGS for c in auxes)
    untensed = verb.tag_ == "VBG" or any(c.tag_ == "TO" for c in auxes)   # "the two signed" may be tagged VBN
    return (tensed or not untensed) and any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in verb.children)


def _subordinate_clauses(home: Token, verb: Token) -> list[Token] | None:
    """The verbs from ``home`` up to (not including) ``verb``; None when ``verb`` is not above."""
    path, node = [], home
    while node.i != verb.i:
        if node.pos_ in _VERBAL:
            path.append(node)
        if node.head.i == node.i:
            return None
        node = node.head
    return path


def _setting_clause(home: Token, verb: Token) -> bool:
    """A clause below the event's that sets it rather than telling another happening:
    a participle or infinitive without a subject of its own ("under a contract signed
    in 2020", "its operation to disarm ... in September 2023"), or a "where" / "when"
    clause on the event's place or time ("begins the tour in France, where he arrives
    on 5 May"). A clause with its own subject ("land that Armenia had held since the
    1990s") tells another happening and dates nothing here."""
    path = _subordinate_clauses(home, verb)
    if not path:
        return False
    return all(not _finite(v) or (v.dep_ == "relcl" and any(c.lower_ in _SETTING_ADVERBS for c in v.children))
               for v in path)


def bounding_clause(date_token: Token, trigger: Trigger) -> str | None:
    """"sent rescuers after the quakes struck on 6 February": the mark ("after", "before",
    "since") of a clause with its own subject, right below the event's, whose date bounds
    the event; None otherwise."""
    doc = date_token.doc
    verb, home = _verb_of(trigger, doc), _clause_verb(date_token)
    if home is None or home.i == verb.i or home.head.i != verb.i or home.dep_ != "advcl" or not _finite(home):
        return None
    mark = next((c.lower_ for c in home.children if c.dep_ == "mark"), None)
    return mark if mark in _BOUND_MARKS else None


def _bound_by(span: TimeSpan, mark: str, anchor: Anchor | None, tense: Tense) -> TimeSpan | None:
    """The interval an "after X" / "before X" clause leaves for a reported event."""
    if tense not in ("past", "nearest"):
        return None
    return bounded_by(span, mark, anchor)


def bounded_by(span: TimeSpan, word: str, anchor: Anchor | None) -> TimeSpan | None:
    """The interval "after X" / "since X" / "before X" leaves for a reported event: after X's
    end (since: from X's start) up to publication, or up to the day before X starts."""
    if span.start is None or span.end is None:
        return None
    if word in ("before", "until", "prior"):
        return replace(span, start=None, end=span.start - timedelta(days=1), basis="inferred")
    start = span.start if word == "since" else span.end + timedelta(days=1)
    end = anchor.end if anchor is not None and anchor.end >= start else None
    return replace(span, start=start, end=end, basis="inferred")


def _hangs_on(verb: Token, date_span: Span) -> bool:
    """Is ``verb``'s clause attached to the date itself ("since November 2022, when Austin
    met Wei")? Then the date is that clause's own time, not the bound it gives the rest."""
    return verb.dep_ in {"relcl", "advcl", "acl"} and any(a.i in range(date_span.start, date_span.end)
                                                           for a in verb.ancestors)


def _as_stated(dm: DateMention, span: TimeSpan) -> TimeSpan:
    """The explicit date a bounded mention ("since November 2022") was made from."""
    again = find_dates(dm.text)
    if len(again) == 1 and again[0].span.basis == "explicit" and again[0].text == dm.text.strip():
        return again[0].span
    return span


_OFFSET_MARKS = {"after": -1, "before": 1}
_OFFSET_UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week"}


def _offset_from_governing(span: TimeSpan, verb: Token, home: Token | None) -> TimeSpan:
    """"announced on Tuesday ..., two days after he had called her home": a clause "N days
    after" / "N weeks before" below the dated one happened that long before / after its
    date (a day's date only); any other inherited date is kept as it is."""
    if home is None or span.granularity != "day" or span.start is None or span.start != span.end:
        return span
    node = verb
    while node.i != home.i and node.head.i != node.i:
        mark = next((c.lower_ for c in node.children if c.dep_ == "mark"), None)
        if node.dep_ == "advcl" and mark in _OFFSET_MARKS:
            amount = next((c for c in node.children if c.dep_ == "npadvmod" and c.lower_ in _OFFSET_UNITS), None)
            count = next((c for c in amount.children if c.dep_ == "nummod"), None) if amount is not None else None
            raw = count.lower_ if count is not None else ("1" if amount is not None and amount.lower_ in ("day", "week")
                                                            else None)
            n = int(raw) if raw is not None and raw.isdigit() else NUMBER_WORDS.get(raw or "")
            if n is None:
                return span
            days = n * (7 if _OFFSET_UNITS[amount.lower_] == "week" else 1) * _OFFSET_MARKS[mark]
            day = span.start + timedelta(days=days)
            text = " ".join(t.text for t in amount.subtree) + f" {mark} {span.text or ''}".rstrip()
            return TimeSpan(day, day, "day", "inferred", text)
        node = node.head
    return span


def _dates_its_subject(date_token: Token, trigger: Trigger, clauses: dict[int, Trigger]) -> bool:
    """"it was his first trip in 24 years; his previous visit, in 2000, came ...": a clause
    whose subject is another happening dates that happening, not the clauses below it."""
    home = _clause_verb(date_token)
    others = {t.token for t in clauses.values()} - {trigger.token}
    return home is not None and any(c.dep_ in {"nsubj", "nsubjpass"} and c.i in others for c in home.children)


def ranked_date(sent: Span, trigger: Trigger, clauses: dict[int, Trigger], anchor: Anchor | None,
                year_hint: int | None, tense: Tense = "nearest") -> tuple[int | None, TimeSpan]:
    """The date the trigger's clause states and its rank (:func:`date_rank`): among the date
    expressions no other event's clause owns (a governing clause's date may be inherited),
    the one in the nearest clause, then the nearest in tokens; (None, unknown) when none."""
    doc = sent.doc
    best: tuple[tuple[int, int], TimeSpan] | None = None
    for dm in sentence_dates(sent.text, anchor, year_hint, _direction(tense), ongoing=tense == "ongoing"):
        span = doc.char_span(sent.start_char + dm.start, sent.start_char + dm.end, alignment_mode="expand")
        if span is None:
            continue
        owner = owning_clause(span.root, clauses)
        if owner is not None and owner != trigger.clause and owner == span.root.i and span.root.head.i != span.root.i:
            owner = owning_clause(span.root.head, clauses)   # "supported X during the 44-day war": the war dates both
        rank, found = date_rank(span.root, trigger, owner == trigger.clause, tense), dm.span
        if found.basis == "inferred" and _hangs_on(_verb_of(trigger, doc), span):
            found = _as_stated(dm, found)   # "the first talks since November 2022, when X met Y": November
        if rank is not None and GOVERNING <= rank < COORDINATED:
            found = _offset_from_governing(found, _verb_of(trigger, doc), _clause_verb(span.root))
        if rank is not None and GOVERNING <= rank < COORDINATED and _dates_its_subject(span.root, trigger, clauses):
            rank = None
        if rank is None and (mark := bounding_clause(span.root, trigger)) is not None:
            bounded = _bound_by(dm.span, mark, anchor, tense)
            rank, found = (SUBORDINATE, bounded) if bounded is not None else (None, found)
        if rank is None or (owner is not None and owner != trigger.clause and rank < GOVERNING):
            continue
        dist = abs(span.root.i - trigger.token) + (NAMED_PERIOD_PENALTY if dm.span.basis == "inferred" else 0)
        if best is None or (rank, dist) < best[0]:
            best = ((rank, dist), found)   # a stated date beats a named period further than this away
    return (best[0][0], best[1]) if best else (None, TimeSpan.unknown())


def pick_date(sent: Span, trigger: Trigger, clauses: dict[int, Trigger], anchor: Anchor | None,
              year_hint: int | None, tense: Tense = "nearest") -> TimeSpan:
    """The date the trigger's clause states or inherits (:func:`ranked_date`); unknown when none."""
    return ranked_date(sent, trigger, clauses, anchor, year_hint, tense)[1]


def chain_base(sent: Span, anchor: Anchor | None, year_hint: int | None, previous: TimeSpan | None,
               tense: Tense = "past", sentence_before: Span | tuple[Span, ...] | None = None) -> TimeSpan | None:
    """What a chain phrase counts from: the last date stated before it in the same sentence
    ("ordered drones in early 2019, and the first were delivered later that year"), else
    the last date the sentence before states ("The row began in March, when ... Algeria
    recalled its ambassador the next day"), or, when ``sentence_before`` is several
    sentences (those since the previous dated event, nearest last), the last date the
    nearest of them with a date states ("They announced it last Wednesday. Israel reacted
    within hours: ... and the next day ..."), else the previous dated event in the text."""
    found = chain_match(sent.text)
    if found is None:
        return previous
    direction = _direction(tense)
    before = [dm for dm in sentence_dates(sent.text, anchor, year_hint, direction)
              if dm.end <= found[0].start() and dm.span.start is not None]
    earlier = (sentence_before,) if isinstance(sentence_before, Span) else sentence_before or ()
    for other in reversed(earlier):
        if before:
            break
        before = [dm for dm in sentence_dates(other.text, anchor, year_hint, direction)
                  if dm.span.start is not None and dm.span.end is not None]
    return before[-1].span if before else previous


def aspect_date(sent: Span, trigger: Trigger, anchor: Anchor | None, tense: Tense) -> TimeSpan | None:
    """The date an undated clause gets from its aspect: ongoing up to publication, or the
    document's date for what happens as the text is written; None otherwise."""
    if anchor is None:
        return None
    doc = sent.doc
    if tense == "current":
        cue = load_dating_cues().current.search(doc[doc[trigger.token].left_edge.i:trigger.clause + 1].text) \
            or load_dating_cues().current.search(sent.text)
        return TimeSpan(anchor.start, anchor.end, "day", "document", cue.group(0) if cue else None)
    if tense == "ongoing":
        verb = _verb_of(trigger, doc)
        words = [t for t in verb.children if t.dep_ == "aux"] + [verb]
        text = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
        return TimeSpan(None, anchor.end, "day", "inferred", text)
    return None


# ---------------------------------------------------------------- the news of the day

LEAD_SENTENCES = 4          # the title and the lead paragraph of a news report
STATIVE_VERBS = frozenset({"have", "be", "remain", "stay"})   # "X and Y have no relations": a state, not news
LEAD_RECENCY_DAYS = 7       # a lead's dated happening this close to publication is the news


def lead_date(sentences: list[Span], anchor: Anchor | None) -> TimeSpan | None:
    """The day of the news a report leads with: the first date in its first sentences that
    is a single day within a week before publication ("on Tuesday", "on 10 May"). None
    when the lead dates nothing that recent."""
    if anchor is None:
        return None
    for sent in sentences[:LEAD_SENTENCES]:
        for dm in sentence_dates(sent.text, anchor, None, "past"):
            span = dm.span
            if span.granularity != "day" or span.start is None or span.start != span.end:
                continue
            if span.basis in ("explicit", "relative") and 0 <= (anchor.end - span.start).days <= LEAD_RECENCY_DAYS:
                return replace(span, basis="inferred")
    return None


# ---------------------------------------------------------------- one event

def date_event(sent: Span, trig: Trigger, clauses: dict[int, Trigger], factuality: str,
               anchor: Anchor | None, year_hint: int | None, previous: TimeSpan | None,
               setting: TimeSpan | None = None, headline: bool = False,
               previous_sentence: Span | None = None, lead: TimeSpan | None = None,
               bound: TimeSpan | None = None, sentence_before: Span | tuple[Span, ...] | None = None) -> TimeSpan:
    """The date of one event (:func:`_event_date`); an onset ("fighting broke out on 13 and
    14 September") over a range of days is its first day."""
    when = _event_date(sent, trig, clauses, factuality, anchor, year_hint, previous, setting, headline,
                       previous_sentence, lead, bound, sentence_before)
    return onset_day(when, _verb_of(trig, sent.doc))


def onset_day(when: TimeSpan, verb: Token) -> TimeSpan:
    """"Heavy fighting broke out on 13 and 14 September": a verb that names a beginning
    (data/dating.yaml ``onset_verbs``) over a range of days happened on the first day."""
    if (when.granularity != "day" or when.start is None or when.end is None or when.start == when.end
            or (when.end - when.start).days > 31 or verb.lemma_.lower() not in load_dating_cues().onset):
        return when
    return replace(when, end=when.start)


def _event_date(sent: Span, trig: Trigger, clauses: dict[int, Trigger], factuality: str,
                anchor: Anchor | None, year_hint: int | None, previous: TimeSpan | None,
                setting: TimeSpan | None = None, headline: bool = False,
                previous_sentence: Span | None = None, lead: TimeSpan | None = None,
                bound: TimeSpan | None = None, sentence_before: Span | tuple[Span, ...] | None = None) -> TimeSpan:
    """The date of one event: stated in its clause or one governing it; else chained to the
    previous dated event; else the date of the happening it names as its setting ("signed
    during the visit"); else from its aspect; else the day of the event just before when the
    narrative continues (``previous_sentence`` is the sentence that event came from); else the
    interval a happening it is "after", "since" or "before" leaves (``bound``); else a
    date in a clause that only sets it ("under a contract signed in 2020"); else, in the title or
    lead of a news report, the day of the news it leads with (``lead``); else, for a headline
    reporting news, the document's date; else unknown."""
    tense = clause_tense(trig, sent.doc, factuality)
    rank, when = ranked_date(sent, trig, clauses, anchor, year_hint, tense)
    if when.known and rank == OWN:
        return when
    if chain_applies(sent, trig, clauses):     # its own chain phrase beats a date it would inherit
        chained = chained_date(sent.text, chain_base(sent, anchor, year_hint, previous, tense, sentence_before))
        if chained is not None:
            return chained
    if when.known and rank is not None and rank < SUBORDINATE:
        return when
    named = year_in_name(sent, trig)
    if named is not None:
        return named             # "took part in the AMAN-2013 naval exercises"
    if setting is not None and setting.known:
        return setting
    aspect = aspect_date(sent, trig, anchor, tense)
    if aspect is not None:
        return aspect
    continued = continued_date(sent, trig, tense, previous, previous_sentence)
    if continued is not None:
        return continued     # "Kishida welcomed the measures announced earlier this month": the summit's day
    if bound is not None and bound.known:
        return bound         # "has sent tanks since the invasion": from the invasion to publication
    if when.known:
        return when          # "sold radars under a contract signed in 2020"
    if (lead is not None and factuality not in UNDATED_HEADLINES and tense in ("nearest", "past", "current")
            and not (tense == "nearest" and _verb_of(trig, sent.doc).lemma_.lower() in STATIVE_VERBS)
            and not find_dates(sent.text)):   # a sentence that states any date dates its own events
        return lead      # in the title or lead of a report: the news it leads with
    if headline and anchor is not None and factuality not in UNDATED_HEADLINES and tense in ("nearest", "past"):
        return TimeSpan(anchor.start, anchor.end, "day", "document", None)   # the news the headline reports
    return when


_NAME_WITH_YEAR = re.compile(r"\b[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)*-(?P<y>(?:19|20)\d{2})\b")
YEAR_NAMED = frozenset({"exercise"})       # drills are named for the year they are held in


def year_in_name(sent: Span, trig: Trigger) -> TimeSpan | None:
    """An exercise named with its year ("AMAN-2013", "Three Brothers-2021") is held in that
    year (basis "inferred"); None when the trigger's phrase names no such exercise."""
    if trig.category not in YEAR_NAMED:
        return None
    doc, tok = sent.doc, sent.doc[trig.token]
    first = max(sent.start, tok.left_edge.i - 1)          # a name right beside the phrase counts too
    last = min(sent.end - 1, tok.right_edge.i + 1)        # ("naval exercises AMAN-2013", however parsed)
    lo, hi = doc[first].idx - sent.start_char, doc[last].idx + len(doc[last]) - sent.start_char
    for m in _NAME_WITH_YEAR.finditer(sent.text):
        if m.start() < hi and m.end() > lo:
            year = int(m.group("y"))
            return TimeSpan(date(year, 1, 1), date(year, 12, 31), "year", "inferred", m.group(0))
    return None


# A headline reports the day's news ("X rules out ...", "X suspends ..."), except a plan or a
# proposal, whose date is when it would happen, not when it was announced.
UNDATED_HEADLINES = frozenset({"planned", "proposed"})

_STATED_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def continued_date(sent: Span, trig: Trigger, tense: Tense, previous: TimeSpan | None,
                   previous_sentence: Span | None) -> TimeSpan | None:
    """"X visited Ankara on Wednesday. He thanked Y for ..." / "Cavusoglu thanked ...": a
    simple past clause whose subject is a pronoun, a word such as "the two leaders"
    (data/dating.yaml ``continuing_subjects``) or a name from the sentence that told the
    dated event continues that event (one day only); basis "inferred". The caller passes
    that sentence only while the text has not moved on to another dated happening."""
    if tense != "past" or previous is None or previous_sentence is None:
        return None
    if _STATED_YEAR.search(sent.text):
        return None          # "... in June 2023, when Pistorius announced the plan": the sentence has its own time
    if previous.granularity != "day" or previous.start is None or previous.start != previous.end:
        return None
    verb = _verb_of(trig, sent.doc)
    if verb.tag_ != "VBD":
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ == "conj":     # "the army chief spoke of ... and offered ...": the first verb's
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        return None
    head = subjects[0]
    named_before = head.pos_ == "PROPN" and head.text in previous_sentence.text
    if not (named_before or head.lower_ in load_dating_cues().continuing):
        return None
    return replace(previous, basis="inferred")


def setting_date(known: TimeSpan | None, new: TimeSpan) -> TimeSpan:
    """The date a later "during the visit" takes: the visit's date, or, when the text dated
    several visits, the span that holds them all (it cannot tell which one is meant)."""
    if known is None or (known.start, known.end) == (new.start, new.end):
        return new
    joined = _join(known, new)
    return replace(joined, basis="inferred", text=None)


def lookup_day(when: TimeSpan, fallback: date | None) -> date | None:
    """The day on which to look up who held an office for an event dated ``when``: the
    publication day when it falls inside the event's interval, else the interval's middle
    (its end when the start is open); ``fallback`` for undated events."""
    if when.start is None:
        return when.end or fallback
    end = when.end or when.start
    if fallback is not None and when.start <= fallback <= end:
        return fallback
    return when.start + (end - when.start) / 2


__all__ = [
    "Anchor", "ChainRule", "DatingCues", "Tense", "aspect_date", "bounded_by", "chain_applies", "chain_base",
    "chain_match", "chained_date", "clause_tense", "date_event", "date_rank", "load_dating_cues", "lookup_day",
    "owning_clause", "parse_dating_cues", "pick_date", "publication_anchor", "publication_day", "ranked_date",
    "sentence_dates", "setting_date", "year_in_name",
]
