"""Chained dates and the cue words of data/dating.yaml.

A chain phrase ("the following day", "two days later", "later that year") dates an
event by the previous dated event in the same text; :func:`chain_applies` decides
which clauses of the sentence the phrase dates. The cue words that put an event at
the time of writing ("the ongoing visit") live in the same file.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from spacy.tokens import Span, Token

from ..datafiles import read_data_mapping
from ..errors import KnowledgeError
from ..records import TimeSpan
from ..temporal.relative import NUMBER_WORDS
from .triggers import Trigger

Unit = Literal["day", "week", "month", "year"]

_DATING_FILE = "dating.yaml"
_UNITS = ("day", "week", "month", "year")
# what a step of each unit may count from: a day only from a day, a month from a day or a month ...
BASE_GRAINS = {"day": {"day"}, "week": {"day"}, "month": {"day", "month"}, "year": {"day", "month", "year"}}
NUMBER_PATTERN = r"(?P<n>\d{1,2}|" + "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True)) + ")"


# ---------------------------------------------------------------- cue data

@dataclass(frozen=True)
class ChainRule:
    """One row of the chain table: a phrase pattern and the step it makes from the previous event."""

    pattern: re.Pattern[str]
    unit: Unit
    offset: int | None        # None: the number comes from "{n}" in the phrase
    sign: int = 1
    rest: bool = False
    month: bool = False       # "that July": the phrase names a month of the previous event's year


@dataclass(frozen=True)
class DatingCues:
    current: re.Pattern[str]
    chains: tuple[ChainRule, ...]
    continuing: frozenset[str] = frozenset()   # subject words that carry on the sentence before
    onset: frozenset[str] = frozenset()        # verbs (lemmas) that name a beginning: "broke out", "erupted"




def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) for w in phrase.split()).replace(re.escape("{n}"), NUMBER_PATTERN)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _chain_rule(record: object, where: str) -> list[ChainRule]:
    if not isinstance(record, dict) or not isinstance(record.get("phrases"), list) or not record["phrases"]:
        raise KnowledgeError(f"{where}: needs a non-empty 'phrases' list")
    unit = record.get("unit")
    if unit not in _UNITS:
        raise KnowledgeError(f"{where} field 'unit': {unit!r} is not one of {', '.join(_UNITS)}")
    rules = []
    for phrase in record["phrases"]:
        has_n = "{n}" in str(phrase)
        offset = record.get("offset")
        if not has_n and not isinstance(offset, int):
            raise KnowledgeError(f"{where}: phrase {phrase!r} needs an integer 'offset' (or '{{n}}' in the phrase)")
        sign = record.get("sign", 1)
        if sign not in (1, -1):
            raise KnowledgeError(f"{where} field 'sign': write 1 (later) or -1 (earlier)")
        rules.append(ChainRule(_phrase_pattern(str(phrase)), unit, None if has_n else offset, sign,
                               bool(record.get("rest", False))))
    return rules


def parse_dating_cues(data: object, source: str = _DATING_FILE) -> DatingCues:
    """Validate the contents of dating.yaml (see the comment at its top)."""
    if not isinstance(data, dict):
        raise KnowledgeError(f"{source}: expected a mapping with 'current' and 'chains'")
    current = data.get("current")
    if not isinstance(current, list) or not all(isinstance(w, str) and w for w in current):
        raise KnowledgeError(f"{source} field 'current': needs a list of words")
    chains = data.get("chains")
    if not isinstance(chains, list):
        raise KnowledgeError(f"{source} field 'chains': needs a list of records")
    rules = [r for i, rec in enumerate(chains) for r in _chain_rule(rec, f"{source} chains record {i}")]
    continuing = data.get("continuing_subjects", [])
    if not isinstance(continuing, list) or not all(isinstance(w, str) and w and " " not in w for w in continuing):
        raise KnowledgeError(f"{source} field 'continuing_subjects': needs a list of single words")
    onset = data.get("onset_verbs", [])
    if not isinstance(onset, list) or not all(isinstance(w, str) and w and " " not in w for w in onset):
        raise KnowledgeError(f"{source} field 'onset_verbs': needs a list of single words (verb lemmas)")
    words = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(current, key=len, reverse=True))
    return DatingCues(re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE), tuple(rules),
                      frozenset(w.lower() for w in continuing), frozenset(w.lower() for w in onset))


@lru_cache(maxsize=1)
def load_dating_cues() -> DatingCues:
    """The cue words shipped in bilat/data/dating.yaml."""
    return parse_dating_cues(read_data_mapping(_DATING_FILE))


# ---------------------------------------------------------------- clauses

def owning_clause(tok: Token, clauses: dict[int, Trigger]) -> int | None:
    """The clause (token index) of the first trigger above a token."""
    for node in [tok, *tok.ancestors]:
        if node.i in clauses:
            return node.i
    return None


# ---------------------------------------------------------------- chains

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_NAMED_MONTH = re.compile(r"(?<!\w)(?i:that|the\s+same)\s+(?P<month>" + "|".join(_MONTH_NAMES) + r")(?!\w)")
NAMED_MONTH_RULE = ChainRule(_NAMED_MONTH, "month", 0, month=True)


def chain_match(text: str, cues: DatingCues | None = None) -> tuple[re.Match[str], ChainRule] | None:
    """The first chain phrase in ``text`` (the longest where two start together); "that
    July" / "the same July" (a capitalised month name) is one too."""
    cues = cues or load_dating_cues()
    found = [(m, rule) for rule in (*cues.chains, NAMED_MONTH_RULE) if (m := rule.pattern.search(text))]
    if not found:
        return None
    return min(found, key=lambda f: (f[0].start(), -len(f[0].group(0))))


