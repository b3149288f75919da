"""Claims about the same subject and attribute that disagree beyond tolerance.

Blocking: claims are grouped by (kind, subject, attribute) — the same weapon
system between the same states, the same agreement, the same actor — and only
claims within one group are compared — and within a group each distinct value
once — so the work grows with the number of claims and of the distinct values a
subject is given, never with all pairs of claims. Within a group:

- counts: two exact counts differ; "about N" allows the approximate tolerance;
  "up to N" / "at least N" bound the other; increments ("30 more") are compared
  only with increments. Counts the texts place in different years are
  different facts (an order in 2015 and one in 2021), never a contradiction.
- money: amounts in one currency (or in currencies an official peg ties) more
  than the relative tolerance apart; other currencies are "not comparable".
- dates of facts: the two intervals do not overlap.
- ranks: different ranks, unless one is hedged ("among the first").
- descriptions are never compared.

Two claims in the same sentence are never compared with each other.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from itertools import combinations
from typing import Iterable, Literal

from ..records import Claim, ClaimSubject
from .cues import Tolerances, load_tolerances
from .normalise import comparable_amounts

Status = Literal["contradiction", "not_comparable"]
COMPARED_KINDS = frozenset({"quantity", "money", "date", "rank"})


@dataclass(frozen=True)
class Contradiction:
    """Two claims about one subject and attribute that disagree (or cannot be compared)."""

    status: Status
    kind: str
    subject: ClaimSubject
    attribute: str
    first: Claim
    second: Claim
    reason: str


def _group_key(c: Claim) -> tuple:
    increment = c.qualifier == "increment"
    return (c.kind, c.subject.key, c.attribute, increment)


def _relative(a: float, b: float) -> float:
    top = max(abs(a), abs(b))
    return abs(a - b) / top if top else 0.0


def _interval(c: Claim) -> tuple[float, float]:
    low = c.value or 0.0
    return low, c.value_max if c.value_max is not None else low


def _bounded_conflict(bound: Claim, other: Claim) -> bool:
    """"up to N" / "at least N" against another value: only a value outside the bound conflicts."""
    limit = bound.value or 0.0
    low, high = _interval(other)
    if bound.qualifier == "at_most":
        return low > limit
    return high < limit


def _quantity_conflict(a: Claim, b: Claim, tol: Tolerances) -> str | None:
    if a.context_year and b.context_year and a.context_year != b.context_year:
        return None           # placed in different years: different facts
    if a.qualifier in {"at_most", "at_least"} and b.qualifier in {"at_most", "at_least"}:
        return None
    for bound, other in ((a, b), (b, a)):
        if bound.qualifier in {"at_most", "at_least"}:
            return _describe(a, b) if _bounded_conflict(bound, other) else None
    if a.value is None or b.value is None or a.value == b.value:
        return None
    slack = tol.quantity_approximate if "approximate" in {a.qualifier, b.qualifier} else tol.quantity_exact
    return _describe(a, b) if _relative(a.value, b.value) > slack else None


_NUMERAL = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _rounding(c: Claim) -> float:
    """Half the last digit an amount is stated to, in the claim's unit: "16 billion" may be
    anything from 15.5 to 16.5 billion, "3.75 billion" from 3.745 to 3.755 billion."""
    m = _NUMERAL.search(c.text)
    if m is None or not c.value:
        return 0.0
    written = float(m.group(0).replace(",", ""))
    if not written:
        return 0.0
    decimals = len(m.group(1) or "")
    return 0.5 * 10 ** -decimals * (c.value / written)


def _money_conflict(a: Claim, b: Claim, tol: Tolerances) -> tuple[Status, str] | None:
    if a.context_year and b.context_year and a.context_year != b.context_year:
        return None
    if a.unit is None or b.unit is None or a.value is None or b.value is None:
        return None
    pair = comparable_amounts((a.unit, a.value), (b.unit, b.value))
    if pair is None:
        return "not_comparable", f"{a.text} vs {b.text}: different currencies, no fixed rate"
    (low_a, high_a), (low_b, high_b) = _interval(a), _interval(b)
    scale_a, scale_b = pair[0] / a.value, pair[1] / b.value
    low_a, high_a, low_b, high_b = low_a * scale_a, high_a * scale_a, low_b * scale_b, high_b * scale_b
    gap = max(low_b - high_a, low_a - high_b, 0.0)
    if gap == 0.0:
        return None
    if "approximate" in {a.qualifier, b.qualifier}:
        if gap / max(high_a, high_b) <= tol.money_relative:
            return None
    elif gap <= max(_rounding(a) * scale_a, _rounding(b) * scale_b):
        return None
    return "contradiction", _describe(a, b)


def _date_conflict(a: Claim, b: Claim, tol: Tolerances) -> str | None:
    da, db = a.date, b.date
    if da is None or db is None or None in (da.start, da.end, db.start, db.end):
        return None
    slack = timedelta(days=tol.date_slack_days)
    if da.start <= db.end + slack and db.start <= da.end + slack:  # type: ignore[operator]
        return None
    return _describe(a, b)


def _rank_conflict(a: Claim, b: Claim, tol: Tolerances) -> str | None:
    if "approximate" in {a.qualifier, b.qualifier} or a.value is None or b.value is None:
        return None
    return _describe(a, b) if abs(a.value - b.value) > tol.rank_exact else None


def _describe(a: Claim, b: Claim) -> str:
    return f"{a.text!r} vs {b.text!r}"


def _compare(a: Claim, b: Claim, tol: Tolerances) -> tuple[Status, str] | None:
    if a.doc_id == b.doc_id and a.sentence_start == b.sentence_start:
        return None
    return _compare_values(a, b, tol)


def _compare_values(a: Claim, b: Claim, tol: Tolerances) -> tuple[Status, str] | None:
    if a.kind == "money":
        return _money_conflict(a, b, tol)
    check = {"quantity": _quantity_conflict, "date": _date_conflict, "rank": _rank_conflict}.get(a.kind)
    reason = check(a, b, tol) if check else None
    return ("contradiction", reason) if reason else None


def _by_value(members: list[Claim]) -> list[list[Claim]]:
    """Claims of one group with the same value (and qualifier, unit, year, date) together: the
    values are compared once, so the work grows with the distinct values a subject is given,
    and the pairs listed with the disagreements found."""
    out: dict[tuple, list[Claim]] = defaultdict(list)
    for c in sorted(members, key=lambda c: (c.doc_id, c.start)):
        d = c.date
        out[(c.value, c.value_max, c.unit, c.qualifier, c.context_year,
             d.start if d else None, d.end if d else None)].append(c)
    return list(out.values())


def _ordered(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    return (a, b) if (a.doc_id, a.start) <= (b.doc_id, b.start) else (b, a)


def find_contradictions(claims: Iterable[Claim], tolerances: Tolerances | None = None,
                        include_not_comparable: bool = True) -> list[Contradiction]:
    """Every pair of claims about one subject and attribute that disagree; with
    ``include_not_comparable`` also the pairs in currencies that cannot be compared."""
    tol = tolerances or load_tolerances()
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind in COMPARED_KINDS:
            groups[_group_key(claim)].append(claim)
    out: list[Contradiction] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        for xs, ys in combinations(_by_value(members), 2):
            if _compare_values(xs[0], ys[0], tol) is None:
                continue                  # values agree: no pair of their claims disagrees
            for a in xs:
                for b in ys:
                    result = _compare(a, b, tol)
                    if result is None or (result[0] == "not_comparable" and not include_not_comparable):
                        continue
                    first, second = _ordered(a, b)
                    out.append(Contradiction(result[0], a.kind, a.subject, a.attribute, first, second, result[1]))
    out.sort(key=lambda c: (c.status, c.subject.key, c.attribute, c.first.doc_id, c.first.start, c.second.doc_id))
    return out
