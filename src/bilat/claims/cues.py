"""The claim cue words of ``data/claims.yaml`` as frozen lookup tables, and the
tolerances of ``data/claim_tolerances.yaml``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import read_validated_mapping


def _alt(words: frozenset[str] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _invert(groups: dict[str, list[str]]) -> dict[str, str]:
    return {w.lower(): name for name, words in groups.items() for w in words}


@dataclass(frozen=True)
class ClaimCues:
    qualifiers: dict[str, str]          # phrase -> at_most | at_least | approximate
    qualifier_tail: re.Pattern[str]     # a qualifier phrase ending the text before a number
    increments: frozenset[str]
    stage_verbs: dict[str, str]         # lemma -> stage
    stage_nouns: dict[str, str]
    change: re.Pattern[str]             # "from (an initial) N to M"
    agreement_nouns: dict[str, str]     # noun -> class
    earlier_modifiers: frozenset[str]
    date_verbs: dict[str, str]          # lemma -> attribute
    date_nouns: dict[str, str]          # "signing" -> "signed"
    weapon_type_nouns: dict[str, frozenset[str]]   # last word of a weapon type -> generic nouns
    until_words: frozenset[str]
    rank: re.Pattern[str]
    descriptor_nouns: frozenset[str]
    uncounted_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    definite_words: frozenset[str]


@lru_cache(maxsize=1)
def claim_cues() -> ClaimCues:
    data = read_validated_mapping("claims.yaml")
    qualifiers = {p.lower(): kind for kind, phrases in data["qualifiers"].items() for p in phrases}
    ordinal = (r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)")
    rank = re.compile(
        rf"(?i)\b(?:(?P<hedge>{_alt(data['rank_hedges'])})\s+)?(?:the\s+|its\s+|their\s+)?"
        rf"(?:(?P<ord>{ordinal})(?:[-\s]+(?P<sup>{_alt(data['superlatives'])}))?"
        rf"|(?P<sup1>{_alt(data['superlatives'])}))\s+(?P<noun>{_alt(data['rank_nouns'])})\b"
        rf"(?:\s+(?:to\s+(?P<verb>[a-z]+)|(?P<ing>[a-z]+ing)\b))?")
    change = re.compile(
        rf"(?i)\bfrom\s+(?:an?\s+|the\s+)?(?:(?:{_alt(data['change_words'])})\s+)?(?P<first>[\w,.\-]+)"
        r"(?:\s+\w+)?\s+to\s+(?:some\s+|about\s+)?(?P<second>[\w,.\-]+)")
    return ClaimCues(
        qualifiers=qualifiers,
        qualifier_tail=re.compile(rf"(?i)\b(?P<q>{_alt(qualifiers)})\s*$"),
        increments=frozenset(w.lower() for w in data["increments"]),
        stage_verbs=_invert(data["stages"]),
        stage_nouns=_invert(data["stage_nouns"]),
        change=change,
        agreement_nouns=_invert(data["agreement_nouns"]),
        earlier_modifiers=frozenset(w.lower() for w in data["earlier_modifiers"]),
        date_verbs=_invert(data["date_verbs"]),
        date_nouns=_invert(data["date_nouns"]),
        weapon_type_nouns={k.lower(): frozenset(w.lower() for w in v) for k, v in data["weapon_type_nouns"].items()},
        until_words=frozenset(w.lower() for w in data["until_words"]),
        rank=rank,
        descriptor_nouns=frozenset(w.lower() for w in data["descriptor_nouns"]),
        uncounted_nouns=frozenset(w.lower() for w in data["uncounted_nouns"]),
        measure_nouns=frozenset(w.lower() for w in data["measure_nouns"]),
        definite_words=frozenset(w.lower() for w in data["definite_words"]),
    )


@dataclass(frozen=True)
class Tolerances:
    money_relative: float = 0.10
    quantity_exact: float = 0.0
    quantity_approximate: float = 0.10
    date_slack_days: int = 0
    rank_exact: int = 0


@lru_cache(maxsize=1)
def load_tolerances() -> Tolerances:
    data = read_validated_mapping("claim_tolerances.yaml")
    return Tolerances(
        money_relative=float(data["money"]["relative"]),
        quantity_exact=float(data["quantity"]["exact"]),
        quantity_approximate=float(data["quantity"]["approximate"]),
        date_slack_days=int(data["dates"]["slack_days"]),
        rank_exact=int(data["rank"]["exact"]),
    )
