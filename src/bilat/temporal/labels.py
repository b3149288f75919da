"""An event date as a short label with the precision it is known to, and the order of a
timeline.

Labels: "2021-06-09" (a day), "2021-06-12..2021-06-20" (a range of days), "2021-06"
(a month), "2021" (a year), "2019..2021" (several years), "2020s" (a decade), "20th
century", "before 2019" (open at the start, ending on the last day of 2018), "until
2021-06-20" (open at the start, ending mid-period), "since 2016" (open at the end),
"?" (unknown).
"""
from __future__ import annotations

from datetime import date, timedelta

from ..records import TimeSpan


def _at(day: date, granularity: str) -> str:
    if granularity == "month":
        return day.isoformat()[:7]
    if granularity in ("year", "decade", "century"):
        return str(day.year)
    return day.isoformat()


def _starts_period(day: date, granularity: str) -> bool:
    """Is ``day`` the first day of a period of this granularity?"""
    if granularity == "month":
        return day.day == 1
    if granularity in ("year", "decade", "century"):
        return (day.month, day.day) == (1, 1)
    return True


def _closed_label(start: date, end: date, granularity: str) -> str:
    if granularity == "decade" and start.year % 10 == 0 and end.year == start.year + 9:
        return f"{start.year}s"
    if granularity == "century" and start.year % 100 == 0 and end.year == start.year + 99:
        number = start.year // 100 + 1
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix} century"
    if granularity == "decade" and end.year - start.year <= 9 and start.year // 10 == end.year // 10:
        return f"{start.year // 10 * 10}s"
    first, last = _at(start, granularity), _at(end, granularity)
    return first if first == last else f"{first}..{last}"


def date_label(span: TimeSpan) -> str:
    """The date as precisely as it is known (see the module docstring)."""
    start, end, grain = span.start, span.end, span.granularity
    if start is None and end is None:
        return "?"
    if start is None:
        assert end is not None
        after = end + timedelta(days=1)
        if grain != "day" and _starts_period(after, grain):
            return f"before {_at(after, grain)}"
        return f"until {_at(end, grain)}"
    if end is None:
        return f"since {_at(start, grain)}"
    return _closed_label(start, end, grain)


def timeline_key(span: TimeSpan) -> tuple[int, date, date]:
    """Sort key for a timeline: dated events by the day they start (an open start sorts by
    its end), the shorter first on ties; undated events last."""
    if span.start is None and span.end is None:
        return (1, date.max, date.max)
    first = span.start or span.end
    assert first is not None
    return (0, first, span.end or date.max)


__all__ = ["date_label", "timeline_key"]
