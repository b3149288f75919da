"""Clues to a publication date, and the rule that combines them.

A :class:`Clue` says "the document was published inside one of these intervals"
and names what it rests on. A clue may hold several intervals: a weekday-date
pair without a year ("Thursday, December 5") fits every year in which that day
is a Thursday, and a yearless dateline ("ANKARA, March 3 (AFP) -") fits every
March 3. :func:`combine` intersects clues strongest first; a clue that would
leave nothing is set aside as overruled, so weak clues never override strong
ones and the losers can be reported.

Clues range over the calendar years 1990-2100; an end of the result is open
unless a clue that is not periodic closes it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..records import PubBasis

Interval = tuple[date, date]

FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2100, 12, 31)
EVERYTHING: tuple[Interval, ...] = ((FIRST_DAY, LAST_DAY),)


@dataclass(frozen=True)
class Clue:
    """Publication lies in one of ``intervals`` (sorted, disjoint), because of ``evidence``.

    ``rank`` orders clues by trust (higher wins a conflict); ``basis`` is the
    basis the result takes when this is the strongest clue it rests on;
    ``periodic`` marks candidates spread over the calendar (a yearless dateline).
    """

    evidence: str
    intervals: tuple[Interval, ...]
    rank: int
    basis: PubBasis = "inferred"
    periodic: bool = False     # the same day in many years: narrows, but bounds nothing alone


def between(start: date | None, end: date | None) -> tuple[Interval, ...]:
    """One interval, open ends clipped to the calendar; empty when end < start."""
    lo = max(start or FIRST_DAY, FIRST_DAY)
    hi = min(end or LAST_DAY, LAST_DAY)
    return ((lo, hi),) if lo <= hi else ()


def intersect(a: tuple[Interval, ...], b: tuple[Interval, ...]) -> tuple[Interval, ...]:
    """The intervals common to two sorted, disjoint interval lists."""
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


def union(intervals: list[Interval]) -> tuple[Interval, ...]:
    """Sorted, disjoint intervals covering the same days (touching ones merge)."""
    out: list[Interval] = []
    for lo, hi in sorted(intervals):
        if out and lo.toordinal() <= out[-1][1].toordinal() + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return tuple(out)


@dataclass(frozen=True)
class Combined:
    intervals: tuple[Interval, ...]
    used: tuple[Clue, ...]
    overruled: tuple[Clue, ...]


def combine(clues: list[Clue]) -> Combined:
    """Intersect the clues, strongest first (rank, then order given); a clue whose
    intersection with the stronger ones is empty is overruled and left out."""
    current = EVERYTHING
    used: list[Clue] = []
    overruled: list[Clue] = []
    for clue in sorted(clues, key=lambda c: -c.rank):
        narrowed = intersect(current, clue.intervals)
        if narrowed:
            current = narrowed
            used.append(clue)
        else:
            overruled.append(clue)
    return Combined(current, tuple(used), tuple(overruled))


def hull(combined: Combined, ceiling: Clue | None = None) -> tuple[date | None, date | None]:
    """The narrowest single interval holding what is left. An end is open (None) unless a
    used clue that is not periodic closes it inside the calendar.

    ``ceiling`` is the "not after today" clue. Alone it closes nothing, but when a solid
    clue fixes the start and a periodic clue (a yearless dateline, a weekday-date pair)
    leaves only separate candidates between that start and today, the last candidate
    is a true end: "Tuesday, April 19" after September 2019 and not after 2026 can only
    be 2022, so the end is that week's, not open."""
    if not combined.intervals:
        return None, None
    solid = [c for c in combined.used if not c.periodic and c.intervals]
    low = any(c.intervals[0][0].year > FIRST_DAY.year for c in solid)
    high = any(c.intervals[-1][1].year < LAST_DAY.year for c in solid)
    if low and not high and ceiling is not None and ceiling in combined.used:
        high = any(c.periodic and c is not ceiling for c in combined.used)
    return (combined.intervals[0][0] if low else None), (combined.intervals[-1][1] if high else None)


def interval_text(interval: Interval) -> str:
    """"2019-12-09..2019-12-15", or one day as "2019-12-05"."""
    lo, hi = interval
    return lo.isoformat() if lo == hi else f"{lo.isoformat()}..{hi.isoformat()}"
