"""What the per-sentence claim finders share: a found claim before it is tied to its
document, and the small helpers they all use."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from ..records import ClaimSubject, TimeSpan

COUNTRY_LABELS = frozenset({"GPE", "NORP"})
GRAINS = frozenset({"day", "month", "year"})   # date precisions a fact can be placed at
YEAR_LIKE = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(frozen=True)
class Found:
    """A claim before it is tied to the document: offsets relative to the sentence."""

    kind: str
    subject: ClaimSubject
    attribute: str
    start: int
    end: int
    value: float | None = None
    value_max: float | None = None
    previous: float | None = None
    unit: str | None = None
    date: TimeSpan | None = None
    qualifier: str = "exact"
    description: str | None = None


def tokens_in(sent: Span, start: int, end: int) -> Span | None:
    """The tokens covering sentence-relative characters [start, end)."""
    return sent.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")


def ordinal_value(word: str) -> float | None:
    """"second" -> 2.0, "7th" -> 7.0."""
    words = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
    w = word.lower()
    if w in words:
        return float(words.index(w) + 1)
    digits = re.match(r"(\d+)", w)
    return float(digits.group(1)) if digits else None
