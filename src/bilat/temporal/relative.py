"""Relative date expressions that only the publication date can place: weekdays
("on Wednesday", "last Thursday"), weeks ("last week", "earlier this week"),
parts of the current month or year ("earlier this month", "later this year")
and counts back ("two weeks ago").

:func:`find_relative_dates` complements :func:`~bilat.temporal.expressions.find_dates`
(which already reads "yesterday", "last year", "this month" ...): it returns
:class:`~bilat.temporal.expressions.DateMention` objects with basis "relative".

Conventions (choices, stated once):

- Weeks run Monday to Sunday; "last week" is the whole week before the anchor's
  week, "the past week" the seven days up to the anchor. Granularity "day"
  (a range of days).
- A bare weekday ("on Wednesday") in a report of the past is the most recent
  such day on or before the anchor; in a plan ("will meet on Wednesday") the
  next such day on or after the anchor; "last Wednesday" is strictly before,
  "next Wednesday" strictly after.
- "earlier this month" runs from the month's first day to the anchor, "later
  this month" from the anchor to its last day (granularity "month"; the same
  for week and year).
- "N days ago" is that day; "N weeks ago" the week (Monday..Sunday) holding
  the day N*7 days back; "N months / years ago" the month / year holding it.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

from ..records import Granularity, TimeSpan
from .expressions import DateMention

Direction = Literal["past", "future", "nearest"]

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "a few": 3, "several": 3})

_NUMBER = r"(?P<n>\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_WEEKDAY = re.compile(
    r"\b(?:(?P<mod>(?i:last|this|next|past|previous|coming))\s+)?(?P<wd>" + "|".join(WEEKDAY_NAMES) + r")"
    r"(?!\s*,?\s*(?:the\s+)?(?:\d|January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan\b|Feb\b|Mar\b|Apr\b|Jun\b|Jul\b|Aug\b|Sep|Oct\b|Nov\b|Dec\b))\b")
_WEEK = re.compile(r"\b(?P<mod>last|this|next|past|previous|coming)\s+week\b", re.IGNORECASE)
_PART_OF_CURRENT = re.compile(r"\b(?P<part>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)\b",
                              re.IGNORECASE)
_AGO = re.compile(rf"\b{_NUMBER}\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE)
_FIXED_DAY = re.compile(r"\b(?P<word>the\s+day\s+before\s+yesterday|tonight|this\s+(?:morning|afternoon|evening))\b",
                        re.IGNORECASE)


def _span(start: date, end: date, grain: Granularity, text: str) -> TimeSpan:
    return TimeSpan(start, end, grain, "relative", text)


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def weekday_on(weekday: int, anchor: date, direction: Direction, strict: bool = False) -> date:
    """The ``weekday`` (0 = Monday) before (past / nearest) or after (future) ``anchor``;
    ``strict`` leaves out the anchor itself."""
    if direction == "future":
        ahead = (weekday - anchor.weekday()) % 7
        return anchor + timedelta(days=ahead or (7 if strict else 0))
    back = (anchor.weekday() - weekday) % 7
    return anchor - timedelta(days=back or (7 if strict else 0))


def _weekday_span(m: re.Match[str], anchor: date, direction: Direction) -> TimeSpan | None:
    weekday = WEEKDAY_NAMES.index(m.group("wd"))
    mod = (m.group("mod") or "").lower()
    if mod in ("last", "past", "previous"):
        day = weekday_on(weekday, anchor, "past", strict=True)
    elif mod in ("next", "coming"):
        day = weekday_on(weekday, anchor, "future", strict=True)
    elif mod == "this":
        monday, _ = _week_of(anchor)
        day = monday + timedelta(days=weekday)
    else:
        day = weekday_on(weekday, anchor, direction)
    return _span(day, day, "day", m.group(0))


def _week_span(m: re.Match[str], anchor: date, direction: Direction) -> TimeSpan | None:
    mod = m.group("mod").lower()
    if mod == "past":
        return _span(anchor - timedelta(days=7), anchor, "day", m.group(0))
    shift = {"last": -7, "previous": -7, "this": 0, "next": 7, "coming": 7}[mod]
    start, end = _week_of(anchor + timedelta(days=shift))
    return _span(start, end, "day", m.group(0))


def _part_span(m: re.Match[str], anchor: date, direction: Direction) -> TimeSpan | None:
    unit = m.group("unit").lower()
    if unit == "week":
        start, end = _week_of(anchor)
        grain: Granularity = "day"
    elif unit == "month":
        start, end = _month_bounds(anchor.year, anchor.month)
        grain = "month"
    else:
        start, end = date(anchor.year, 1, 1), date(anchor.year, 12, 31)
        grain = "year"
    if m.group("part").lower() == "earlier":
        return _span(start, anchor, grain, m.group(0))
    return _span(anchor, end, grain, m.group(0))


def _ago_span(m: re.Match[str], anchor: date, direction: Direction) -> TimeSpan | None:
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = m.group("unit").lower()
    if unit == "day":
        day = anchor - timedelta(days=n)
        return _span(day, day, "day", m.group(0))
    if unit == "week":
        start, end = _week_of(anchor - timedelta(days=7 * n))
        return _span(start, end, "day", m.group(0))
    if unit == "month":
        start, end = _month_bounds(*_shift_month(anchor, -n))
        return _span(start, end, "month", m.group(0))
    year = anchor.year - n
    return _span(date(year, 1, 1), date(year, 12, 31), "year", m.group(0))


def _fixed_day_span(m: re.Match[str], anchor: date, direction: Direction) -> TimeSpan | None:
    day = anchor - timedelta(days=2) if "yesterday" in m.group("word").lower() else anchor
    return _span(day, day, "day", m.group(0))


_RULES = ((_FIXED_DAY, _fixed_day_span), (_PART_OF_CURRENT, _part_span), (_AGO, _ago_span),
          (_WEEK, _week_span), (_WEEKDAY, _weekday_span))


def find_relative_dates(text: str, anchor: date, direction: Direction = "nearest") -> list[DateMention]:
    """Relative expressions in ``text`` placed by ``anchor`` (the publication day), in
    order and without overlaps. ``direction`` says whether the clause reports the past
    or a plan; it decides which "Wednesday" is meant."""
    found: list[DateMention] = []
    for pattern, build in _RULES:
        for m in pattern.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            span = build(m, anchor, direction)
            if span is not None:
                found.append(DateMention(m.start(), m.end(), m.group(0), span))
    return sorted(found, key=lambda f: f.start)


__all__ = ["Direction", "find_relative_dates", "weekday_on"]