def _step(rule: ChainRule, match: re.Match[str]) -> int:
    if rule.offset is not None:
        return rule.offset
    raw = match.group("n").lower()
    return rule.sign * (int(raw) if raw.isdigit() else NUMBER_WORDS[raw])


def chained_date(text: str, previous: TimeSpan | None) -> TimeSpan | None:
    """"The following day ...", "two days later", "later that year" after a dated event. A
    day or a week counted from an event known only to the month is that month shifted by
    the step; coarser events date no day or week."""
    found = chain_match(text)
    if found is None or previous is None or previous.start is None:
        return None
    m, rule = found
    n, base, phrase = _step(rule, m), previous.start, m.group(0)
    if rule.month:           # "ordered jets in February 2015; the first were handed over that July"
        month = _MONTH_NAMES.index(m.group("month")) + 1
        return TimeSpan(date(base.year, month, 1), date(base.year, month, calendar.monthrange(base.year, month)[1]),
                        "month", "relative", phrase)
    if rule.unit in ("day", "week") and previous.granularity == "month" and previous.end is not None:
        shift = timedelta(days=n * (7 if rule.unit == "week" else 1))   # "the next day" after "in March":
        return TimeSpan(base + shift, previous.end + shift, "month", "relative", phrase)   # March shifted a day
    if previous.granularity not in BASE_GRAINS[rule.unit]:
        return None          # a day counts only from a day, a month from a month or a day
    if rule.unit in ("day", "week"):
        day = base + timedelta(days=n * (7 if rule.unit == "week" else 1))
        return TimeSpan(day, day, "day", "relative", phrase)
    if rule.unit == "month":
        index = base.year * 12 + base.month - 1 + n
        y, mo = index // 12, index % 12 + 1
        start = base if rule.rest and n == 0 else date(y, mo, 1)
        return TimeSpan(start, date(y, mo, calendar.monthrange(y, mo)[1]), "month", "relative", phrase)
    year = base.year + n
    start = base if rule.rest and n == 0 else date(year, 1, 1)
    return TimeSpan(start, date(year, 12, 31), "year", "relative", phrase)


def chain_applies(sent: Span, trig: Trigger, clauses: dict[int, Trigger]) -> bool:
    """"The following day X met Y and thanked Z": the phrase dates its own clause and the
    clauses coordinated with it, not what they talk about; a phrase the parser hangs on a
    noun ("for consultations the next day") also dates the verb above that noun."""
    found = chain_match(sent.text)
    if found is None:
        return False
    m = found[0]
    span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
    if span is None:
        return False
    owner = owning_clause(span.root, clauses)
    doc = sent.doc
    if owner is None:    # the phrase parsed as the root ("The following day [that] X met Y")
        owners = {c for c in clauses if doc[c].head.i == span.root.i or c == span.root.i}
    else:
        owners = {owner}
    clause = doc[trig.clause]
    above = {a.i for a in span.root.ancestors}
    nominal = owner is not None and doc[owner].pos_ not in {"VERB", "AUX"} and trig.token in above
    return (trig.clause in owners or (clause.dep_ == "conj" and clause.head.i in owners) or nominal
            or (owner is None and _complement_of(clause, span.root.head)))


_COMPLEMENTS = frozenset({"xcomp", "conj"})


def _complement_of(clause: Token, verb: Token) -> bool:
    """"Later that year the two agreed to buy the boats": a clause reached from ``verb``
    only through complements and coordination ("to buy", "and approved") shares its time."""
    node = clause
    while node.dep_ in _COMPLEMENTS and node.head.i != node.i:
        node = node.head
        if node.i == verb.i:
            return True
    return False


__all__ = [
    "BASE_GRAINS", "NUMBER_PATTERN", "ChainRule", "DatingCues", "Unit", "chain_applies", "chain_match",
    "chained_date", "load_dating_cues", "owning_clause", "parse_dating_cues",
]
